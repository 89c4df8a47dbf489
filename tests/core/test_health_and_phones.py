"""/healthz answers as the database does; phones are shown and dialled as stored."""

import pytest
from django.db.utils import OperationalError

from core import phones


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise OperationalError("the database is down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError"}


@pytest.mark.parametrize(
    ("stored", "link", "shown"),
    [
        ("+50223336052;ext=218", "tel:+50223336052;ext=218", "+502 2333 6052, poste 218"),
        ("+541148155194", "tel:+541148155194", "+54 11 4815-5194"),
        ("+41227179111", "tel:+41227179111", "+41 22 717 91 11"),
    ],
)
def test_a_phone_keeps_its_extension_apart_when_dialled(stored, link, shown):
    assert phones.tel_uri(stored) == link
    assert phones.display(stored) == shown


@pytest.mark.parametrize(
    ("typed", "region", "stored"),
    [
        ("+41 22 717 91 11 poste 218", None, "+41227179111;ext=218"),
        ("2333 6052", "GT", "+50223336052"),
        ("0041 22 717 91 11", None, "+41227179111"),
        ("pas un numéro", "GT", None),
        ("12", "GT", None),
    ],
)
def test_typed_numbers_to_e164(typed, region, stored):
    assert phones.to_e164(typed, region) == stored


@pytest.mark.django_db
def test_healthz_answers_503_when_pages_cannot_render(client, settings, tmp_path):
    """gunicorn started without collectstatic: the database answers, every page fails."""
    settings.STATIC_ROOT = tmp_path  # nothing collected: no manifest
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        client.get("/offices/")  # every page fails so
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert "Missing staticfiles manifest entry" in response.json()["page"]


@pytest.mark.parametrize(
    ("stored", "kind"),
    [
        ("+50223336052;ext=218", "fixe"),
        ("+50255551234", "mobile"),
        ("+41791234567", "mobile"),
        ("+12025550123", ""),  # the North American plan shares its ranges: nothing said
        ("pas un numéro", ""),
    ],
)
def test_office_and_mobile_numbers_are_told_apart_where_the_plan_knows(stored, kind):
    assert phones.kind(stored) == kind
