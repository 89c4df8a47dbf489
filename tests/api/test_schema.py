"""The OpenAPI schema: every field and parameter in French and English, and Schemathesis
generating requests from it (valid and invalid), each answer checked against it:
no 5xx, every status and body as documented, invalid data refused, valid data accepted."""

import threading
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.http import QueryDict
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from api import cursors
from api.paging import ApiReleaseList
from api.parameters import DESCRIPTIONS, ApiReleaseFilter
from api.serializers import ENGLISH
from tests.factories import (
    OfficeFactory,
    PersonFactory,
    ProjectFactory,
    QuoteFactory,
    ReleaseContactFactory,
    ReleaseFactory,
)

# Requests per operation (8 operations: at least 1,000 in all), with fixed seeds.
REQUESTS_PER_OPERATION = 125
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())

# A cursor is what the API wrote: random text is refused (400), so valid cases carry real ones.
schemathesis.openapi.format("cursor", st.just("a cursor"))
CURSOR_KEYS = {"date": ("2019-05-01", 2), "updated": ("2026-01-01T00:00:00+00:00", 2), "relevance": (1, 2)}


def _as_text(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]


@schema.hook("map_case")
def real_cursors(context, case):
    """In a valid case, a cursor of the order the query asks for, as a `next` link gives it."""
    query = case.query
    if not query or "cursor" not in query or not case.meta or not case.meta.generation.mode.is_positive:
        return case
    if case.operation.path.startswith("/api/v1/releases"):
        data = QueryDict(mutable=True)
        for name, value in query.items():
            data.setlist(name, _as_text(value))
        listing = ApiReleaseList(data)
        if listing.filterset.form.is_valid():
            query["cursor"] = cursors.encode(listing.order, *CURSOR_KEYS[listing.order])
    else:
        query["cursor"] = cursors.encode("id", 1)
    return case


def _described(node, where: str, found: list) -> None:
    """Every property and parameter under `node`, with its description."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            found.append((f"{where}.{name}", prop.get("description", "")))
        for key, value in node.items():
            _described(value, f"{where}.{key}", found)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _described(value, f"{where}[{i}]", found)


def test_every_field_and_parameter_is_described_in_french_and_english(client):
    document = client.get("/api/v1/schema/").json()
    assert document["openapi"].startswith("3.")
    found = []
    _described(document["components"], "components", found)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                found.append((f"{method} {path} {parameter['name']}", parameter.get("description", "")))
            assert ENGLISH in operation["description"], path
    assert len(found) > 80
    missing = [where for where, text in found if ENGLISH not in text or not text.split(ENGLISH)[0].strip()]
    assert missing == []
    paths = set(document["paths"])
    assert paths == {
        "/api/v1/releases/", "/api/v1/releases/{id}/", "/api/v1/offices/", "/api/v1/offices/{id}/",
        "/api/v1/people/", "/api/v1/people/{id}/", "/api/v1/projects/", "/api/v1/projects/{id}/",
    }  # fmt: skip
    names = {p["name"] for p in document["paths"]["/api/v1/releases/"]["get"]["parameters"]}
    assert set(ApiReleaseFilter.base_filters) <= names  # every filter of the portal, and the API's own
    # Each described in both languages in api/parameters.py (a new filter of the portal, too).
    assert set(ApiReleaseFilter.base_filters) - set(DESCRIPTIONS) == set()


@pytest.fixture
def fuzzed_data(db, settings):
    """A few releases with every kind of link, and no rate limit. Schemathesis calls the WSGI
    application itself: as Django's test client does, requests must not close the test's
    database connection (PostgreSQL would lose the test's transaction)."""
    settings.API_RATE_LIMIT = 0
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    office = OfficeFactory(name="OIM Guatemala", country="GT")
    person = PersonFactory(office=office)
    project = ProjectFactory(acronym="F1035")
    for i in range(6):
        release = ReleaseFactory(office=office if i % 2 else OfficeFactory(country="SN"), projects=[project])
        ReleaseContactFactory(release=release, person=person)
        QuoteFactory(release=release)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Requests:
    """How many requests each operation sent (threads: hypothesis may run in the test's)."""

    counts: Counter = Counter()
    lock = threading.Lock()

    @classmethod
    def count(cls, label: str) -> None:
        with cls.lock:
            cls.counts[label] += 1


@pytest.fixture
def counted_requests(request):
    label = request.node.callspec.id if hasattr(request.node, "callspec") else request.node.name
    Requests.counts[label] = 0
    yield label
    print(label, Requests.counts[label])
    assert Requests.counts[label] >= REQUESTS_PER_OPERATION, Requests.counts[label]


@schema.parametrize()
@settings(
    max_examples=115,  # the coverage phase adds its own cases: 125 or more in all
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_answers_as_its_schema_says(case, fuzzed_data, counted_requests):
    Requests.count(counted_requests)
    case.call_and_validate()
