from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every app shares: corrections held against imports, the page cache,
    the admin's mixins and forms, the editors' group."""

    name = "core"
    verbose_name = "Outils communs"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import matching
        from .editors import name_permissions_in_french

        connection_created.connect(matching.register_sqlite_function, dispatch_uid="iomnews-sqlite-plain")

        # After Django's own handler (django.contrib.auth comes first in INSTALLED_APPS).
        post_migrate.connect(name_permissions_in_french, dispatch_uid="core-french-permissions")
        if apps.is_installed("axes"):
            # The admin shows app names in capitals: "AXES" means nothing to anyone.
            apps.get_app_config("axes").verbose_name = "Connexions refusées"
