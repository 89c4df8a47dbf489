"""Every write to the portal's data bumps the data version (see caching.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from contacts.models import ContactPerson, CountryOffice

from .caching import bump_version
from .models import Project, QuotedPerson, Release, ReleaseContact


def _changed(sender, **kwargs):
    if kwargs.get("raw"):
        return  # loading fixtures
    bump_version()


def connect() -> None:
    for model in (Release, ReleaseContact, QuotedPerson, Project, CountryOffice, ContactPerson):
        post_save.connect(_changed, sender=model, dispatch_uid=f"version-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"version-delete-{model.__name__}")
    m2m_changed.connect(_changed, sender=Release.projects.through, dispatch_uid="version-projects")
