from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("offices/", views.office_list, name="office_list"),
    path("offices/<slug:slug>/", views.office_detail, name="office"),
    path("offices/<slug:slug>/contacts.vcf", views.office_vcard, name="office_vcard"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<slug:slug>/", views.project_detail, name="project"),
    path("people/", views.person_list, name="person_list"),
    path("people/annuaire.csv", views.person_csv, name="person_csv"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("people/<slug:slug>/vcard.vcf", views.person_vcard, name="person_vcard"),
]
