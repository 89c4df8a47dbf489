"""The page cache: a page is kept until what it shows changes, and only that."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory

from core.caching import bump, cached_page, depends_on
from iomnews.cache_url import cache_from_url
from tests.factories import (
    OfficeFactory,
    PersonFactory,
    ProjectFactory,
    ReleaseContactFactory,
    ReleaseFactory,
)

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_the_cache_key_holds_the_scheme_and_the_host(client, settings):
    settings.ALLOWED_HOSTS = ["a.example.org", "b.example.org"]
    url = ReleaseFactory(slug="un-communique").get_absolute_url()
    canonical = '<link rel="canonical" href="{}/releases/un-communique/">'
    assert canonical.format("http://a.example.org") in text(client.get(url, HTTP_HOST="a.example.org"))
    assert canonical.format("http://b.example.org") in text(client.get(url, HTTP_HOST="b.example.org"))
    assert canonical.format("https://a.example.org") in text(
        client.get(url, HTTP_HOST="a.example.org", secure=True)
    )
    assert '<link rel="canonical" href="http://a.example.org/">' in text(
        client.get("/", HTTP_HOST="a.example.org")
    )
    assert '<link rel="canonical" href="http://b.example.org/">' in text(
        client.get("/", HTTP_HOST="b.example.org")
    )


def test_an_edit_leaves_the_pages_of_other_releases_cached(client, django_assert_max_num_queries):
    edited = ReleaseFactory(office=OfficeFactory(name="OIM Dakar"))
    other = ReleaseFactory(office=OfficeFactory(name="OIM Lima"))
    client.get(other.get_absolute_url())
    client.get(edited.get_absolute_url())
    edited.title = "Titre corrigé par un éditeur"
    edited.save()
    with django_assert_max_num_queries(1):  # from the cache: one query for the versions
        assert other.title in text(client.get(other.get_absolute_url()))
    assert "Titre corrigé par un éditeur" in text(client.get(edited.get_absolute_url()))
    assert "Titre corrigé par un éditeur" in text(client.get("/"))


def test_a_release_page_follows_what_it_shows():
    from django.test import Client

    client = Client()
    office = OfficeFactory(name="OIM Dakar")
    release = ReleaseFactory(office=office, published=date(2020, 1, 1))
    related = ReleaseFactory(office=office, published=date(2019, 1, 1), title="Un communiqué voisin")
    person = ReleaseContactFactory(
        release=release, person=PersonFactory(name="Awa Diop", office=office)
    ).person
    url = release.get_absolute_url()
    assert "Un communiqué voisin" in text(client.get(url))

    related.title = "Un voisin au titre corrigé"
    related.save()
    assert "Un voisin au titre corrigé" in text(client.get(url))
    office.name = "OIM Dakar (Sénégal)"
    office.save()
    assert "OIM Dakar (Sénégal)" in text(client.get(url))
    person.email = "awa.diop@iom.int"
    person.save()
    assert "awa.diop@iom.int" in text(client.get(url))
    release.projects.add(ProjectFactory(name="Projet Avenir"))
    assert "Projet Avenir" in text(client.get(url))
    # A new release of the same office is now among the related ones.
    ReleaseFactory(office=office, published=date(2021, 1, 1), title="Un tout nouveau voisin")
    assert "Un tout nouveau voisin" in text(client.get(url))


def test_pages_answer_304_to_a_client_that_has_them(client):
    ReleaseFactory()
    first = client.get("/")
    assert first["Last-Modified"] and first["Cache-Control"] == "no-cache"
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    ReleaseFactory(title="Un communiqué de plus")
    changed = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Un communiqué de plus" in text(changed)


def test_a_page_computed_while_the_data_changes_is_not_kept():
    computed = []

    @cached_page
    def view(request):
        computed.append(1)
        bump(["release:1"])  # a write that commits while the page is computed
        response = HttpResponse("page")
        depends_on(response, ["release:1"])
        return response

    request = RequestFactory().get("/une-page/")
    view(request)
    view(request)
    assert len(computed) == 2


def test_a_cache_that_is_down_makes_pages_slower_not_broken(client, settings):
    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:1/0", "iomnews-exports-test")}
    ReleaseFactory(title="Toujours servi")
    assert "Toujours servi" in text(client.get("/"))


def test_cache_url():
    assert cache_from_url("")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    redis = cache_from_url("redis://127.0.0.1:6379/3", "portail")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert (redis["LOCATION"], redis["KEY_PREFIX"]) == ("redis://127.0.0.1:6379/3", "portail")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL: unknown kind of cache 'memcached'"):
        cache_from_url("memcached://127.0.0.1:11211")
