"""Search: one interface, a backend per database, the same answers on both.

Words are compared without accents or case, each reduced to its stem by the
French Snowball stemmer ("réintégration", "réintégrer", "réintégrés" are one
word): PostgreSQL's `french_stem` after `unaccent` (migration 0002), and on
SQLite the same stemmer from Python (PyStemmer, the C build of Snowball) at
index time (a SQL function the FTS5 triggers call, migration 0010) and at
query time. Only the first INDEXED_BODY_CHARS characters of a body are indexed,
so that one huge page does not slow every search that matches it. Highlights
are computed in Python on the few rows shown, alike for both databases.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer
from django.db import connections
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

INDEXED_BODY_CHARS = 100_000
MAX_QUERY_CHARS = 200
FTS_TABLE = "releases_release_fts"

# Marks around matches in search highlights: control characters that no page
# contains, swapped for <mark> only after the text is escaped.
MATCH_START, MATCH_END = "\x02", "\x03"

_WORD = re.compile(r"\w+")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_STEMMER = Stemmer.Stemmer("french")
# The commonest of PostgreSQL's French stop words: a search ignores them on both
# databases (they match nearly every release) and highlights never mark them.
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "eux",
        "il",
        "ils",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "m",
        "ma",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "mon",
        "n",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "s",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "t",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "est",
        "sont",
        "ete",
        "etre",
        "avoir",
    ]
)


def fold(text: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(fold(word))


def stem_text(text: str | None) -> str:
    """The stems of a text's words, in order, separated by spaces (what SQLite indexes)."""
    if not text:
        return ""
    return " ".join(_STEMMER.stemWords(_WORD.findall(fold(text))))


# ---------------------------------------------------------------- the words searched
def parse_query(words: str) -> tuple[list[list[str]], list[str]]:
    """Web-search syntax, as PostgreSQL's websearch_to_tsquery reads it: ("phrases" and
    words that must all match, as lists of stems; stems of -words that must not)."""
    wanted: list[list[str]] = []
    unwanted: list[str] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', (words or "")[:MAX_QUERY_CHARS]):
        if word.startswith("-") and len(word) > 1:
            unwanted += [stem(w) for w in _WORD.findall(word)]
        elif phrase:
            wanted.append([stem(w) for w in _WORD.findall(phrase)])
        else:
            wanted += [[stem(w)] for w in _WORD.findall(word) if fold(w) not in STOP_WORDS]
    return [w for w in wanted if w][:10], unwanted[:10]


def query_stems(words: str) -> set[str]:
    """The stems a highlight marks (never a stop word)."""
    wanted, _unwanted = parse_query(words)
    return {s for phrase in wanted for s in phrase} - {stem(w) for w in STOP_WORDS}


# ---------------------------------------------------------------- highlights
def highlight(text: str, stems: set[str], words_around: int = 30) -> str:
    """The passage of the text around the first match, matches between MATCH marks."""
    tokens = list(_WORD.finditer(text or ""))
    if not tokens or not stems:
        return ""
    token_stems = _STEMMER.stemWords([fold(t.group()) for t in tokens])
    hits = [i for i, s in enumerate(token_stems) if s in stems]
    if not hits:
        return ""
    first = max(0, hits[0] - 5)
    last = min(len(tokens), first + words_around)
    start, end = tokens[first].start(), tokens[last - 1].end()
    parts, cursor = [], start
    for i in hits:
        if first <= i < last:
            token = tokens[i]
            parts += [text[cursor : token.start()], MATCH_START, token.group(), MATCH_END]
            cursor = token.end()
    parts.append(text[cursor:end])
    prefix = "…" if first > 0 else ""
    suffix = "…" if last < len(tokens) else ""
    return prefix + "".join(parts) + suffix


def headlines(releases, words: str, ids: list[int]) -> dict[int, str]:
    """The matching passage of each release's body (the rows of one page only)."""
    stems = query_stems(words)
    if not stems or not ids:
        return {}
    bodies = releases.model.objects.filter(pk__in=ids).annotate(indexed=Substr("body", 1, INDEXED_BODY_CHARS))
    return {pk: highlight(body, stems) for pk, body in bodies.values_list("pk", "indexed")}


# ---------------------------------------------------------------- backends
class PostgresSearch:
    """The trigger-kept `search_vector` (title, dateline, body prefix) and its GIN index."""

    @staticmethod
    def _query(words: str):
        from django.contrib.postgres.search import SearchQuery

        return SearchQuery(words[:MAX_QUERY_CHARS], config="iomnews_fr", search_type="websearch")

    def matching(self, releases, words: str):
        return releases.filter(search_vector=self._query(words))

    def ranked_ids(self, releases, words: str, limit: int) -> list[int]:
        """The `limit` most recent matches, best first (ranking every match is what is slow)."""
        from django.contrib.postgres.search import SearchRank

        recent = releases.newest_ids(limit)
        ranked = (
            releases.model.objects.filter(pk__in=recent)
            .annotate(rank=SearchRank(F("search_vector"), self._query(words)))
            .order_by("-rank", "-sort_date", "-id")
        )
        return list(ranked.values_list("pk", flat=True))


class SqliteSearch:
    """An FTS5 table of stems (migration 0010), kept by triggers."""

    @staticmethod
    def fts_query(words: str) -> str:
        wanted, unwanted = parse_query(words)
        query = " ".join('"' + " ".join(phrase) + '"' for phrase in wanted)
        if query and unwanted:
            query = f"({query}) NOT (" + " OR ".join(f'"{s}"' for s in unwanted) + ")"
        return query

    def matching(self, releases, words: str):
        match = self.fts_query(words)
        if not match:
            return releases.none()
        return releases.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        )

    def ranked_ids(self, releases, words: str, limit: int) -> list[int]:
        """FTS5's own top `limit` by bm25 among all matches, then the other filters."""
        match = self.fts_query(words)
        if not match:
            return []
        with connections[releases.db].cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT %s",
                [match, limit],
            )
            best = [row[0] for row in cursor.fetchall()]
        kept = set(releases.filter(pk__in=best).order_by().values_list("pk", flat=True))
        return [pk for pk in best if pk in kept]


def backend_for(releases) -> PostgresSearch | SqliteSearch:
    vendor = connections[releases.db].vendor
    return PostgresSearch() if vendor == "postgresql" else SqliteSearch()


# Stems computed ahead, by the import's parsing workers, for texts about to be written:
# the SQLite triggers find them here instead of stemming in the loading process.
_stems_ahead: dict[str, str] = {}


def stems_ahead(stems: dict[str, str]) -> None:
    _stems_ahead.update(stems)


def forget_stems_ahead() -> None:
    _stems_ahead.clear()


def _sql_stem(text: str | None) -> str:
    stems = _stems_ahead.pop(text, None) if text else None
    return stems if stems is not None else stem_text(text)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """The stemmer as a SQL function, for the FTS5 triggers (on every new SQLite connection)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("iomnews_stem", 1, _sql_stem, deterministic=True)
