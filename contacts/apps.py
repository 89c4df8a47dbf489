from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Bureaux, personnes et projets"

    def ready(self):
        from core.caching import bump_on_writes

        from .models import ContactPerson, CountryOffice, Project

        # A write to one of them bumps its own tag (the pages that show it) and "lists".
        bump_on_writes(CountryOffice, ContactPerson, Project)
