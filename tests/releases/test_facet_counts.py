"""Stored counts per filter value: exact after every kind of write, without counting every release."""

from datetime import date

import pytest
from django.core.management import call_command

from contacts.merging import merge_entities, undo_merge
from releases import facet_counts
from releases.facet_counts import SOURCES, TOTAL
from releases.models import FacetCount, Release
from tests.factories import (
    OfficeFactory,
    PersonFactory,
    ProjectFactory,
    ReleaseContactFactory,
    ReleaseFactory,
)
from tests.helpers import facet

pytestmark = pytest.mark.django_db


def stored() -> dict:
    return {
        facet: dict(FacetCount.objects.filter(facet=facet).values_list("value", "count"))
        for facet in [*SOURCES, TOTAL]
    }


def counted_now() -> dict:
    """What a count of every release gives, in the stored shape."""
    counts = {facet: facet_counts._live(facet) for facet in SOURCES}
    counts[TOTAL] = {"": Release.objects.count()}
    return counts


@pytest.fixture
def world():
    dakar, rome = OfficeFactory(name="OIM Dakar", country="SN"), OfficeFactory(name="OIM Rome", country="IT")
    fonds, asile = ProjectFactory(name="Fonds Alpha"), ProjectFactory(name="Asile Beta")
    awa, marco = PersonFactory(name="Awa Diop", office=dakar), PersonFactory(name="Marco Rossi", office=rome)
    one = ReleaseFactory(office=dakar, published=date(2020, 3, 1), language="fr", projects=[fonds])
    two = ReleaseFactory(office=rome, published=date(2021, 5, 1), language="es", projects=[fonds, asile])
    ReleaseContactFactory(release=one, person=awa)
    ReleaseContactFactory(release=two, person=marco)
    facet_counts.refresh_all()
    return {"dakar": dakar, "rome": rome, "fonds": fonds, "asile": asile, "awa": awa, "marco": marco,
            "one": one, "two": two}  # fmt: skip


def test_counts_are_made_from_every_release(world):
    counts = stored()
    assert counts["country"] == {"SN": 1, "IT": 1}
    assert counts["year"] == {"2020": 1, "2021": 1}
    assert counts["language"] == {"fr": 1, "es": 1}
    assert counts["project"] == {str(world["fonds"].pk): 2, str(world["asile"].pk): 1}
    assert counts[TOTAL] == {"": 2}


def test_an_editors_changes_recount_what_they_touch(world):
    one = world["one"]
    one.office, one.country, one.published, one.language = world["rome"], "IT", date(2019, 1, 1), "en"
    one.save()
    assert stored()["country"] == {"IT": 2}
    assert stored()["year"] == {"2019": 1, "2021": 1}
    assert stored()["office"] == {str(world["rome"].pk): 2}
    assert stored() == counted_now()


def test_contacts_and_projects_added_changed_and_removed(world):
    one, two = world["one"], world["two"]
    link = ReleaseContactFactory(release=two, person=world["awa"])
    assert stored()["contact"][str(world["awa"].pk)] == 2
    link.person = PersonFactory(name="Nouvelle Personne")
    link.save()
    assert str(world["awa"].pk) in stored()["contact"] and stored() == counted_now()
    link.delete()
    one.projects.add(world["asile"])
    two.projects.remove(world["fonds"])
    world["asile"].releases.remove(one)
    assert stored() == counted_now()
    one.projects.clear()
    assert stored()["project"] == {str(world["asile"].pk): 1}
    assert stored() == counted_now()


def test_deleting_releases_offices_projects_and_people(world):
    world["one"].delete()
    assert stored()["project"] == {str(world["fonds"].pk): 1, str(world["asile"].pk): 1}
    world["asile"].delete()
    world["rome"].delete()
    world["marco"].delete()
    assert stored() == counted_now()
    assert stored()[TOTAL] == {"": 1}


def test_merges_and_their_undo_recount_the_entities(world):
    merge = merge_entities(world["dakar"], [world["rome"]])
    assert stored()["office"] == {str(world["dakar"].pk): 2}
    undo_merge(merge)
    assert stored() == counted_now()
    merge = merge_entities(world["fonds"], [world["asile"]])
    assert stored()["project"] == {str(world["fonds"].pk): 2}
    merge = merge_entities(world["awa"], [world["marco"]])
    assert stored()["contact"] == {str(world["awa"].pk): 2}
    undo_merge(merge)
    assert stored() == counted_now()


def test_a_new_database_is_counted_at_its_first_reading(client, db):
    ReleaseFactory(office=OfficeFactory(country="GT"), published=date(2022, 1, 1))
    assert not facet_counts.counted()  # made before any count: nothing stored yet
    countries = facet(client.get("/"), "country")
    assert [(o["value"], o["count"]) for o in countries] == [("GT", 1)]
    assert stored() == counted_now()


def test_the_command_recounts_everything(world, capsys):
    FacetCount.objects.filter(facet="country").update(count=99)  # as a write straight into the database
    call_command("refresh_facet_counts")
    assert stored() == counted_now()
    assert "valeurs recomptées" in capsys.readouterr().out


def test_an_import_counts_once_at_its_end(imported_samples):
    assert facet_counts.counted()
    assert stored() == counted_now()
    assert stored()[TOTAL] == {"": 5}


def test_the_number_of_releases_follows_an_import_as_it_goes(db, monkeypatch):
    """Before its end (its full recount left out here), an import keeps the total exact."""
    from releases.importing import run
    from tests.helpers import FIXTURES, run_import

    facet_counts.refresh_all()
    monkeypatch.setattr(run, "WINDOW", 2)
    monkeypatch.setattr(facet_counts, "refresh_all", lambda: None)
    run_import(FIXTURES)
    assert stored()[TOTAL] == {"": 5}
    assert stored()["country"] == {}  # the counts of each filter wait for the import's end


def test_an_import_killed_before_its_recount_is_caught_up_by_the_next(imported_samples):
    from tests.helpers import FIXTURES, run_import

    FacetCount.objects.filter(facet="country").update(count=99)  # stale, as a killed import leaves them
    FacetCount.objects.create(facet=facet_counts.BEHIND, value="", count=1)  # and its mark
    assert facet_counts.behind()
    report = run_import(FIXTURES)  # nothing new: yet everything is recounted
    assert (report["created"], report["updated"]) == (0, 0)
    assert stored() == counted_now() and not facet_counts.behind()


def test_an_import_that_changes_nothing_or_a_dry_run_leaves_no_mark(imported_samples):
    from tests.helpers import FIXTURES, run_import

    assert not facet_counts.behind()
    run_import(FIXTURES)
    run_import(FIXTURES, dry_run=True)
    assert not facet_counts.behind()
