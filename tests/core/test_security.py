"""Safe to deploy, hard to break: production settings, access, and requests that must never fail."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import FIXTURES, ROOT, readable, run_import

pytestmark = pytest.mark.django_db


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **env}, timeout=120,
    )  # fmt: skip


def test_production_needs_a_secret_key_and_says_so_alone():
    result = manage("check", IOMNEWS_PRODUCTION="1", SECRET_KEY="")
    assert result.returncode != 0
    assert result.stderr.startswith("SECRET_KEY must be set in production")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        IOMNEWS_PRODUCTION="1", SECRET_KEY="x" * 60 + "-Secret-Key-For-This-Test-Only-0123456789",
        ALLOWED_HOSTS="portail.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_with_require_login_every_page_needs_an_account(client, settings):
    settings.PORTAL_REQUIRE_LOGIN = True
    response = client.get("/?country=GT")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert client.get("/healthz").status_code == 200
    assert client.get("/login/").status_code == 200
    # A program gets an answer it can read, not the login page.
    api = client.get("/api/v1/releases/")
    assert api.status_code == 401 and api.json()["errors"][0]["code"] == "login_required"
    user = User.objects.create_user("lecteur", password="un mot de passe solide 42")
    client.force_login(user)
    assert client.get("/?country=GT").status_code == 200
    assert client.get("/api/v1/releases/").status_code == 200


def test_repeated_failed_logins_are_locked_out_with_the_reason_and_how_long(client):
    User.objects.create_user("lecteur", password="un mot de passe solide 42")
    for _ in range(5):
        client.post("/login/", {"username": "lecteur", "password": "faux"})
    response = client.post("/login/", {"username": "lecteur", "password": "un mot de passe solide 42"})
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    page = response.content.decode()
    assert '<html lang="fr">' in page and "<h1>Connexion bloquée</h1>" in page  # the site's page
    assert "Trop d’essais de connexion ont échoué pour le compte « lecteur »" in readable(page)
    assert "pendant 15 minutes" in page


NASTY = [
    "q=' OR 1=1 --",
    "q=<script>alert(1)</script>",
    "q=%00",
    "q=" + "x" * 5000,
    'q="unterminated',
    "q=AND OR NOT",
    "q=*",
    "q=-",
    "q=NEAR(a b)",
    "country=<b>",
    "country=ZZZZ",
    "office=../../etc/passwd",
    "project=%F0%9F%92%A9",
    "contact=%C3%28",
    "year=-1",
    "year=99999999999999999999",
    "year=1e10",
    "page=-5",
    "page=99999999999",
    "page=1.5",
    "sort=relevance",
    "sort=' DROP TABLE",
    "has_contacts=maybe",
    "q=migrants&sort=relevance&page=2",
    "%ZZ=1",
    "q=%E9t%E9",  # Latin-1 bytes: invalid UTF-8
    "&".join(f"k{i}=v" for i in range(500)),
]


@pytest.mark.parametrize("query", NASTY)
@pytest.mark.parametrize("path", ["/", "/feeds/rss/", "/export.json"])
def test_nasty_query_strings_give_a_normal_page(client, query, path):
    run_import(FIXTURES) if query.startswith("q=migrants") else None
    response = client.get(f"{path}?{query}")
    assert response.status_code in (200, 400, 404)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"<script>alert(1)</script>" not in body


@pytest.mark.parametrize(
    "path", ["/releases/%C3%28/", "/people/<script>/", "/offices/" + "a" * 3000 + "/", "/projects/%00/"]
)
def test_nasty_paths_are_404s(client, path):
    assert client.get(path).status_code == 404


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(
            ["q", "country", "office", "project", "contact", "year", "has_contacts", "sort", "page"]
        ),
        st.text(max_size=60),
        max_size=5,
    )
)
def test_any_get_parameters_give_a_normal_page(client, params):
    response = client.get("/", params)
    assert response.status_code in (200, 400, 404)
