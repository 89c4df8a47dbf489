"""Merging duplicates: every link moves to the row kept; nothing is lost."""

from django.db import transaction

from contacts.models import ContactPerson, CountryOffice

from .models import Project, Release, ReleaseContact


def _note_merged(kept, others, describe) -> None:
    """What the merged rows were, kept on the row that stays (imported_values['merged'])."""
    merged = list(kept.imported_values.get("merged", []))
    merged += [describe(other) for other in others]
    kept.imported_values = {**kept.imported_values, "merged": merged}


@transaction.atomic
def merge_people(kept: ContactPerson, others: list[ContactPerson]) -> None:
    for other in others:
        for link in ReleaseContact.objects.filter(person=other):
            if ReleaseContact.objects.filter(release=link.release_id, person=kept).exists():
                kept_link = ReleaseContact.objects.get(release=link.release_id, person=kept)
                kept_link.phones = [*kept_link.phones, *(p for p in link.phones if p not in kept_link.phones)]
                kept_link.save(update_fields=["phones"])
                link.delete()
            else:
                link.person = kept
                link.save(update_fields=["person"])
        kept.phones = [*kept.phones, *(p for p in other.phones if p not in kept.phones)]
        if kept.office_id is None:
            kept.office_id = other.office_id
    _note_merged(kept, others, lambda p: {"name": p.name, "email": p.email, "slug": p.slug})
    emails = [o.email for o in others if o.email]
    ContactPerson.objects.filter(pk__in=[o.pk for o in others]).delete()
    if kept.email is None and emails:
        kept.email = emails[0]
    kept.save()


@transaction.atomic
def merge_offices(kept: CountryOffice, others: list[CountryOffice]) -> None:
    ids = [o.pk for o in others]
    Release.objects.filter(office__in=ids).update(office=kept)
    ReleaseContact.objects.filter(office__in=ids).update(office=kept)
    ContactPerson.objects.filter(office__in=ids).update(office=kept)
    for other in others:
        kept.city = kept.city or other.city
        kept.country = kept.country or other.country
    _note_merged(kept, others, lambda o: {"name": o.name, "slug": o.slug})
    CountryOffice.objects.filter(pk__in=ids).delete()
    kept.save()


@transaction.atomic
def merge_projects(kept: Project, others: list[Project]) -> None:
    through = Release.projects.through
    for other in others:
        for release_id in through.objects.filter(project=other).values_list("release_id", flat=True):
            through.objects.get_or_create(release_id=release_id, project=kept)
        kept.acronym = kept.acronym or other.acronym
    _note_merged(kept, others, lambda p: {"name": p.name, "acronym": p.acronym, "slug": p.slug})
    Project.objects.filter(pk__in=[o.pk for o in others]).delete()
    kept.save()  # after the delete: the acronym it may take over is free by then
