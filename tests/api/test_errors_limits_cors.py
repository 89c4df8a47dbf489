"""What goes wrong, said in French and English: bad parameters, unknown addresses, methods;
the rate limit per client; CORS for GET alone; the documentation page and its link."""

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache

from tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "parameter", "code"),
    [
        ("year=abc", "year", "invalid"),
        ("year=2020.5", "year", "invalid"),
        ("year=1800", "year", "min_value"),
        ("month=13", "month", "max_value"),
        ("country=GUA", "country", "invalid"),
        ("country=" + ",".join(f"A{chr(65 + i)}" for i in range(21)), "country", "invalid"),
        ("q=" + "m" * 201, "q", "max_length"),
        ("q=mi%00grants", "q", "null_characters_not_allowed"),
        ("office=" + "o" * 221, "office", "max_length"),
        ("has_contacts=maybe", "has_contacts", "invalid"),
        ("sort=title", "sort", "invalid_choice"),
        ("updated_since=yesterday", "updated_since", "invalid"),
        ("published_since=2026-13-01", "published_since", "invalid"),
        ("fields=id,colour", "fields", "invalid_choice"),
        ("facets=office,colour", "facets", "invalid_choice"),
        ("limit=101", "limit", "max_value"),
        ("limit=-1", "limit", "min_value"),
        ("cursor=abc", "cursor", "invalid_cursor"),
        ("page=2", "page", "unknown_parameter"),
    ],
)
def test_each_bad_parameter_is_named_in_french_and_english(client, query, parameter, code):
    response = client.get(f"/api/v1/releases/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    [error] = response.json()["errors"]
    assert (error["parameter"], error["code"]) == (parameter, code)
    fr, en = error["message"]["fr"], error["message"]["en"]
    assert fr and en and fr != en


def test_several_bad_parameters_are_all_named(client):
    response = client.get("/api/v1/releases/?year=abc&month=0&colour=blue")
    assert response.status_code == 400
    assert {e["parameter"] for e in response.json()["errors"]} == {"year", "month", "colour"}


def test_unknown_addresses_and_methods(client):
    response = client.get("/api/v1/communiques/")
    assert response.status_code == 404 and response.json()["errors"][0]["code"] == "not_found"
    assert client.get("/api/v1/releases/12/?colour=blue").status_code == 400
    assert client.get("/api/v1/offices/1/?fields=name").status_code == 400
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/releases/")
        assert response.status_code == 405
        assert response.json()["errors"][0]["message"]["en"] == "This API is read-only: GET (or HEAD)."
    assert client.head("/api/v1/releases/").status_code == 200


def test_any_accept_header_gets_json(client):
    response = client.get("/api/v1/releases/", headers={"accept": "text/html"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_a_rate_limit_per_client_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = 3
    cache.clear()
    for _ in range(3):
        assert client.get("/api/v1/releases/").status_code == 200  # cached or not, each counts
    response = client.get("/api/v1/releases/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    [error] = response.json()["errors"]
    assert error["code"] == "rate_limited" and "3" in error["message"]["fr"] and "3" in error["message"]["en"]
    # Another client is not limited; the portal's pages never are.
    assert client.get("/api/v1/releases/", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/").status_code == 200


def test_behind_the_proxy_the_client_is_the_address_the_proxy_saw(client, settings):
    settings.API_RATE_LIMIT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    cache.clear()
    first = {"HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.5"}  # what the client sent, then the proxy's
    assert client.get("/api/v1/releases/", **first).status_code == 200
    assert client.get("/api/v1/releases/", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5").status_code == 429
    assert client.get("/api/v1/releases/", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


def test_cors_for_get_only(client):
    ReleaseFactory()
    response = client.get("/api/v1/releases/", headers={"origin": "https://tableau.example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/releases/",
        headers={"origin": "https://tableau.example.org", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {
        "GET",
        "HEAD",
        "OPTIONS",
    }
    # The portal's own pages send no CORS header.
    assert "Access-Control-Allow-Origin" not in client.get("/", headers={"origin": "https://x.example.org"})


def test_the_documentation_page_is_served_by_the_portal_and_linked_from_every_page(client):
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200 and '<html lang="fr">' in html
    assert "Documentation de l’API" in html
    sources = [part.split('"')[0] for part in html.split('src="')[1:]] + [
        part.split('"')[0] for part in html.split('href="')[1:] if ".css" in part.split('"')[0]
    ]
    assert sources and all(src.startswith("/") for src in sources), sources  # no CDN
    for src in sources:
        if src.startswith("/static/"):
            assert finders.find(src.removeprefix("/static/")), src  # shipped with the portal
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "/api/v1/schema/" in script.content.decode()
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert '<a href="/api/v1/docs/">Documentation de l’API</a>' in footer
