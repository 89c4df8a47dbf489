"""Importing pages of every layout: a batch mixing three sites, then single pages after it; the
invented layouts of tests/data/layouts in one batch and alone; offices named in any language."""

import json
import re

import pytest

from contacts.models import ContactPerson, CountryOffice
from releases.models import NavigationLine, Release
from tests.helpers import ROOT, run_import
from tests.invented_pages import (
    COUNTRY_MENU,
    ENGLISH_MENU,
    MAIN_MENU,
    SPANISH_MENU,
    french_body,
    hard_wrapped,
    html_release,
    label_layout,
    release,
)

pytestmark = pytest.mark.django_db

SPANISH_CONTACT = ["Para más información, por favor contactar:", "Lucía Ejemplo", "lejemplo@iom.int"]
TOWNS = ["Ouagadougou", "Bobo-Dioulasso", "Koudougou", "Banfora"]


def spanish_body(place: str, topic: str) -> list[str]:
    return [
        f"{place} – La OIM abrió esta semana un centro de acogida para {topic}, con el apoyo de las "
        "autoridades locales y de varias organizaciones asociadas.",
        f"El centro podrá recibir a 300 personas cada mes y ofrece a {topic} comida, atención médica y "
        "apoyo psicosocial.",
    ]


def english_body(place: str, topic: str) -> list[str]:
    return [
        f"{place} – IOM opened a reception centre this week for {topic}, with the support of local "
        "authorities and several partner organizations.",
        "The centre can receive 300 people every month and offers meals, health care and psychosocial "
        "support to the families who arrive exhausted.",
    ]


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def build_batch(folder):
    """Three sites (three pages each), every other layout once, and pages that are no releases."""
    for i in range(3):
        write(
            folder,
            f"main-{i}.txt",
            release(
                MAIN_MENU,
                f"Un centre d’accueil ouvre à Dakar ({i})",
                french_body("Dakar", f"les familles {i}"),
            ),
        )
        write(
            folder,
            f"pays-{i}.txt",
            release(
                COUNTRY_MENU,
                f"Un centre d’accueil ouvre à {TOWNS[i]}",
                french_body(TOWNS[i], f"les déplacés {i}"),
            ),
        )
        write(
            folder,
            f"es-{i}.txt",
            release(
                SPANISH_MENU,
                f"La OIM abre un centro en Tapachula ({i})",
                spanish_body("Tapachula", f"las familias {i}"),
                SPANISH_CONTACT,
            ),
        )
    write(
        folder,
        "etiquette.txt",
        label_layout(
            "Communiqué",
            "Global",
            "Les déplacés rentrent chez eux au nord du Mali",
            french_body("Mopti", "les familles déplacées"),
        ),
    )
    write(
        folder,
        "etiqueta.txt",
        label_layout(
            "Comunicado",
            "Local",
            "Familias desplazadas regresan a sus hogares",
            spanish_body("Cúcuta", "las familias desplazadas"),
        ),
    )
    write(
        folder,
        "lien-d-evitement.txt",
        release(
            ["Aller au contenu principal", *MAIN_MENU],
            "Une formation pour les gardes-frontières",
            french_body("Nouakchott", "les gardes-frontières"),
        ),
    )
    wrapped = [
        line
        for paragraph in french_body("Niamey", "les migrants de retour")
        for line in hard_wrapped(paragraph)
    ]
    write(folder, "ancien.txt", release(MAIN_MENU, "Des migrants de retour accueillis à Niamey", wrapped))
    write(
        folder,
        "titre-double.txt",
        release(
            MAIN_MENU,
            "Un atelier sur la traite à Abidjan",
            ["Un atelier sur la traite à Abidjan", *french_body("Abidjan", "les victimes de traite")],
        ),
    )
    write(
        folder,
        "legende.txt",
        release(
            MAIN_MENU,
            "Des abris pour les familles à Maputo",
            [
                "Des familles devant leur abri. Photo : OIM/Awa Exemple",
                *french_body("Maputo", "les familles sinistrées"),
            ],
        ),
    )
    write(folder, "sans-titre.txt", release(MAIN_MENU, "", french_body("Conakry", "les migrants de retour")))
    write(
        folder,
        "page.html",
        html_release(
            "Un centre de transit ouvre à Agadez",
            french_body("Agadez", "les migrants en transit"),
            "14 juin 2019",
        ),
    )
    # Not releases.
    write(folder, "menu-pays.txt", "\n".join(COUNTRY_MENU))
    write(
        folder,
        "liste.txt",
        "\n".join(
            [
                "Home / Press Room",
                "Des abris à Maputo",
                "Le texte d’un résumé assez long pour une liste de communiqués.",
                "Read more",
                "Un atelier",
                "Un autre résumé de communiqué, pour la même liste de la salle de presse.",
                "Read more",
            ]
        ),
    )
    write(
        folder,
        "contacts-presse.txt",
        "\n".join(
            [
                *MAIN_MENU,
                "Pour plus d’informations, veuillez contacter :",
                "Awa Exemple",
                "aexemple@iom.int",
                "Marc Exemple",
                "mexemple@iom.int",
            ]
        ),
    )


EXPECTED = {
    # file: (title, body start, country, language)
    "main-0.txt": ("Un centre d’accueil ouvre à Dakar (0)", "L’OIM a ouvert cette semaine", "BF", "fr"),
    "pays-1.txt": ("Un centre d’accueil ouvre à Bobo-Dioulasso", "L’OIM a ouvert cette semaine", "BF", "fr"),
    "es-2.txt": ("La OIM abre un centro en Tapachula (2)", "La OIM abrió esta semana", "MX", "es"),
    "etiquette.txt": ("Les déplacés rentrent chez eux au nord du Mali", "L’OIM a ouvert", "BF", "fr"),
    "etiqueta.txt": ("Familias desplazadas regresan a sus hogares", "La OIM abrió", "BF", "es"),
    "lien-d-evitement.txt": ("Une formation pour les gardes-frontières", "L’OIM a ouvert", "BF", "fr"),
    "ancien.txt": ("Des migrants de retour accueillis à Niamey", "L’OIM a ouvert cette semaine", "BF", "fr"),
    "titre-double.txt": ("Un atelier sur la traite à Abidjan", "L’OIM a ouvert", "BF", "fr"),
    "legende.txt": ("Des abris pour les familles à Maputo", "L’OIM a ouvert", "BF", "fr"),
}


def stored(name):
    return Release.objects.get(source=name)


def test_a_batch_of_every_layout_and_three_sites(tmp_path):
    build_batch(tmp_path / "lot")
    report = run_import(tmp_path / "lot")
    assert {s["path"].rsplit("/", 1)[1]: s["reason"] for s in report["skipped"]} == {
        "menu-pays.txt": "only site navigation",
        "liste.txt": "listing of releases, not a release",
        "contacts-presse.txt": "media contacts page, not a release",
    }
    assert report["failed"] == []
    for name, (title, body_start, country, language) in EXPECTED.items():
        release = stored(name)
        assert (release.title, release.country, release.language) == (title, country, language), name
        assert release.body.startswith(body_start), (name, release.body[:60])
    # The dateline's country where no contact names an office.
    assert (stored("es-0.txt").dateline, stored("es-0.txt").country) == ("Tapachula", "MX")
    # No menu line of any site reached a release.
    menus = {line for line in [*MAIN_MENU, *COUNTRY_MENU, *SPANISH_MENU] if len(line) > 3}
    for release in Release.objects.all():
        assert not menus & {release.title, *release.body.split("\n\n")}, release.source
    # A release without a title line: a title made from its text, and a warning for review.
    untitled = stored("sans-titre.txt")
    assert untitled.title.startswith("L’OIM a ouvert cette semaine")
    assert {"code": "no_title", "detail": ""} in untitled.warnings
    html = stored("page.html")
    assert (html.title, str(html.published), html.dateline) == (
        "Un centre de transit ouvre à Agadez",
        "2019-06-14",
        "Agadez",
    )
    # Each site's menu is stored under its own key.
    sites = set(NavigationLine.objects.values_list("site", flat=True))
    assert len(sites) >= 2 and "" not in sites


def test_single_pages_after_the_batch_lose_their_site_menu(tmp_path):
    build_batch(tmp_path / "lot")
    run_import(tmp_path / "lot")
    later = tmp_path / "plus-tard"
    write(
        later,
        "pays-seul.txt",
        release(COUNTRY_MENU, "Des kits distribués à Banfora", french_body("Banfora", "les familles")),
    )
    write(
        later,
        "es-solo.txt",
        release(
            SPANISH_MENU,
            "La OIM entrega kits en Cúcuta",
            spanish_body("Cúcuta", "las familias"),
            SPANISH_CONTACT,
        ),
    )
    write(
        later,
        "en-alone.txt",
        release(ENGLISH_MENU, "IOM Delivers Kits in Geneva", english_body("Geneva", "families"), []),
    )
    for page in sorted(later.iterdir()):
        report = run_import(page)
        assert report["created"] == 1, page.name
        assert report["navigation_lines_learned"] == 0
    assert (stored("pays-seul.txt").title, stored("pays-seul.txt").language) == (
        "Des kits distribués à Banfora",
        "fr",
    )
    assert (stored("es-solo.txt").title, stored("es-solo.txt").language) == (
        "La OIM entrega kits en Cúcuta",
        "es",
    )
    english = stored("en-alone.txt")  # a site never seen: its menu goes by structure
    assert (english.title, english.language, english.country) == ("IOM Delivers Kits in Geneva", "en", "CH")
    for name in ("pays-seul.txt", "es-solo.txt", "en-alone.txt"):
        assert stored(name).body.startswith(("L’OIM a ouvert", "La OIM abrió", "IOM opened")), name


def test_a_utf8_page_with_a_few_bad_bytes_is_read_as_utf8_and_flagged(tmp_path):
    text = release(MAIN_MENU, "La Directrice générale en visite à Dakar", french_body("Dakar", "les élèves"))
    data = (
        text.encode("utf-8")
        .replace(b"semaine", b"sem\xe9\xe8aine", 1)
        .replace(b"repas", b"re\xff\xfe\x80pas", 1)
    )
    (tmp_path / "octets.txt").write_bytes(data)
    report = run_import(tmp_path)
    assert report["created"] == 1
    release_ = stored("octets.txt")
    assert release_.title == "La Directrice générale en visite à Dakar"  # not "gÃ©nÃ©rale", menu gone
    assert release_.body.startswith("L’OIM a ouvert cette sem\ufffd\ufffdaine")
    assert {"code": "invalid_utf8_bytes", "detail": "5 octet(s)"} in release_.warnings


# ---------------------------------------------------------------- the invented layouts, through the command
LAYOUTS = ROOT / "tests" / "data" / "layouts"
LABELS = json.loads((LAYOUTS / "labels.json").read_text(encoding="utf-8"))
# The refusal code each kind of page gets (stories: their own codes).
REFUSALS = {"listing": {"listing_page"}, "thematic": {"thematic_page"}, "key_figures": {"key_figures_page"},
            "media_contacts": {"media_contacts_page"}, "other": {"story_page", "untitled_page"}}  # fmt: skip


def same(text):
    return re.sub(r"\s+", " ", (text or "").replace("’", "'")).strip()


def assert_as_labelled(report):
    skipped = {entry["path"].rsplit("/", 1)[-1]: entry["code"] for entry in report["skipped"]}
    assert report["failed"] == []
    for name, label in LABELS.items():
        if not label["is_release"]:
            assert skipped.get(name) in REFUSALS[label["kind"]], name
            continue
        release = Release.objects.get(source=name)
        assert (same(release.title), release.language) == (same(label["title"]), label["language"]), name
        assert same(release.body).startswith(same(label["body_start"])), name
        people = {(c.name, c.email) for c in ContactPerson.objects.filter(release_links__release=release)}
        assert {(c["name"], c["email"]) for c in label["contacts"]} <= people, name


def test_ten_sites_in_ten_languages_imported_as_one_batch():
    sites = {label["site"] for label in LABELS.values()}
    assert len(sites) >= 10
    assert_as_labelled(run_import(LAYOUTS))
    # Offices named in English, Arabic or Russian are named in French, as French pages name them.
    offices = set(CountryOffice.objects.values_list("name", flat=True))
    assert {"OIM Nairobi", "OIM Le Caire", "OIM Moscou", "OIM Berlin", "OIM Lima"} <= offices
    assert not any(name.startswith("IOM ") or "للهجرة" in name for name in offices)


def test_each_layout_imported_alone():
    reports = [run_import(LAYOUTS / name) for name in sorted(LABELS)]
    assert all(report["navigation_lines_learned"] == 0 for report in reports)
    assert_as_labelled(
        {
            "failed": [f for report in reports for f in report["failed"]],
            "skipped": [s for report in reports for s in report["skipped"]],
        }
    )


def test_an_office_is_one_office_in_every_language(tmp_path):
    # An earlier import stored the English name as printed.
    CountryOffice.objects.create(name="IOM Lima", slug="iom-lima", country="PE")
    pages = {
        "fr.txt": ("Pour plus d’informations, veuillez contacter :", "Awa Exemple", "OIM Lima", "a@iom.int"),
        "en.txt": ("For more information, please contact:", "Ben Example", "IOM Lima", "b@iom.int"),
        "es.txt": ("Para más información, por favor contactar:", "Ana Ejemplo", "OIM Lima", "c@iom.int"),
    }
    for name, contact in pages.items():
        write(
            tmp_path,
            name,
            release(MAIN_MENU, f"Un centre ouvre à Lima ({name})", french_body("Lima", name), contact),
        )
    run_import(tmp_path)
    assert list(CountryOffice.objects.values_list("name", flat=True)) == ["IOM Lima"]
    assert ContactPerson.objects.filter(office__name="IOM Lima").count() == 3


def test_a_page_with_a_stray_nul_byte_is_imported_without_it(tmp_path):
    text = release(MAIN_MENU, "Des kits distribués à Mopti", french_body("Mopti", "les familles"))
    (tmp_path / "nul.txt").write_bytes(text.encode().replace(b"semaine", b"sem\x00aine", 1))
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    report = run_import(tmp_path)
    assert report["created"] == 1
    assert [f["path"].rsplit("/", 1)[-1] for f in report["failed"]] == ["image.txt"]
    stored_release = stored("nul.txt")
    assert "\x00" not in stored_release.body and "cette semaine" in stored_release.body
    assert {"code": "control_characters_removed", "detail": "1 caractère(s)"} in stored_release.warnings


def test_where_the_parser_was_unsure_the_release_waits_for_an_editor(tmp_path):
    from releases.review import needing_review, reasons_of

    # A title told from the lines a menu left, above a text whose e-mail has no contact block.
    menu = ["Accueil", "Le bureau", "Nos projets", "Publications récentes du bureau régional"]
    body = french_body("Mopti", "les familles")
    write(
        tmp_path,
        "doute.txt",
        "\n".join([*menu, "Des kits pour les familles de Mopti", *body, "aexemple@iom.int"]),
    )
    run_import(tmp_path)
    release = stored("doute.txt")
    assert release.title == "Des kits pour les familles de Mopti"
    codes = {w["code"] for w in release.warnings}
    assert {"title_guessed", "contact_block_not_recognised"} <= codes
    assert Release.objects.filter(needing_review()).filter(pk=release.pk).exists()
    reasons = {reason.code: reason for reason in reasons_of(release)}
    assert {"title", "contacts"} <= reasons.keys()
    assert any("titre deviné" in detail for detail in reasons["title"].details)
