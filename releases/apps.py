from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Communiqués"

    def ready(self):
        from django.db.backends.signals import connection_created

        from contacts.merging import entity_merged, merge_undone

        from . import facet_counts, merges, search
        from .caching import watch_writes

        watch_writes()
        facet_counts.watch_writes()
        connection_created.connect(search.register_sqlite_functions, dispatch_uid="iomnews-sqlite-stem")
        entity_merged.connect(merges.move_links, dispatch_uid="releases-move-links")
        merge_undone.connect(merges.move_links_back, dispatch_uid="releases-move-links-back")
