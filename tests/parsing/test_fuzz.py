"""The parser fails only with its own clear errors, whatever it is given."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releases.parsing import NotARelease, PageError, parse_page, read_lines
from tests.helpers import SAMPLE_PAGES

SAMPLES = [p.read_bytes() for p in SAMPLE_PAGES]


def parse(data: bytes, name: str = "page.txt"):
    try:
        return parse_page(read_lines(data, name), name)
    except (PageError, NotARelease) as exc:
        assert str(exc)
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes(data):
    parse(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000), st.sampled_from(["page.txt", "page.html"]))
def test_arbitrary_text(text, name):
    parse(text.encode("utf-8"), name)


@settings(max_examples=200, deadline=None)
@given(
    sample=st.sampled_from(SAMPLES),
    seed=st.integers(0, 2**32),
    operation=st.sampled_from(["cut", "shuffle", "duplicate", "reencode", "truncate"]),
)
def test_mangled_sample_pages(sample, seed, operation):
    rng = random.Random(seed)
    lines = sample.decode("utf-8").splitlines()
    if operation == "cut":
        del lines[rng.randrange(len(lines)) :: rng.randint(2, 7)]
    elif operation == "shuffle":
        rng.shuffle(lines)
    elif operation == "duplicate":
        i = rng.randrange(len(lines))
        lines[i:i] = lines[i : i + rng.randint(1, 20)] * rng.randint(1, 4)
    text = "\n".join(lines)
    if operation == "reencode":
        data = text.encode(rng.choice(["cp1252", "latin-1", "utf-16"]), errors="replace")
    elif operation == "truncate":
        data = text.encode("utf-8")[: rng.randrange(len(text))]
    else:
        data = text.encode("utf-8")
    release = parse(data)
    if release is not None:
        assert release.title
        assert len(release.fingerprint) == 64
