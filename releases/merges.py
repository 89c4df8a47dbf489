"""When offices, people or projects are merged (contacts.merging), releases' links
move to the row kept; when the merge is undone, they move back.

What moved is returned to the merge record (`merge.moved["releases"]`), so that
undoing it puts back exactly what was there.
"""

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
    return {KEY: moved}


def move_links_back(sender, kept, restored, merge, **kwargs) -> None:
    _move_back(kept, merge)
    if sender in FACETS:
        facet_counts.recount({FACETS[sender]: {kept.pk, *(entity.pk for entity in restored)}})


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
    return {"links": moved, "removed_links": removed}


def _move_office_links(kept: CountryOffice, others) -> dict:
    releases = Release.objects.filter(office__in=others)
    links = ReleaseContact.objects.filter(office__in=others)
    moved = {
        "releases": {str(pk): office for pk, office in releases.values_list("pk", "office")},
        "link_offices": {str(pk): office for pk, office in links.values_list("pk", "office")},
    }
    releases.update(office=kept)
    links.update(office=kept)
    return moved


def _move_project_links(kept: Project, others) -> dict:
    through = Release.projects.through
    already = set(through.objects.filter(project=kept).values_list("release_id", flat=True))
    moved, removed = {}, []
    for row in through.objects.filter(project__in=others).order_by("pk"):
        if row.release_id in already:
            removed.append([row.release_id, row.project_id])
            row.delete()
        else:
            moved[str(row.pk)] = row.project_id
            already.add(row.release_id)
            through.objects.filter(pk=row.pk).update(project=kept)
    return {"project_links": moved, "removed_project_links": removed}
