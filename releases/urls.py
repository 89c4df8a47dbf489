from django.urls import path

from . import feeds, views
from .caching import cached_page

app_name = "portal"

urlpatterns = [
    path("", views.release_list, name="release_list"),
    path("releases/<slug:slug>/", views.release_detail, name="release"),
    path("offices/", views.office_list, name="office_list"),
    path("offices/<slug:slug>/", views.office_detail, name="office"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<slug:slug>/", views.project_detail, name="project"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("feeds/rss/", cached_page(feeds.ReleaseFeed()), name="feed_rss"),
    path("feeds/atom/", cached_page(feeds.ReleaseAtomFeed()), name="feed_atom"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
]
