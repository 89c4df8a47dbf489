import re
from datetime import date

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from contacts.models import COUNTRY_CODE_RULE, ContactPerson, CountryOffice
from iomnews.corrections import CorrectableModel

FTS_TABLE = "releases_release_fts"


def _pg_query(words: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(words, config="iomnews_fr", search_type="websearch")


def fts_query(words: str) -> str:
    """An FTS5 query that requires every word, each as a prefix ("migrant" finds
    "migrants"); quoted, so that nothing a user types is FTS syntax."""
    tokens = re.findall(r"\w+", words)[:10]
    return " ".join(f'"{token}"*' for token in tokens)


# Marks around matches in search highlights: control characters that no page
# contains, swapped for <mark> only after the text is escaped.
MATCH_START, MATCH_END = "\x02", "\x03"


class Project(CorrectableModel):
    """A project, programme or fund named in releases."""

    name = models.CharField("nom", max_length=300)
    slug = models.SlugField(max_length=220, unique=True)
    acronym = models.CharField("sigle", max_length=20, blank=True)
    history = HistoricalRecords(excluded_fields=["imported_values"])

    class Meta:
        verbose_name = "projet"
        verbose_name_plural = "projets"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="project_name_unique_ci"),
            models.UniqueConstraint(
                fields=["acronym"], condition=~models.Q(acronym=""), name="project_acronym_unique"
            ),
        ]

    def __str__(self) -> str:
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:project", args=[self.slug])


class ReleaseQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-sort_date", "-id")

    def newest_ids(self, limit: int) -> list[int]:
        """Ids of the `limit` most recent of these releases, newest first.

        For a search, PostgreSQL's planner guesses that a word matches 0.5 % of the
        releases, so it walks the newest-first index testing every release against
        the words: for a rare word, all of them (0.8 s among 100,000). So the
        matches are first read from the search index in no order, up to `limit` + 1;
        only when there are more (a frequent word, which that walk finds at once)
        is the walk used.
        """
        found = list(self.order_by().values_list("pk", "sort_date")[: limit + 1])
        if len(found) <= limit:
            found.sort(key=lambda row: (row[1], row[0]), reverse=True)
            return [pk for pk, _ in found]
        return list(self.newest_first().values_list("pk", flat=True)[:limit])

    def for_country(self, code: str):
        return self.filter(country=code.upper())

    def with_related(self):
        """For pages that show releases: their office, without the columns no page shows."""
        return self.select_related("office").defer("raw_text", "search_vector")

    def needing_review(self):
        """Releases an editor should look at: something missing, import warnings,
        or a source page changed since an editor corrected it; not yet reviewed since."""
        has_contact = models.Exists(ReleaseContact.objects.filter(release=models.OuterRef("pk")))
        problem = (
            models.Q(published__isnull=True)
            | models.Q(country="")
            | models.Q(office__isnull=True)
            | ~has_contact
            | ~models.Q(warnings=[])
        )
        not_reviewed = models.Q(reviewed_at__isnull=True)
        source_changed = models.Q(source_changed_at__isnull=False) & (
            not_reviewed | models.Q(source_changed_at__gt=models.F("reviewed_at"))
        )
        return self.filter((problem & not_reviewed) | source_changed)

    def search(self, words: str):
        """Releases matching all the words, accents and case ignored.

        PostgreSQL: French full-text search (stems, unaccent; migration 0002).
        SQLite: its FTS5 index (accents removed, words matched by prefix; migration 0003).
        Only a filter: ranking and highlights are computed for a few rows (ranked_ids, headlines).
        """
        words = (words or "").strip()[:200]
        if not words:
            return self
        if self.db_vendor == "postgresql":
            return self.filter(search_vector=_pg_query(words))
        match = fts_query(words)
        if not match:
            return self.none()
        return self.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        )

    def ranked_ids(self, words: str, limit: int) -> list[int]:
        """Ids of at most `limit` of these releases, best match for the words first.

        Ranking every match of a word found in nearly every release is what makes
        search slow, so the ranking is bounded: on SQLite, FTS5's own top `limit`
        by bm25 among all matches; on PostgreSQL, the `limit` most recent matches, ranked.
        """
        if self.db_vendor == "postgresql":
            from django.contrib.postgres.search import SearchRank

            recent = self.newest_ids(limit)
            ranked = (
                Release.objects.filter(pk__in=recent)
                .annotate(rank=SearchRank(models.F("search_vector"), _pg_query(words)))
                .order_by("-rank", "-sort_date", "-id")
            )
            return list(ranked.values_list("pk", flat=True))
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT %s",
                [fts_query(words), limit],
            )
            best = [row[0] for row in cursor.fetchall()]
        kept = set(self.filter(pk__in=best).values_list("pk", flat=True))  # the other filters
        return [pk for pk in best if pk in kept]

    def headlines(self, words: str, ids: list[int]) -> dict[int, str]:
        """The passage of each body that matches the words, marks around them (a page's rows only)."""
        words = (words or "").strip()[:200]
        if not words or not ids:
            return {}
        if self.db_vendor == "postgresql":
            from django.contrib.postgres.search import SearchHeadline

            headline = SearchHeadline(
                "body", _pg_query(words), config="iomnews_fr", start_sel=MATCH_START, stop_sel=MATCH_END,
                max_words=35, min_words=15,
            )  # fmt: skip
            rows = (
                Release.objects.filter(pk__in=ids).annotate(headline=headline).values_list("pk", "headline")
            )
            return dict(rows)
        match = fts_query(words)
        if not match:
            return {}
        placeholders = ",".join(["%s"] * len(ids))
        sql = (
            f"SELECT rowid, snippet({FTS_TABLE}, 2, %s, %s, '…', 30) FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH %s AND rowid IN ({placeholders})"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [MATCH_START, MATCH_END, match, *ids])
            return dict(cursor.fetchall())

    @property
    def db_vendor(self) -> str:
        return connections[self.db].vendor


UNDATED = date(1, 1, 1)


class Release(CorrectableModel):
    title = models.CharField("titre", max_length=500)
    slug = models.SlugField(max_length=220, unique=True)
    dateline = models.CharField("lieu (dateline)", max_length=200, blank=True)
    published = models.DateField("date de publication", null=True, blank=True)
    # Undated releases sort last; an index on this serves "newest first" on any database.
    sort_date = models.GeneratedField(
        expression=Coalesce("published", models.Value(UNDATED)),
        output_field=models.DateField(),
        db_persist=True,
    )
    language = models.CharField("langue", max_length=8, default="fr")
    country = models.CharField("pays (code ISO)", max_length=2, blank=True)
    office = models.ForeignKey(
        CountryOffice,
        verbose_name="bureau émetteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="releases",
    )
    body = models.TextField("texte", blank=True)
    source = models.CharField(
        "source",
        max_length=500,
        unique=True,
        help_text="Nom du fichier importé, ou l’URL canonique de la page.",
    )
    fingerprint = models.CharField(
        "empreinte du contenu",
        max_length=64,
        db_index=True,
        help_text="Même contenu quel que soit l’encodage, les fins de ligne ou les espaces.",
    )
    import_hash = models.CharField(max_length=64, blank=True, editable=False)
    raw_text = models.TextField("texte importé", blank=True)
    warnings = models.JSONField("avertissements de l’import", default=list, blank=True)
    projects = models.ManyToManyField(Project, verbose_name="projets", blank=True, related_name="releases")
    contacts = models.ManyToManyField(
        ContactPerson, verbose_name="contacts", through="ReleaseContact", related_name="releases"
    )
    imported_at = models.DateTimeField("importé le", auto_now_add=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)
    # Review: set when an import brings a new version of a field an editor corrected.
    source_changed_at = models.DateTimeField("page d’origine modifiée le", null=True, blank=True)
    reviewed_at = models.DateTimeField("relu le", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="relu par", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # Filled by a PostgreSQL trigger (migration 0002); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=[
            "sort_date",
            "search_vector",
            "raw_text",
            "import_hash",
            "imported_values",
            "fingerprint",
        ]
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = "communiqué"
        verbose_name_plural = "communiqués"
        ordering = ["-sort_date", "-id"]
        indexes = [
            models.Index(fields=["-sort_date", "-id"], name="release_newest_first"),
            models.Index(fields=["country", "-sort_date"], name="release_country_date"),
            models.Index(fields=["office", "-sort_date"], name="release_office_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=COUNTRY_CODE_RULE, name="release_country_iso"),
            models.CheckConstraint(condition=~models.Q(title=""), name="release_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:release", args=[self.slug])

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


class ReleaseContact(models.Model):
    """A contact person of one release, in page order, with the phones given there."""

    release = models.ForeignKey(
        Release, verbose_name="communiqué", on_delete=models.CASCADE, related_name="contact_links"
    )
    person = models.ForeignKey(
        ContactPerson, verbose_name="personne", on_delete=models.CASCADE, related_name="release_links"
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    office = models.ForeignKey(
        CountryOffice,
        verbose_name="bureau",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phones = models.JSONField("téléphones", default=list, blank=True)

    class Meta:
        verbose_name = "contact du communiqué"
        verbose_name_plural = "contacts du communiqué"
        ordering = ["release", "position"]
        constraints = [
            models.UniqueConstraint(fields=["release", "person"], name="release_contact_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.release}"


class QuotedPerson(models.Model):
    """Someone quoted in a release, with the role the release gives them."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="quoted_people")
    name = models.CharField("nom", max_length=200)
    role = models.CharField("fonction", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "personne citée"
        verbose_name_plural = "personnes citées"
        ordering = ["release", "position"]
        constraints = [
            models.UniqueConstraint(fields=["release", "name"], name="quoted_person_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name


class NavigationLine(models.Model):
    """A line of a site's navigation to strip from pages, learned from a batch (see releases/sites.py)."""

    # The site whose menu has this line: a short key named after the menu's opening lines.
    site = models.CharField("site", max_length=100, blank=True, default="")
    key = models.CharField(max_length=1000)
    text = models.TextField()
    learned = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ligne de navigation"
        verbose_name_plural = "lignes de navigation"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["site", "key"], name="navigation_line_per_site")]

    def __str__(self) -> str:
        return self.text[:80]


class DataVersion(models.Model):
    """A number that changes with every write to the portal's data.

    Cached pages are keyed by it, so that they are never older than the data,
    in every server process. Bumped by signals (admin edits) and by imports.
    """

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "version des données"
        verbose_name_plural = "version des données"

    def __str__(self) -> str:
        return f"version {self.number}"


class ImportRun(models.Model):
    """One run of import_releases: who, when, which files, what came of them."""

    started_at = models.DateTimeField("début")
    finished_at = models.DateTimeField("fin")
    operator = models.CharField("opérateur", max_length=150, blank=True)
    paths = models.JSONField("chemins", default=list)
    created = models.PositiveIntegerField("créés", default=0)
    updated = models.PositiveIntegerField("mis à jour", default=0)
    unchanged = models.PositiveIntegerField("inchangés", default=0)
    skipped = models.JSONField("ignorés", default=list, blank=True)
    failed = models.JSONField("en échec", default=list, blank=True)
    kept_editor_fields = models.PositiveIntegerField("corrections conservées", default=0)

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "imports"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Import du {self.started_at:%d/%m/%Y %H:%M}"
