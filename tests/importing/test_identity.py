"""Nothing lost, nothing hijacked: every page stored once, merges that hold, every file in a bucket."""

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts.merging import merge_entities
from contacts.models import ContactPerson, Project
from releases.models import Release
from tests.helpers import FIXTURES, SAMPLE_PAGES, run_import

pytestmark = pytest.mark.django_db

NAVIGATION = SAMPLE_PAGES[0].read_text(encoding="utf-8").splitlines()[:29]


def page(title: str, *body: str, contacts: tuple[str, ...] = ()) -> str:
    opening = ["Pour plus d’informations, veuillez contacter :", *contacts] if contacts else []
    return "\n".join([*NAVIGATION, title, *body, *opening]) + "\n"


def import_report(*paths) -> tuple[dict, int]:
    """(report, exit status) of import_releases."""
    out = io.StringIO()
    try:
        call_command("import_releases", *map(str, paths), report="json", stdout=out, stderr=io.StringIO())
        status = 0
    except CommandError as exc:
        status = exc.returncode
    return json.loads(out.getvalue()), status


# ---------------------------------------------------------------- 1. pages that could never be stored
def test_a_project_named_with_and_without_its_acronym_is_one_project(tmp_path):
    (tmp_path / "fonds.txt").write_text(
        page(
            "Un fonds pour les familles",
            "Le projet Fonds 1035 (F1035) aide les familles de migrants.",
            "Le fonds 1035 de l’OIM finance aussi des écoles.",
            contacts=("Jean Exemple", "jexemple@iom.int"),
        )
    )
    report = run_import(tmp_path)
    assert (report["created"], report["failed"]) == (1, [])
    assert list(Project.objects.values_list("name", "acronym")) == [("Fonds 1035", "F1035")]


def test_two_named_contacts_on_one_email_keep_both_names(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(page("Premier communiqué", "Un texte.", contacts=("Jean Dupont", "presse@iom.int")))
    run_import(first)
    second = tmp_path / "b.txt"
    second.write_text(
        page(
            "Second communiqué",
            "Un autre texte.",
            contacts=("Jean Dupont", "presse@iom.int", "ou", "Marie Curie", "presse@iom.int"),
        )
    )
    report = run_import(second)
    assert (report["created"], report["failed"]) == (1, [])
    release = Release.objects.get(source="b.txt")
    names = [link.person.name for link in release.contact_links.order_by("position")]
    assert names == ["Jean Dupont", "Marie Curie"]
    assert ContactPerson.objects.get(email="presse@iom.int").name == "Jean Dupont"
    assert {
        "code": "shared_email",
        "detail": "Marie Curie <presse@iom.int> (Jean Dupont)",
    } in release.warnings


def test_a_person_listed_twice_is_one_contact(tmp_path):
    (tmp_path / "p.txt").write_text(
        page(
            "Un titre", "Un texte.", contacts=("Jean Dupont", "jd@iom.int", "ou", "Jean Dupont", "jd@iom.int")
        )
    )
    assert run_import(tmp_path)["failed"] == []
    assert Release.objects.get().contact_links.count() == 1


def test_a_failing_page_costs_about_itself_not_its_window(monkeypatch, tmp_path):
    from releases.importing import writing

    for i in range(64):
        (tmp_path / f"{i:02d}.txt").write_text(page(f"Titre {i}", f"Texte numéro {i}."))
    writes = []
    original = writing.ReleaseWriter._write

    def counting(self, pages):
        writes.append(len(pages))
        if any(p.title == "Titre 37" for p in pages):
            raise RuntimeError("disque plein")
        return original(self, pages)

    monkeypatch.setattr(writing.ReleaseWriter, "_write", counting)
    report = run_import(tmp_path)
    assert report["created"] == 63 and [f["path"][-6:] for f in report["failed"]] == ["37.txt"]
    assert report["failed"][0]["error"] == "could not be stored: RuntimeError: disque plein"
    # Two chunks of 32; the second fails and alone is replayed, page by page.
    assert writes == [32, 32, *[1] * 32]


# ---------------------------------------------------------------- 2. copies within one batch
def test_copies_of_releases_in_one_batch_are_one_release_each(tmp_path):
    for sample in SAMPLE_PAGES:
        shutil.copy(sample, tmp_path / sample.name)
    text = SAMPLE_PAGES[1].read_text(encoding="utf-8")
    (tmp_path / "copie-crlf.txt").write_bytes(text.replace("\n", "\r\n").encode())
    (tmp_path / "copie-bom.txt").write_bytes(("\ufeff" + text).encode())
    (tmp_path / "copie-fin.txt").write_bytes((text + "\n\n  \n").encode())
    report = run_import(tmp_path)
    assert (report["created"], report["unchanged"], report["failed"]) == (5, 3, [])
    assert Release.objects.count() == 5
    again = run_import(tmp_path)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 8)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    copies=st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=6),
    shapes=st.lists(st.sampled_from(["crlf", "bom", "blank", "cp1252", "same"]), min_size=18, max_size=18),
    order=st.randoms(use_true_random=False),
)
def test_any_batch_with_duplicated_copies_gives_one_release_per_release(
    tmp_path_factory, copies, shapes, order
):
    folder = tmp_path_factory.mktemp("lot")
    files = []
    for n, extra in enumerate(copies):
        text = page(f"Communiqué numéro {n}", f"Dakar – Un texte sur le sujet numéro {n} pour les migrants.")
        files.append(text.encode())
        for k in range(extra):
            shape = shapes[(n * 3 + k) % len(shapes)]
            variants = {
                "crlf": text.replace("\n", "\r\n").encode(),
                "bom": ("\ufeff" + text).encode(),
                "blank": (text + "\n\n\n").encode(),
                "cp1252": text.encode("cp1252"),
                "same": text.encode(),
            }
            files.append(variants[shape])
    order.shuffle(files)
    for i, data in enumerate(files):
        (folder / f"page-{i:03d}.txt").write_bytes(data)
    with transaction.atomic():
        report = run_import(folder)
        assert report["failed"] == []
        assert Release.objects.count() == len(copies) == report["created"]
        assert report["unchanged"] == len(files) - len(copies)
        transaction.set_rollback(True)


# ---------------------------------------------------------------- 3. sources that take over another release
HTML = """<!doctype html><html><head><title>{title}</title>
<link rel="canonical" href="{canonical}"></head>
<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"""


def test_a_canonical_url_cannot_take_over_another_release(tmp_path):
    run_import(SAMPLE_PAGES[0])
    target = Release.objects.get()
    (tmp_path / "piege.html").write_text(
        HTML.format(title="Titre pirate", canonical=target.source, body="Un texte qui remplace tout.")
    )
    report = run_import(tmp_path / "piege.html")
    assert (report["created"], report["updated"]) == (1, 0)
    target.refresh_from_db()
    assert target.title.startswith("Nouveaux projets de micro-crédits")
    other = Release.objects.get(source="piege.html")
    assert "canonical_url_ignored" in [w["code"] for w in other.warnings]


@pytest.mark.parametrize(
    ("canonical", "source"),
    [
        (
            "https://www.iom.int/fr/news/" + "tres-long-" * 60,
            "https://www.iom.int/fr/news/" + "tres-long-" * 60,
        ),
        ("https://rodakar.iom.int/fr/news/un-titre", "https://rodakar.iom.int/fr/news/un-titre"),
        ("https://iom.int.example.org/news/x", "page.html"),
        ("javascript:alert(1)", "page.html"),
        ("https://www.iom.int/" + "x" * 2100, "page.html"),
    ],
    ids=["600-characters", "sub-domain", "look-alike-host", "not-http", "too-long"],
)
def test_only_trusted_canonical_urls_name_a_release(tmp_path, canonical, source):
    (tmp_path / "page.html").write_text(HTML.format(title="Un titre", canonical=canonical, body="Un texte."))
    report = run_import(tmp_path / "page.html")
    assert report["failed"] == []
    assert Release.objects.get().source == source


def test_an_import_that_would_replace_a_release_is_held_for_review(tmp_path):
    html = HTML.format(
        title="Un titre",
        canonical="https://www.iom.int/fr/news/x",
        body="Un texte sur les migrants de retour.",
    )
    (tmp_path / "a.html").write_text(html)
    run_import(tmp_path / "a.html")
    (tmp_path / "a.html").write_text(
        HTML.format(title="Autre chose", canonical="https://www.iom.int/fr/news/x", body="Tout autre sujet.")
    )
    run_import(tmp_path / "a.html")
    release = Release.objects.get()
    assert (release.title, release.body) == ("Un titre", "Un texte sur les migrants de retour.")
    assert release.imported_values["title"] == "Autre chose"  # both versions, for the editor
    assert release in Release.objects.needing_review()


# ---------------------------------------------------------------- 4. merges that imports respect
def test_a_merge_survives_the_next_import(tmp_path):
    for sample in SAMPLE_PAGES:
        shutil.copy(sample, tmp_path / sample.name)
    run_import(tmp_path)
    assert ContactPerson.objects.count() == 7
    sonia = ContactPerson.objects.get(email="spellecer@iom.int")
    karla = ContactPerson.objects.get(email="kvillamar@iom.int")
    merge_entities(sonia, [karla])
    changed = tmp_path / "003_c5f081d114bf6c23.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Guatemala", "Guatemala (ville)", 1))
    report = run_import(tmp_path)
    assert report["updated"] == 1 and report["failed"] == []
    assert ContactPerson.objects.count() == 6
    assert not ContactPerson.objects.filter(email="kvillamar@iom.int").exists()
    sonia.refresh_from_db()
    assert sonia.name == "Sonia Pellecer"


# ---------------------------------------------------------------- 6. every file found is in a bucket
def test_an_unreadable_folder_inside_a_folder_is_a_failure(tmp_path, monkeypatch):
    shutil.copy(SAMPLE_PAGES[0], tmp_path / SAMPLE_PAGES[0].name)
    locked = tmp_path / "verrouille"
    locked.mkdir()
    shutil.copy(SAMPLE_PAGES[1], locked / SAMPLE_PAGES[1].name)
    real_scandir = os.scandir

    def scandir(path):  # as root, permissions do not stop reading: the error is simulated
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report, status = import_report(tmp_path)
    assert status == 1 and report["created"] == 1
    assert report["failed"] == [
        {"path": str(locked), "error": "cannot read the folder (Permission denied)", "code": "unreadable"}
    ]


LOOP = "symbolic_link_loop"


def test_a_symbolic_link_loop_is_a_failure_not_a_missing_path(tmp_path):
    loop = tmp_path / "boucle.txt"
    loop.symlink_to(loop)
    (tmp_path / "dossier").mkdir()
    (tmp_path / "dossier" / "retour").symlink_to(tmp_path)
    shutil.copy(SAMPLE_PAGES[0], tmp_path / "dossier" / "page.txt")
    report, status = import_report(loop)
    assert status == 1 and report["failed"] == [
        {"path": str(loop), "error": "symbolic link loop", "code": "symbolic_link_loop"}
    ]
    report, status = import_report(tmp_path / "dossier")
    assert report["created"] == 1
    assert report["failed"] == [
        {
            "path": str(tmp_path / "dossier" / "retour" / "boucle.txt"),
            "error": "symbolic link loop",
            "code": LOOP,
        },
        {
            "path": str(tmp_path / "dossier" / "retour" / "dossier"),
            "error": "symbolic link loop",
            "code": LOOP,
        },
    ]


def test_every_sample_page_still_lands_once(tmp_path):
    report = run_import(FIXTURES)
    assert report["created"] == 5


def test_two_versions_of_one_source_in_one_batch_are_one_release_updated(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "page.txt").write_text(
        page("Un titre", "Un texte sur les migrants.", "Un second paragraphe.")
    )
    (tmp_path / "b" / "page.txt").write_text(
        page("Un titre", "Un texte sur les migrants.", "Un second paragraphe, complété.")
    )
    report = run_import(tmp_path)
    assert (report["created"], report["updated"], report["failed"]) == (1, 1, [])
    assert Release.objects.get().body.endswith("Un second paragraphe, complété.")
