"""When offices, people or projects are merged (contacts.merging), releases' links
move to the row kept; when the merge is undone, they move back.

What moved is returned to the merge record (`merge.moved["releases"]`), so that
undoing it puts back exactly what was there. The releases whose links moved count
as changed (`updated_at`): what they show changed, and the API's `updated_since`
must find them.
"""

from django.utils import timezone

from contacts.models import ContactPerson, CountryOffice, Project
from core.phones import unique_numbers

from . import facet_counts
from .models import Release, ReleaseContact

KEY = "releases"
FACETS = {ContactPerson: "contact", CountryOffice: "office", Project: "project"}


def move_links(sender, kept, others, merge, **kwargs) -> dict:
    if sender is ContactPerson:
        moved = _move_contact_links(kept, others)
    elif sender is CountryOffice:
        moved = _move_office_links(kept, others)
    elif sender is Project:
        moved = _move_project_links(kept, others)
    else:
        return {}
    facet_counts.recount({FACETS[sender]: {kept.pk, *(other.pk for other in others)}})
    _touch(moved["touched"])
    return {KEY: moved}


def move_links_back(sender, kept, restored, merge, **kwargs) -> None:
    _move_back(kept, merge)
    if sender in FACETS:
        facet_counts.recount({FACETS[sender]: {kept.pk, *(entity.pk for entity in restored)}})
        _touch(merge.moved.get(KEY, {}).get("touched", []))


def _touch(release_ids) -> None:
    Release.objects.filter(pk__in=list(release_ids)).update(updated_at=timezone.now())


def _move_back(kept, merge) -> None:
    moved = merge.moved.get(KEY, {})
    for pk, owner in moved.get("links", {}).items():
        ReleaseContact.objects.filter(pk=pk, person=kept).update(person=owner)
    for row in moved.get("removed_links", []):
        if not ReleaseContact.objects.filter(release=row["release"], person=row["person"]).exists():
            ReleaseContact.objects.create(
                release_id=row["release"], person_id=row["person"], office_id=row["office"],
                phones=row["phones"], position=row["position"],
            )  # fmt: skip
    for pk, owner in moved.get("releases", {}).items():
        Release.objects.filter(pk=pk, office=kept).update(office=owner)
    for pk, owner in moved.get("link_offices", {}).items():
        ReleaseContact.objects.filter(pk=pk, office=kept).update(office=owner)
    through = Release.projects.through
    for pk, owner in moved.get("project_links", {}).items():
        through.objects.filter(pk=pk, project=kept).update(project=owner)
    for release, project in moved.get("removed_project_links", []):
        through.objects.get_or_create(release_id=release, project_id=project)


def _move_contact_links(kept: ContactPerson, others) -> dict:
    moved, removed = {}, []
    for link in ReleaseContact.objects.filter(person__in=others).order_by("pk"):
        kept_link = ReleaseContact.objects.filter(release=link.release_id, person=kept).first()
        if kept_link is None:
            moved[str(link.pk)] = link.person_id
            link.person = kept
            link.save(update_fields=["person"])
            continue
        # Both were contacts of this release: one link, with the phones of both, each number once.
        office = kept_link.office or link.office
        kept_link.phones = unique_numbers(
            [*kept_link.phones, *link.phones], office.country if office else None
        )
        kept_link.save(update_fields=["phones"])
        removed.append(
            {"release": link.release_id, "person": link.person_id, "office": link.office_id,
             "phones": link.phones, "position": link.position}
        )  # fmt: skip
        link.delete()
    touched = ReleaseContact.objects.filter(pk__in=[int(pk) for pk in moved]).values_list(
        "release_id", flat=True
    )
    return {
        "links": moved,
        "removed_links": removed,
        "touched": sorted({*touched, *(r["release"] for r in removed)}),
    }


def _move_office_links(kept: CountryOffice, others) -> dict:
    releases = Release.objects.filter(office__in=others)
    links = ReleaseContact.objects.filter(office__in=others)
    moved = {
        "releases": {str(pk): office for pk, office in releases.values_list("pk", "office")},
        "link_offices": {str(pk): office for pk, office in links.values_list("pk", "office")},
        "touched": sorted(
            {*releases.values_list("pk", flat=True), *links.values_list("release_id", flat=True)}
        ),
    }
    releases.update(office=kept)
    links.update(office=kept)
    return moved


def _move_project_links(kept: Project, others) -> dict:
    through = Release.projects.through
    already = set(through.objects.filter(project=kept).values_list("release_id", flat=True))
    moved, removed, touched = {}, [], set()
    for row in through.objects.filter(project__in=others).order_by("pk"):
        touched.add(row.release_id)
        if row.release_id in already:
            removed.append([row.release_id, row.project_id])
            row.delete()
        else:
            moved[str(row.pk)] = row.project_id
            already.add(row.release_id)
            through.objects.filter(pk=row.pk).update(project=kept)
    return {"project_links": moved, "removed_project_links": removed, "touched": sorted(touched)}
