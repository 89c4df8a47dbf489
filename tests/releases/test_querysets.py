"""The query vocabulary of releases, checked against literal expectations on dated releases."""

from datetime import date

import pytest

from releases.models import Release
from tests.factories import (
    OfficeFactory,
    PersonFactory,
    ProjectFactory,
    ReleaseContactFactory,
    ReleaseFactory,
)
from tests.helpers import facet

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated():
    for title, published in [
        ("Mars 2019", date(2019, 3, 1)),
        ("Sans date", None),
        ("Janvier 2021", date(2021, 1, 10)),
        ("Décembre 2019", date(2019, 12, 31)),
    ]:
        # An undated release was first imported in June 2020.
        ReleaseFactory(title=title, published=published, imported_on=date(2020, 6, 1))


def test_newest_first_with_undated_placed_by_their_first_import(dated):
    assert list(Release.objects.newest_first().values_list("title", flat=True)) == [
        "Janvier 2021", "Sans date", "Décembre 2019", "Mars 2019",
    ]  # fmt: skip


def test_the_list_shows_newest_first_and_says_when_an_undated_release_came(client, dated):
    response = client.get("/")
    page = response.context["page"]
    assert [r.title for r in page.object_list] == ["Janvier 2021", "Sans date", "Décembre 2019", "Mars 2019"]
    assert (
        'Sans date (importé le <time datetime="2020-06-01">1er juin 2020</time>)' in response.content.decode()
    )
    # Not in a year's list: it has no year.
    assert "Sans date" not in [r.title for r in client.get("/?year=2020").context["page"].object_list]


def test_year_filter_and_its_facet(client, dated):
    page = client.get("/", {"year": "2019"}).context["page"]
    assert [r.title for r in page.object_list] == ["Décembre 2019", "Mars 2019"]
    years = facet(client.get("/"), "year")
    assert [(y["value"], y["label"], y["count"], y["url"]) for y in years] == [
        ("2021", "2021", 1, "?year=2021"),
        ("2019", "2019", 2, "?year=2019"),
    ]
    # Live over a filtered list, as stored over every release.
    years = facet(client.get("/", {"month": "12"}), "year")
    assert [(y["value"], y["count"]) for y in years] == [("2019", 1)]


def test_a_year_and_a_month_are_a_range_of_dates(client, dated):
    page = client.get("/", {"year": "2019", "month": "12"}).context["page"]
    assert [r.title for r in page.object_list] == ["Décembre 2019"]
    assert list(client.get("/", {"year": "2019", "month": "2"}).context["page"].object_list) == []
    assert Release.objects.get(title="Mars 2019").year == 2019
    assert Release.objects.get(title="Sans date").year is None


def test_related_releases_share_a_contact_a_project_or_the_office():
    office, elsewhere = OfficeFactory(), OfficeFactory()
    person, project = PersonFactory(office=elsewhere), ProjectFactory()
    release = ReleaseFactory(title="Le communiqué", office=office, projects=[project])
    ReleaseContactFactory(release=release, person=person)
    ReleaseFactory(title="Même bureau", office=office, published=date(2020, 1, 1))
    ReleaseFactory(title="Même projet", office=elsewhere, projects=[project], published=date(2021, 1, 1))
    same_contact = ReleaseFactory(title="Même contact", office=elsewhere, imported_on=date(2019, 1, 1))
    ReleaseContactFactory(release=same_contact, person=person)
    ReleaseFactory(title="Sans rapport", office=elsewhere)
    related = Release.objects.for_listing().related_to(Release.objects.with_details().get(pk=release.pk), 5)
    assert [other.title for other in related] == ["Même projet", "Même bureau", "Même contact"]
    # A release sharing two things with it is listed once; the limit keeps the newest.
    ReleaseContactFactory(release=Release.objects.get(title="Même projet"), person=person)
    related = Release.objects.for_listing().related_to(Release.objects.with_details().get(pk=release.pk), 2)
    assert [other.title for other in related] == ["Même projet", "Même bureau"]


def test_having_contacts():
    with_contact = ReleaseFactory(title="Avec")
    ReleaseContactFactory(release=with_contact)
    ReleaseFactory(title="Sans")
    assert list(Release.objects.having_contacts().values_list("title", flat=True)) == ["Avec"]
    assert list(Release.objects.having_contacts(False).values_list("title", flat=True)) == ["Sans"]


def test_related_releases_sharing_two_contacts_are_listed_once():
    first, second = PersonFactory(), PersonFactory()
    release = ReleaseFactory(title="Le communiqué", office=None)
    for person in (first, second):
        ReleaseContactFactory(release=release, person=person)
    for year in (2015, 2016, 2017):  # newer, each naming both
        other = ReleaseFactory(title=f"Les deux {year}", office=None, published=date(year, 1, 1))
        for person in (first, second):
            ReleaseContactFactory(release=other, person=person)
    for year in (2010, 2011, 2012):
        ReleaseContactFactory(
            release=ReleaseFactory(title=f"Un seul {year}", office=None, published=date(year, 1, 1)),
            person=first,
        )
    related = Release.objects.for_listing().related_to(Release.objects.with_details().get(pk=release.pk), 5)
    assert [other.title for other in related] == [
        "Les deux 2017", "Les deux 2016", "Les deux 2015", "Un seul 2012", "Un seul 2011",
    ]  # fmt: skip
