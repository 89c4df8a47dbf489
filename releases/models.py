"""Releases and what links them to offices, people and projects.

Offices, people and projects live in `contacts`; the query vocabulary of
releases (ReleaseQuerySet) here, search in `search.py`.
"""

from datetime import date

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from contacts.models import COUNTRY_CODE_RULE, ContactPerson, CountryOffice, Project
from core.corrections import CorrectableModel
from core.links import slug_path

from . import review, search

# A canonical URL longer than this is not used as a source (same limit on every database).
MAX_SOURCE_LENGTH = 2000


class ReleaseQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-sort_date", "-id")

    def for_countries(self, codes: list[str]):
        """Releases of any of these countries (Guatemala or Costa Rica)."""
        codes = [code.upper() for code in codes]
        return self.filter(country=codes[0]) if len(codes) == 1 else self.filter(country__in=codes)

    def count_by_country(self) -> dict[str, int]:
        """ISO code -> number of these releases (those without a country left out)."""
        rows = self.order_by().exclude(country="").values("country").annotate(count=models.Count("pk"))
        return {row["country"]: row["count"] for row in rows}

    def for_listing(self):
        """For lists of releases: their office, without the columns no list shows."""
        return self.select_related("office").defer("raw_text", "search_vector", "imported_values")

    def with_contacts(self):
        """Each release's contacts, in page order, with their person and office."""

        links = ReleaseContact.objects.select_related("person", "office").order_by("position")
        return self.prefetch_related(models.Prefetch("contact_links", queryset=links))

    def with_details(self):
        """Everything a release's page or export shows, in a fixed number of queries."""
        return self.for_listing().with_contacts().prefetch_related("projects", "quoted_people")

    def related_to(self, release, limit: int) -> list:
        """The `limit` newest other releases sharing a contact, a project or the office with this one.

        One query on both databases: the `limit` newest of each kind, each from its own index
        (a subquery cut at `limit`), then the newest of those few. (An OR of the three
        conditions over every release walked the newest-first index on SQLite: 10 ms.)
        """

        people = [link.person_id for link in release.contact_links.all()]
        projects = [project.pk for project in release.projects.all()]
        others = Release.objects.exclude(pk=release.pk).newest_first()
        kinds = []
        if release.office_id:
            kinds.append(others.filter(office=release.office_id))
        if people:
            kinds.append(
                others.filter(pk__in=ReleaseContact.objects.filter(person__in=people).values("release"))
            )
        if projects:
            links = Release.projects.through.objects.filter(project__in=projects).values("release")
            kinds.append(others.filter(pk__in=links))
        if not kinds:
            return []
        sharing = models.Q()
        for kind in kinds:
            sharing |= models.Q(pk__in=kind.values("pk")[:limit])
        return list(self.filter(sharing).newest_first()[:limit])

    def with_contact_count(self):
        return self.annotate(contact_count=models.Count("contact_links"))

    def having_contacts(self, wanted: bool = True):

        has_contact = models.Exists(ReleaseContact.objects.filter(release=models.OuterRef("pk")))
        return self.filter(has_contact) if wanted else self.exclude(has_contact)

    def needing_review(self):
        """Releases an editor should look at, and why: see releases/review.py."""
        return self.filter(review.needing_review())

    def with_review_reason(self, code: str):
        """Releases with this reason of review (a code of review.REASONS), reviewed or not."""
        return self.filter(review.reason_filter(code))

    # ------------------------------------------------------------ search
    def search(self, words: str):
        """Releases matching the words (web-search syntax), accents, case and word forms ignored.

        Only a filter: ranking and highlights are computed for a few rows
        (ranked_ids, headlines). See releases/search.py.
        """
        words = (words or "").strip()
        if not words:
            return self
        return search.backend_for(self).matching(self, words)

    def ranked_ids(self, words: str, limit: int) -> list[int]:
        """Ids of at most `limit` of these releases, best match for the words first."""
        return search.backend_for(self).ranked_ids(self, words, limit)

    def headlines(self, words: str, ids: list[int]) -> dict[int, str]:
        """The passage of each body that matches the words, marks around them (a page's rows only)."""
        return search.headlines(self, words, ids)

    def newest_ids(self, limit: int) -> list[int]:
        """Ids of the `limit` most recent of these releases, newest first.

        For a search, PostgreSQL's planner guesses that a word matches 0.5 % of the
        releases, so it walks the newest-first index testing every release against
        the words: for a rare word, all of them. So the matches are first read from
        the search index in no order, up to `limit` + 1; only when there are more
        (a frequent word, which that walk finds at once) is the walk used.
        """
        found = list(self.order_by().values_list("pk", "sort_date")[: limit + 1])
        if len(found) <= limit:
            found.sort(key=lambda row: (row[1], row[0]), reverse=True)
            return [pk for pk, _ in found]
        return list(self.newest_first().values_list("pk", flat=True)[:limit])


def year_of(published: date | None) -> int | None:
    return published.year if published else None


class Release(CorrectableModel):
    title = models.CharField("titre", max_length=500)
    slug = models.SlugField("adresse de la page", max_length=220, unique=True)
    dateline = models.CharField("lieu (dateline)", max_length=200, blank=True)
    published = models.DateField("date de publication", null=True, blank=True)
    # The day it was first imported: an undated release is placed in the list by it.
    imported_on = models.DateField("importé pour la première fois le", default=date.today, editable=False)
    # The date a list is sorted by: published, else first imported. An index on it serves
    # "newest first" on any database.
    sort_date = models.GeneratedField(
        expression=Coalesce("published", "imported_on"),
        output_field=models.DateField(),
        db_persist=True,
    )
    # Kept from `published` by save() and by the import's bulk inserts: facets and charts
    # group by it (a column, not a date function over every row).
    year = models.PositiveSmallIntegerField("année", null=True, blank=True, editable=False)
    language = models.CharField("langue", max_length=8, default="fr")
    country = models.CharField("pays", max_length=2, blank=True)
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
        max_length=MAX_SOURCE_LENGTH,
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
    # The import that created the release or last changed what it imports (history shows it as the author).
    import_run = models.ForeignKey(
        "ImportRun", verbose_name="import", null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="releases",
    )  # fmt: skip
    # Filled by a PostgreSQL trigger (migration 0002); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=[
            "sort_date",
            "imported_on",
            "year",
            "search_vector",
            "raw_text",
            "import_hash",
            "imported_values",
            "fingerprint",
        ]
    )

    objects = ReleaseQuerySet.as_manager()

    headline = ""  # the passage a search matched: set by the list for its page's rows

    class Meta:
        verbose_name = "communiqué"
        verbose_name_plural = "communiqués"
        ordering = ["-sort_date", "-id"]
        indexes = [
            # Each filter with the list's order: a filter on a year or a month is a range of
            # sort_date, so "country and year" walks one index range, newest first.
            models.Index(fields=["-sort_date", "-id"], name="release_newest_first"),
            models.Index(fields=["country", "-sort_date", "-id"], name="release_country_newest"),
            models.Index(fields=["office", "-sort_date", "-id"], name="release_office_newest"),
            models.Index(fields=["language", "-sort_date", "-id"], name="release_language_newest"),
            # A year's countries counted from the index alone (the country facet of a year).
            models.Index(fields=["year", "country"], name="release_year_country"),
            # The API's changes since a moment, oldest change first (updated_since, sort=updated).
            models.Index(fields=["updated_at", "id"], name="release_last_change"),
        ]
        constraints = [
            models.CheckConstraint(condition=COUNTRY_CODE_RULE, name="release_country_iso"),
            models.CheckConstraint(condition=~models.Q(title=""), name="release_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_path("releases:release", self.slug)

    def save(self, *args, **kwargs):
        self.year = year_of(self.published)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "published" in update_fields:
            kwargs["update_fields"] = {*update_fields, "year"}
        super().save(*args, **kwargs)

    @property
    def other_language(self) -> str:
        """The release's language when it is not the portal's (French): lists name it."""
        return self.language if self.language and self.language != "fr" else ""

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
        ordering = [
            "release_id",
            "position",
        ]  # by the column: "release" would sort by its releases' order, through a join
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
        ordering = [
            "release_id",
            "position",
        ]  # by the column: "release" would sort by its releases' order, through a join
        constraints = [
            models.UniqueConstraint(fields=["release", "name"], name="quoted_person_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name


class FacetCount(models.Model):
    """How many releases have each value of a filter, over all releases: what the
    unfiltered list, its facets, chart and map show without counting 100,000 rows.

    Kept exact by releases/facet_counts.py: each write recounts the values it
    touched; an import recounts everything once at its end.
    """

    facet = models.CharField(max_length=20)
    # An ISO code, a year, a language, or the id of an office, project or person.
    value = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "décompte d’un filtre"
        verbose_name_plural = "décomptes des filtres"
        constraints = [models.UniqueConstraint(fields=["facet", "value"], name="facet_count_once")]
        indexes = [models.Index(fields=["facet", "-count"], name="facet_count_largest")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}: {self.count}"


class NavigationLine(models.Model):
    """A line of a site’s navigation to strip from pages, learned from a batch (importing/navigation.py)."""

    # The site whose menu has this line: a short key named after the menu's opening lines.
    site = models.CharField("site", max_length=100, blank=True, default="")
    key = models.CharField("clé", max_length=1000)
    text = models.TextField("ligne")
    learned = models.BooleanField("apprise d’un lot", default=False)
    created_at = models.DateTimeField("ajoutée le", auto_now_add=True)

    class Meta:
        verbose_name = "ligne de navigation"
        verbose_name_plural = "lignes de navigation"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["site", "key"], name="navigation_line_per_site")]

    def __str__(self) -> str:
        return self.text[:80]


class ImportRun(models.Model):
    """One run of import_releases: who, when, which files, what came of them."""

    started_at = models.DateTimeField("début")
    finished_at = models.DateTimeField(
        "fin", null=True, blank=True, help_text="Vide : en cours, ou interrompu."
    )
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
        # In the portal's time zone, as the admin shows the fields.
        return f"Import du {timezone.localtime(self.started_at):%d/%m/%Y à %H:%M}"
