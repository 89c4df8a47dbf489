from django.urls import path

from core.caching import cached_page

from . import feeds, views

app_name = "releases"

urlpatterns = [
    path("", views.release_list, name="release_list"),
    path("facets/<slug:name>/", views.facet_values, name="facet_values"),
    path("releases/<slug:slug>/", views.release_detail, name="release"),
    path("feeds/rss/", cached_page(feeds.ReleaseFeed()), name="feed_rss"),
    path("feeds/atom/", cached_page(feeds.ReleaseAtomFeed()), name="feed_atom"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export-tableur.csv", views.export_spreadsheet, name="export_spreadsheet"),
    path("export.json", views.export_json, name="export_json"),
]
