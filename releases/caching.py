"""What each write changes, and what a release's page shows, for the page cache (core.caching).

A release's page is kept until the release, an office, person or project it
shows, or one of the related releases it lists changes; a new release of one of
its offices, people or projects bumps these, so it appears among the related.
"""

from contacts.models import ContactPerson, CountryOffice
from core.caching import bump_on_m2m, bump_on_writes, tag

from .models import QuotedPerson, Release, ReleaseContact


def release_tags(release: Release, related=()) -> list[str]:
    return [
        tag(release),
        tag(CountryOffice, release.office_id),
        *(tag(ContactPerson, link.person_id) for link in release.contact_links.all()),
        *(tag(CountryOffice, link.office_id) for link in release.contact_links.all()),
        *(tag(project) for project in release.projects.all()),
        *(tag(other) for other in related),
        *(tag(CountryOffice, other.office_id) for other in related),
    ]


def link_tags(release_id, person_id=None, office_id=None) -> list[str]:
    return [tag(Release, release_id), tag(ContactPerson, person_id), tag(CountryOffice, office_id)]


def watch_writes() -> None:
    bump_on_writes(Release, tags=lambda release: [tag(release), tag(CountryOffice, release.office_id)])
    bump_on_writes(
        ReleaseContact, tags=lambda link: link_tags(link.release_id, link.person_id, link.office_id)
    )
    bump_on_writes(QuotedPerson, tags=lambda quote: [tag(Release, quote.release_id)])
    bump_on_m2m(Release.projects.through)
