"""Offices, people and projects in the API; identifiers that last: a release keeps its id
and addresses through new imports and corrections, a merged-away person or office
answers 301 to the one kept."""

import pytest

from contacts.merging import merge_entities, undo_merge
from contacts.models import ContactPerson, CountryOffice, Project
from releases.models import Release
from tests.factories import OfficeFactory, PersonFactory, ReleaseContactFactory, ReleaseFactory
from tests.helpers import FIXTURES, run_import

pytestmark = pytest.mark.django_db


def get(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()


def test_offices_people_and_projects_of_the_samples(client, imported_samples):
    offices = get(client, "/api/v1/offices/?limit=100")
    assert offices["count"] == CountryOffice.objects.count() == 6
    rome = next(o for o in offices["results"] if o["name"] == "OIM Rome")
    assert rome["country"] == "IT" and rome["slug"] == "oim-rome"
    assert rome["page"] == "http://testserver/offices/oim-rome/"
    assert rome["releases"] == "http://testserver/api/v1/releases/?office=oim-rome"
    assert get(client, rome["releases"].removeprefix("http://testserver"))["count"] == 1
    assert get(client, rome["url"].removeprefix("http://testserver")) == rome

    karla = ContactPerson.objects.get(name="Karla Villamar")
    person = get(client, f"/api/v1/people/{karla.pk}/")
    assert person["email"] == "kvillamar@iom.int"
    assert person["phones"] == ["+50223336052;ext=125"]
    assert person["office"]["name"] == "OIM Guatemala"
    assert [p["name"] for p in get(client, "/api/v1/people/?country=GT&limit=100")["results"]] == [
        p.name for p in ContactPerson.objects.filter(office__country="GT").order_by("pk")
    ]
    assert get(client, "/api/v1/people/?q=villamar")["count"] == 1
    assert get(client, "/api/v1/people/?office=no-such-office")["count"] == 0
    assert get(client, "/api/v1/projects/?q=midla")["results"][0]["acronym"] == "MIDLA"
    assert get(client, "/api/v1/offices/?q=rome")["count"] == 1


def test_entity_lists_walk_by_cursor(client, imported_samples):
    seen, url = [], "/api/v1/people/?limit=2"
    while url:
        page = get(client, url)
        seen += [p["id"] for p in page["results"]]
        url = page["next"] and page["next"].removeprefix("http://testserver")
    assert seen == sorted(ContactPerson.objects.values_list("pk", flat=True))


def test_a_release_keeps_its_id_and_addresses_through_imports_and_corrections(client, tmp_path):
    page = next(FIXTURES.glob("003_*.txt"))
    copy = tmp_path / page.name
    copy.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    run_import(copy)
    release = Release.objects.get()
    before = get(client, f"/api/v1/releases/{release.pk}/")

    # The page changes at its source and is imported again.
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("premier abri", "premier refuge"), encoding="utf-8"
    )
    assert run_import(copy)["updated"] == 1
    after_import = get(client, f"/api/v1/releases/{release.pk}/")
    assert "premier refuge" in after_import["body"]

    # An editor corrects the title.
    release.refresh_from_db()
    release.title = "Un refuge pour les victimes de traite"
    release.lock_fields(["title"])
    release.save()
    corrected = get(client, f"/api/v1/releases/{release.pk}/")
    assert corrected["title"] == "Un refuge pour les victimes de traite"

    assert Release.objects.count() == 1
    for data in (after_import, corrected):
        assert (data["id"], data["url"], data["page"]) == (before["id"], before["url"], before["page"])
    assert client.get(before["page"].removeprefix("http://testserver")).status_code == 200


def test_a_merged_away_person_or_office_answers_301_to_the_one_kept(client):
    office, duplicate_office = OfficeFactory(name="OIM Dakar"), OfficeFactory(name="IOM Dakar")
    kept = PersonFactory(name="Fatou Diallo", office=office)
    twin = PersonFactory(name="Fatou Diallo", email="f.diallo@iom.int", office=office)
    third = PersonFactory(name="F. Diallo", email="fdiallo@iom.int", office=office)
    ReleaseContactFactory(release=ReleaseFactory(office=office), person=twin)

    merge_entities(kept, [twin])
    response = client.get(f"/api/v1/people/{twin.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"http://testserver/api/v1/people/{kept.pk}/"
    # A merge of the kept one into another: the first address follows both.
    merge_entities(third, [kept])
    assert client.get(f"/api/v1/people/{twin.pk}/")["Location"].endswith(f"/people/{third.pk}/")
    assert client.get(f"/api/v1/people/{kept.pk}/")["Location"].endswith(f"/people/{third.pk}/")

    merge_entities(office, [duplicate_office])
    response = client.get(f"/api/v1/offices/{duplicate_office.pk}/")
    assert response.status_code == 301 and response["Location"].endswith(f"/offices/{office.pk}/")

    # Undone, the office is back at its own address.
    undo_merge(_merge_of(duplicate_office))
    assert client.get(f"/api/v1/offices/{duplicate_office.pk}/").status_code == 200
    # Never merged, never there: 404, in both languages.
    response = client.get("/api/v1/projects/999999/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["message"]["en"] == "Nothing has this identifier."
    assert Project.objects.count() == 0


def _merge_of(row):
    from contacts.models import Merge

    return next(m for m in Merge.objects.filter(kind="office") if any(r["pk"] == row.pk for r in m.merged))


def test_an_entitys_answer_stays_cached_until_it_changes(client):
    office = OfficeFactory(name="OIM Lima", country="PE")
    url = f"/api/v1/offices/{office.pk}/"
    etag = client.get(url)["ETag"]
    ReleaseFactory(office=OfficeFactory(name="OIM Quito"))  # a write elsewhere
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    office.city = "Lima (Pérou)"
    office.save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200 and response.json()["city"] == "Lima (Pérou)"


@pytest.mark.parametrize("kind", ["person", "office", "project"])
def test_releases_whose_links_a_merge_moves_count_as_changed(client, kind):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ProjectFactory

    office, twin_office = OfficeFactory(name="OIM Dakar"), OfficeFactory(name="IOM Dakar")
    kept, twin = PersonFactory(name="Awa Ndiaye", office=office), PersonFactory(name="Awa Ndiaye")
    project, twin_project = ProjectFactory(name="Retour"), ProjectFactory(name="Retour (bis)")
    moved = ReleaseFactory(office=twin_office, projects=[twin_project])
    ReleaseContactFactory(release=moved, person=twin)
    untouched = ReleaseFactory(office=office)
    Release.objects.update(updated_at=timezone.now() - timedelta(days=2))
    since = (timezone.now() - timedelta(hours=1)).isoformat()

    def changed() -> set[int]:
        response = client.get("/api/v1/releases/", {"updated_since": since})
        assert response.status_code == 200, response.content
        return {r["id"] for r in response.json()["results"]}

    pair = {"person": (kept, twin), "office": (office, twin_office), "project": (project, twin_project)}[kind]
    merge = merge_entities(pair[0], [pair[1]])
    assert changed() == {moved.pk}
    Release.objects.update(updated_at=timezone.now() - timedelta(days=2))
    undo_merge(merge)
    assert changed() == {moved.pk} and untouched.pk not in changed()
