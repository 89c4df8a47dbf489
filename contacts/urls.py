from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("offices/", views.office_list, name="office_list"),
    path("offices/<slug:slug>/", views.office_detail, name="office"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<slug:slug>/", views.project_detail, name="project"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
