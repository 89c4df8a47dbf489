from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: corrections held against imports, the page cache,
    the admin's mixins and forms, the editors' group."""

    name = "core"
    verbose_name = "Outils communs"
