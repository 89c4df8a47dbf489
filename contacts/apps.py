from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Bureaux, personnes et projets"

    def ready(self):
        from core.caching import bump_on_writes

        from .models import ContactPerson, CountryOffice, Project

        bump_on_writes(CountryOffice, ContactPerson, Project)
