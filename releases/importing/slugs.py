"""Free slugs for the rows an import creates.

"jean-dupont", else "jean-dupont-2" … "-9", else the base with a short hash of
what identifies the row. Only these candidates are looked up (an indexed IN),
so the cost of a slug does not grow with how many rows share a name.
"""

import hashlib
from functools import lru_cache

from django.utils.text import slugify

NUMBERED = range(2, 10)
QUERY_SIZE = 500


@lru_cache(maxsize=8192)
def slug_base(text: str, fallback: str) -> str:
    return slugify(text)[:200].strip("-") or fallback


def _numbered(base: str) -> list[str]:
    return [base, *(f"{base}-{n}" for n in NUMBERED)]


def _hashed(base: str, identity: str) -> str:
    return f"{base}-{hashlib.sha256(identity.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"


class SlugAllocator:
    def __init__(self, model, fallback: str):
        self.model = model
        self.fallback = fallback
        self.reset()

    def reset(self) -> None:
        self.taken: set[str] = set()
        self.looked_up: set[str] = set()  # slugs whose being taken or not is known

    def _look_up(self, slugs) -> None:
        wanted = sorted(set(slugs) - self.looked_up)
        self.looked_up.update(wanted)
        for start in range(0, len(wanted), QUERY_SIZE):
            chunk = wanted[start : start + QUERY_SIZE]
            self.taken.update(self.model.objects.filter(slug__in=chunk).values_list("slug", flat=True))

    def prefetch(self, rows) -> None:
        """Look up, in a few queries, the slugs that (text, identity) rows to come may take:
        their bases, the numbered forms of the bases taken, the hashed ones when those are all taken."""
        bases = {(slug_base(text, self.fallback), identity) for text, identity in rows}
        self._look_up(base for base, _identity in bases)
        self._look_up(slug for base, _identity in bases if base in self.taken for slug in _numbered(base)[1:])
        self._look_up(
            _hashed(base, identity) for base, identity in bases if self.taken.issuperset(_numbered(base))
        )

    def allocate(self, text: str, identity: str) -> str:
        """A free slug for the text; `identity` tells apart rows whose names make one slug."""
        base = slug_base(text, self.fallback)
        self._look_up([base])  # nothing to ask when prefetched
        if base not in self.taken:
            self.taken.add(base)
            return base
        self._look_up(_numbered(base))  # one query at most
        for candidate in [*_numbered(base)[1:], _hashed(base, identity)]:
            self._look_up([candidate])
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        # Even the hashed one is taken (the same identity twice): count after it.
        hashed, n = _hashed(base, identity), 2
        while f"{hashed}-{n}" in self.taken or self.model.objects.filter(slug=f"{hashed}-{n}").exists():
            n += 1
        self.taken.add(f"{hashed}-{n}")
        return f"{hashed}-{n}"
