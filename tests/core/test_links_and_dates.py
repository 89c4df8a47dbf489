"""Links and dates a list prints by the dozen, made without reverse() or |date each time."""

from datetime import date

from django.urls import reverse, set_script_prefix

from core.links import slug_path
from core.templatetags.portal import date_element


def test_a_date_as_people_read_it_in_a_time_element():
    assert date_element(date(2021, 2, 3)) == '<time datetime="2021-02-03">3 février 2021</time>'
    assert date_element(date(2019, 12, 31)) == '<time datetime="2019-12-31">31 décembre 2019</time>'
    assert date_element(None) == ""


def test_slug_paths_are_those_reverse_gives_under_any_script_prefix():
    for name in ("releases:release", "contacts:office", "contacts:person", "contacts:project"):
        assert slug_path(name, "un-slug_2") == reverse(name, args=["un-slug_2"])
    try:
        set_script_prefix("/portail/")
        assert slug_path("releases:release", "abc") == reverse("releases:release", args=["abc"])
        assert slug_path("releases:release", "abc").startswith("/portail/")
    finally:
        set_script_prefix("/")
    assert slug_path("releases:release", "abc") == reverse("releases:release", args=["abc"])
