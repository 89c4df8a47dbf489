"""Every kind of page, as people get it: a screenshot at each width, axe-core's
accessibility rules, and the Nu HTML Checker on the HTML the server sends."""

import io
import json
import re
import shutil
import subprocess
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from contacts.merging import merge_entities
from contacts.models import ContactPerson, CountryOffice, Merge, Project
from core.history import record_imported_versions
from releases.models import ImportRun, Release
from tests.browser.conftest import AXE_SCRIPT, HTML_CHECKER, WIDTHS, assert_accessible, tool_missing
from tests.helpers import FIXTURES, run_import


def page_paths() -> dict[str, str]:
    """One path per kind of page, on the imported sample pages (with a correction, a page
    waiting for review and a merge, so that the admin's pages have something to show)."""
    release = Release.objects.exclude(contacts=None).order_by("pk").first()
    if not release.history.exists():  # corrections, for the history page to list
        record_imported_versions(Release, [release])
        release.title += " (corrigé)"
        release.save()
        release.body = release.body.replace("migrants", "personnes migrantes", 1)
        release.save()
    for i, undated in enumerate(Release.objects.filter(published=None).order_by("pk")):
        undated.published = date(2017 + i % 3, 1 + 4 * i % 12, 10)  # dates, for the bar chart to draw
        undated.save()
    office = CountryOffice.objects.get(slug="oim-guatemala")
    waiting = Release.objects.order_by("-pk").first()
    if waiting.office_id:
        waiting.office = None
        waiting.warnings = [{"code": "title_too_long", "detail": ""}]
        waiting.save()
    projects = list(Project.objects.order_by("pk"))
    merge = Merge.objects.filter(kind="project").first() or merge_entities(projects[1], [projects[2]])
    run = ImportRun.objects.order_by("pk").first()
    admin_paths = {
        "admin-index": reverse("admin:index"),
        "admin-releases": reverse("admin:releases_release_changelist"),
        "admin-review-queue": reverse("admin:releases_release_changelist") + "?review=todo",
        "admin-release-form": reverse("admin:releases_release_change", args=[release.pk]),
        "admin-release-history": reverse("admin:releases_release_history", args=[release.pk]),
        "admin-release-compare": reverse(
            "admin:releases_release_history_version", args=[release.pk, release.history.earliest().history_id]
        ),
        "admin-person-form": reverse(
            "admin:contacts_contactperson_change", args=[ContactPerson.objects.order_by("pk").first().pk]
        ),
        "admin-person-add": reverse("admin:contacts_contactperson_add"),
        "admin-project-history": reverse("admin:contacts_project_history", args=[merge.kept_id]),
        "admin-merge-undo": reverse("admin:contacts_project_undo_merge", args=[merge.kept_id, merge.pk]),
        "admin-import-runs": reverse("admin:releases_importrun_changelist"),
        "admin-import-run": reverse("admin:releases_importrun_change", args=[run.pk]),
        "editor-refused": "/admin/auth/user/",
    }
    return {
        "list": "/",
        "filtered-list": f"/?country={release.country}&has_contacts=true",
        "search-results": "/?q=migrants&sort=relevance",
        "no-result": "/?q=introuvablezzz",
        "name-search": "/?q=pellecer",  # the person's page offered above the results
        "invalid-filter": "/?year=99999&has_contacts=peut-etre",
        "not-found": "/releases/cette-page-n-existe-pas/",
        "release": release.get_absolute_url(),
        "release-searched": release.get_absolute_url() + "?q=migrants&sort=relevance",
        "office": office.get_absolute_url(),
        "list-by-month": "/?year=2017",
        "offices": reverse("contacts:office_list"),
        "project": Project.objects.order_by("pk").first().get_absolute_url(),
        "projects": reverse("contacts:project_list"),
        "person": ContactPerson.objects.order_by("pk").first().get_absolute_url(),
        "people": reverse("contacts:person_list"),
        "people-filtered": reverse("contacts:person_list") + "?country=GT&q=sonia",
        "login": reverse("login"),
        **admin_paths,
    }


def merge_confirmation(client) -> bytes:
    """The merge's confirmation page (the answer to a POST of the list's action)."""
    people = list(ContactPerson.objects.order_by("pk").values_list("pk", flat=True)[:2])
    response = client.post(
        reverse("admin:contacts_contactperson_changelist"),
        {"action": "merge_selected", "_selected_action": people},
    )
    assert response.status_code == 200
    return response.content


KINDS = [
    "list", "filtered-list", "search-results", "no-result", "name-search", "invalid-filter", "not-found",
    "release", "release-searched", "office", "list-by-month", "offices", "project", "projects", "person",
    "people", "people-filtered", "login", "admin-index", "admin-releases", "admin-review-queue",
    "admin-release-form", "admin-release-history", "admin-release-compare", "admin-person-form",
    "admin-person-add", "admin-project-history", "admin-merge-undo", "admin-import-runs",
    "admin-import-run", "editor-refused",
]  # fmt: skip
STATUS = {"not-found": 404, "editor-refused": 403}


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", "admin@example.org", "unused")


@pytest.fixture
def staff_editor(db):
    call_command("create_editor", "edith", stdout=io.StringIO())
    return User.objects.get(username="edith")


def is_admin(kind: str) -> bool:
    return kind.startswith(("admin", "editor"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_page_is_accessible_and_pictured(
    open_window, samples, superuser, staff_editor, log_in, kind, width
):
    if not AXE_SCRIPT.exists():
        tool_missing("axe-core is not installed (node_modules/axe-core)")
    window = open_window(width, bypass_csp=True)
    if is_admin(kind):
        log_in(window, staff_editor if kind.startswith("editor") else superuser)
    window.open(page_paths()[kind], status=STATUS.get(kind, 200))
    window.screenshot(kind)
    assert_accessible(window, admin=is_admin(kind))


def test_the_merge_confirmation_is_accessible_and_pictured(open_window, samples, superuser, log_in):
    """A page that answers a POST: reached as an editor would, from the list's action."""
    if not AXE_SCRIPT.exists():
        tool_missing("axe-core is not installed (node_modules/axe-core)")
    for width in WIDTHS:
        window = open_window(width, bypass_csp=True)
        log_in(window, superuser)
        window.open(reverse("admin:contacts_contactperson_changelist"))
        window.page.locator('input[name="_selected_action"]').nth(0).check()
        window.page.locator('input[name="_selected_action"]').nth(1).check()
        window.page.locator("select[name=action]").select_option("merge_selected")
        window.page.get_by_role("button", name="Envoyer").click()
        window.page.get_by_role("button", name=re.compile("^Fusionner dans")).wait_for()
        window.screenshot("admin-merge-confirmation")
        assert_accessible(window, admin=True)


def test_every_page_is_valid_html(admin_client, client, tmp_path):
    """The Nu HTML Checker, once over every kind of page (starting Java once)."""
    java = shutil.which("java")
    if not java or not HTML_CHECKER.exists():
        tool_missing("the Nu HTML Checker needs Java and node_modules/vnu-jar")
    run_import(FIXTURES)
    call_command("create_editor", "edith", stdout=io.StringIO())
    client.force_login(User.objects.get(username="edith"))
    for kind, path in page_paths().items():
        response = (client if kind.startswith("editor") else admin_client).get(path)
        expected = STATUS.get(kind, 200)
        assert response.status_code == expected, f"{kind}: {path} answered {response.status_code}"
        (tmp_path / f"{kind}.html").write_bytes(response.content)
    (tmp_path / "admin-merge-confirmation.html").write_bytes(merge_confirmation(admin_client))
    result = subprocess.run(
        [java, "-jar", str(HTML_CHECKER), "--stdout", "--format", "json", "--errors-only", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']} — {m.get('extract', '')!r}"
        for m in messages
    ]
    assert not errors, "\n".join(errors)
    assert len(list(tmp_path.glob("*.html"))) == len(KINDS) + 1
