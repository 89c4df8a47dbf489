"""The import_releases command: buckets, exit status, re-imports, dry runs."""

import io
import json
import os
import re
import shutil
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from contacts.models import ContactPerson
from releases.models import NavigationLine, Release
from tests.helpers import FIXTURES, ROOT, SAMPLE_PAGES, readable, run_import

pytestmark = pytest.mark.django_db


def test_first_import_creates_then_reimport_changes_nothing():
    first = run_import(FIXTURES)
    assert (first["created"], first["updated"], first["unchanged"]) == (5, 0, 0)
    assert first["failed"] == [] and first["skipped"] == []
    second = run_import(FIXTURES)
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 5)
    assert Release.objects.count() == 5


@pytest.mark.parametrize(
    "transform",
    [
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: ("\ufeff" + text).encode("utf-8"),
        lambda text: text.encode("cp1252", errors="replace"),
        lambda text: (text + "\n\n\n   \n").encode("utf-8"),
    ],
    ids=["crlf", "bom", "cp1252", "trailing-blank-lines"],
)
def test_a_byte_different_copy_of_a_release_is_the_same_release(tmp_path, transform):
    original = SAMPLE_PAGES[0]
    run_import(original)
    copy = tmp_path / "copie.txt"
    copy.write_bytes(transform(original.read_text(encoding="utf-8")))
    report = run_import(copy)
    assert report["created"] == 0
    assert Release.objects.count() == 1


def test_every_file_lands_in_exactly_one_bucket(tmp_path):
    shutil.copy(SAMPLE_PAGES[0], tmp_path / "bon.txt")
    (tmp_path / "vide.txt").write_text("\n\n")
    (tmp_path / "menu.txt").write_text("\n".join(SAMPLE_PAGES[0].read_text().splitlines()[:29]))
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_releases", str(tmp_path), report="json", stdout=out, stderr=err)
    assert excinfo.value.returncode == 1
    report = json.loads(out.getvalue())
    assert report["created"] == 1
    assert {s["path"].split("/")[-1]: s["reason"] for s in report["skipped"]} == {
        "vide.txt": "empty page",
        "menu.txt": "only site navigation",
    }
    assert [f["path"].split("/")[-1] for f in report["failed"]] == ["image.txt"]
    assert "binary" in report["failed"][0]["error"]
    assert "image.txt" in err.getvalue()


def test_no_such_path_is_a_usage_error():
    with pytest.raises(CommandError) as excinfo:
        call_command("import_releases", "/nonexistent/pages", stdout=io.StringIO())
    assert excinfo.value.returncode == 2


def test_dry_run_reports_but_writes_nothing():
    report = run_import(FIXTURES, dry_run=True)
    assert report["created"] == 5
    assert Release.objects.count() == 0
    assert ContactPerson.objects.count() == 0


def test_human_totals_line_without_json():
    out = io.StringIO()
    call_command("import_releases", str(FIXTURES), stdout=out)
    line = readable(out.getvalue())
    assert line.startswith("5 créés, 0 mis à jour, 0 inchangé, 0 ignoré, 0 en échec, 0 correction d’éditeur")
    assert re.search(r" — \d+,\d\d s$", line.strip())  # a decimal comma: "17,54 s", not "17.54 s"


def test_what_operators_read_is_french_and_the_json_report_keeps_the_contract(tmp_path):
    shutil.copy(SAMPLE_PAGES[0], tmp_path / "bon.txt")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "vide.txt").write_text("\n\n")
    (tmp_path / "lien.txt").symlink_to(tmp_path / "disparu.txt")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_releases", str(tmp_path), report="json", verbosity=2, stdout=out, stderr=err)
    said = readable(err.getvalue())
    assert f"échec : {tmp_path / 'lien.txt'} : lien symbolique cassé" in said
    assert f"échec : {tmp_path / 'image.txt'} : pas un fichier texte" in said
    assert f"ignoré : {tmp_path / 'vide.txt'} : page vide" in said
    assert "broken symbolic link" not in said and "binary" not in said
    assert readable(str(excinfo.value)) == "2 fichiers en échec"
    report = json.loads(out.getvalue())  # the contract's fields, as they were
    assert {f["path"].split("/")[-1]: f["error"] for f in report["failed"]}[
        "lien.txt"
    ] == "broken symbolic link"
    assert isinstance(report["seconds"], float)


def test_on_the_command_line_errors_are_french_sentences(tmp_path):
    import subprocess

    def command(*arguments):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iomnews.settings"}
        run = subprocess.run(
            [sys.executable, "manage.py", "import_releases", *arguments],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        return run.returncode, readable(run.stderr)

    code, said = command("/nulle/part/pages", "--dry-run")
    assert code == 2 and "Erreur : aucun fichier ni dossier à cet endroit : /nulle/part/pages" in said
    assert "CommandError" not in said and "no such file" not in said
    code, said = command(str(FIXTURES), "--report", "xml")
    assert code == 2 and "choix non valide : 'xml' (au choix : 'json')" in said
    code, said = command()
    assert code == 2 and "il manque : PATH" in said


def test_people_merge_across_releases_by_email_and_keep_all_their_phones():
    run_import(FIXTURES)
    people = ContactPerson.objects.filter(email__endswith="@iom.int")
    multi = [p for p in people if p.release_links.count() > 1]
    assert len(multi) == 1
    person = multi[0]
    assert len(person.phones) == 2
    assert person.office is not None


def test_navigation_of_an_unknown_site_is_learned_and_stored(tmp_path):
    menu = ["Accueil", "Nos actualités", "Nos missions", "Plan du site"]
    for i in range(2):
        (tmp_path / f"p{i}.txt").write_text(
            "\n".join(
                [
                    *menu,
                    f"Titre numéro {i}",
                    f"Le texte du communiqué {i}.",
                    "Pour plus d'informations, veuillez contacter :",
                    "Jean Exemple",
                    f"j{i}@iom.int",
                ]
            )
        )
    run_import(tmp_path)
    assert set(Release.objects.values_list("title", flat=True)) == {"Titre numéro 0", "Titre numéro 1"}
    assert NavigationLine.objects.filter(learned=True).count() == len(menu)
    # A later page of that site, imported alone, is still stripped.
    single = tmp_path / "later" / "p2.txt"
    single.parent.mkdir()
    single.write_text("\n".join([*menu, "Titre plus tard", "Un texte."]))
    run_import(single)
    assert Release.objects.filter(title="Titre plus tard").exists()


def test_html_page_keeps_the_article_and_uses_the_canonical_url(tmp_path):
    html = """<!doctype html><html><head><title>Un titre HTML | OIM</title>
    <link rel="canonical" href="https://www.iom.int/fr/news/un-titre">
    <meta property="article:published_time" content="2019-05-14T10:00:00Z"></head>
    <body><header><nav><a href="/">Accueil</a><a href="/qui">Qui sommes nous</a></nav></header>
    <div class="breadcrumb">Accueil › Actualités</div>
    <article><h1>Un titre HTML</h1>
    <p>Dakar – L'OIM a ouvert un centre d'accueil pour les <b>migrants</b> de retour.</p>
    <p>Le centre accueille 200 personnes.</p>
    <p>Pour plus d'informations, veuillez contacter :</p>
    <p>Marie Modèle<br>OIM Dakar<br>Tél. +221 33 869 62 00<br>
    Email : <a href="mailto:mmodele@iom.int">mmodele@iom.int</a></p>
    </article><footer>© OIM</footer></body></html>"""
    (tmp_path / "page.html").write_text(html)
    run_import(tmp_path)
    release = Release.objects.get()
    assert release.source == "https://www.iom.int/fr/news/un-titre"
    assert release.title == "Un titre HTML"
    assert str(release.published) == "2019-05-14"
    assert release.dateline == "Dakar" and release.country == "SN"
    assert release.body.startswith("L'OIM a ouvert un centre d'accueil pour les migrants de retour.")
    assert "Accueil" not in release.body and "©" not in release.body
    link = release.contact_links.get()
    assert (link.person.email, link.office.name, link.phones) == (
        "mmodele@iom.int",
        "OIM Dakar",
        ["+221338696200"],
    )


def test_a_page_failing_half_way_leaves_nothing_and_the_others_are_stored(monkeypatch):
    from releases.importing.writing import ReleaseWriter

    original = ReleaseWriter._new_release

    def fail_on_rome(self, plan):
        release = original(self, plan)  # rows planned, half-way through
        if plan.page.office and plan.page.office.name == "OIM Rome":
            raise RuntimeError("disk full")
        return release

    monkeypatch.setattr(ReleaseWriter, "_new_release", fail_on_rome)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_releases", str(FIXTURES), report="json", stdout=out, stderr=io.StringIO())
    report = json.loads(out.getvalue())
    assert report["created"] == 4
    assert [f["path"].split("/")[-1] for f in report["failed"]] == ["002_86671072dc2623bc.txt"]
    assert "disk full" in report["failed"][0]["error"]
    assert Release.objects.count() == 4
    # Nothing of the failed page was kept: not its release, not the people only it names.
    assert not ContactPerson.objects.filter(email="fdigiacomo@iom.int").exists()
    assert not Release.objects.filter(source="002_86671072dc2623bc.txt").exists()


def test_parallel_parsing_gives_the_same_result(tmp_path, monkeypatch):
    from releases.importing import run, workers

    for page in SAMPLE_PAGES:
        shutil.copy(page, tmp_path / page.name)
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(workers, "WINDOW", 2)
    monkeypatch.setattr(run, "WINDOW", 2)
    report = run_import(tmp_path)
    assert report["created"] == 5
    assert ContactPerson.objects.count() == 7


def test_huge_and_pathological_files_are_imported_or_refused_with_a_reason(tmp_path):
    sample = SAMPLE_PAGES[0].read_bytes()
    body_only = sample.split(b"Pour plus d")[0]
    sentence = b"Une phrase de texte assez ordinaire pour remplir la page, avec des migrants.\n"
    (tmp_path / "dix-mega.txt").write_bytes(body_only + sentence * 140_000)  # 10 MB
    (tmp_path / "cent-mille-lignes.txt").write_bytes(
        sample + b"\n".join(b"ligne %d" % i for i in range(100_000))
    )
    (tmp_path / "profond.html").write_bytes(b"<html><body>" + b"<div>" * 50_000 + b"x" + b"</div>" * 50_000)
    (tmp_path / "archive.txt").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 100)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_releases", str(tmp_path), report="json", stdout=out, stderr=io.StringIO())
    report = json.loads(out.getvalue())
    failed = {f["path"].split("/")[-1]: f["error"] for f in report["failed"]}
    assert failed == {
        "profond.html": "HTML page too deeply nested (more than 500 levels)",
        "archive.txt": "not a text file (binary content)",
    }
    assert report["created"] == 2
    big = Release.objects.get(source="dix-mega.txt")
    assert len(big.body) > 10_000_000
    lines = Release.objects.get(source="cent-mille-lignes.txt")
    assert {"code": "lines_after_contact_block", "detail": "99946"} in lines.warnings, lines.warnings


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_neither_duplicate_nor_fail():
    import os
    import subprocess
    import sys

    from django.db import connection

    from tests.helpers import ROOT

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "manage.py", "import_releases", str(FIXTURES), "--report", "json"]
    runs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    reports = [json.loads(run.communicate(timeout=180)[0]) for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert sorted(r["created"] for r in reports) == [0, 5]
    assert all(r["failed"] == [] for r in reports)
    assert Release.objects.count() == 5
    assert ContactPerson.objects.count() == 7


def test_slugs_of_many_names_at_once_are_looked_up_in_a_few_queries(django_assert_max_num_queries):
    from releases.importing.slugs import SlugAllocator

    ContactPerson.objects.create(name="Nom 7", slug="nom-7", email="n7@iom.int")
    ContactPerson.objects.create(name="Nom 7", slug="nom-7-2", email="n72@iom.int")
    slugs = SlugAllocator(ContactPerson, "personne")
    with django_assert_max_num_queries(30):  # 1,500 names, then the numbered forms of one, 500 a query
        slugs.prefetch((f"Nom {i}", f"n{i}@iom.int") for i in range(1500))
    with django_assert_max_num_queries(0):
        assert slugs.allocate("Nom 7", "n7bis@iom.int") == "nom-7-3"
        assert slugs.allocate("Nom 8", "n8@iom.int") == "nom-8"


def test_dry_run_writes_nothing_even_when_pages_fail(tmp_path):
    from releases.models import ImportRun

    for page in SAMPLE_PAGES:
        shutil.copy(page, tmp_path / page.name)
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    menu = ["Accueil", "Nos actualités", "Nos missions"]
    for i in range(2):  # an unknown site's navigation, which a real run would learn and store
        (tmp_path / f"autre-{i}.txt").write_text("\n".join([*menu, f"Titre {i}", f"Texte {i}."]))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_releases", str(tmp_path), dry_run=True, report="json", stdout=out, stderr=io.StringIO()
        )
    report = json.loads(out.getvalue())
    assert report["created"] == 7 and len(report["failed"]) == 1
    # The other site's three lines, and the sample pages' menu (learned like any site's).
    assert report["navigation_lines_learned"] > 3
    assert Release.objects.count() == 0
    assert ContactPerson.objects.count() == 0
    assert NavigationLine.objects.count() == 0
    assert ImportRun.objects.count() == 0
