from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Communiqués"

    def ready(self):
        from . import signals

        signals.connect()
