"""Who and what releases name: country offices, contact people, projects.

The three share one abstract base (`Entity`): a name, a slug URL, a history,
corrections held against imports. Each keeps aliases — the names and e-mails
under which imports may meet it again, recorded by merges and renames — so that
no import recreates what an editor merged away.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from core.corrections import CorrectableModel
from core.links import slug_path
from core.matching import matching, words_of

COUNTRY_CODE_RULE = models.Q(country="") | models.Q(country__regex=r"^[A-Z]{2}$")


class EntityQuerySet(models.QuerySet):
    def matching(self, text: str, fields=("name",)):
        """Those with every word of `text` in one of `fields`, accents and case aside."""
        return self.filter(matching(words_of(text), fields))

    def with_release_count(self):
        """Each with `release_count`: the releases that name it."""
        return self.annotate(release_count=models.Count("releases", distinct=True))


# A person no release has named for this long may have moved on: the directory says so.
STALE_AFTER_YEARS = 3


def stale_before(today: date | None = None) -> date:
    today = today or date.today()
    return date(today.year - STALE_AFTER_YEARS, today.month, min(today.day, 28))


class OfficeQuerySet(EntityQuerySet):
    def annotate_people(self):
        """Each with `people_count`: its press contacts."""
        return self.annotate(people_count=models.Count("people", distinct=True))


class PersonQuerySet(EntityQuerySet):
    def for_directory(self):
        """Each with their office, `release_count`, `last_release` (the date of the latest
        release that names them) and `possibly_stale` (not named for STALE_AFTER_YEARS)."""
        last = models.Max("releases__published")
        return (
            self.with_release_count()
            .select_related("office")
            .annotate(
                last_release=last,
                possibly_stale=models.Case(
                    models.When(last_release__lt=stale_before(), then=True),
                    default=False,
                    output_field=models.BooleanField(),
                ),
            )
        )


class Entity(CorrectableModel):
    """What offices, people and projects have in common."""

    name = models.CharField("nom", max_length=300)
    slug = models.SlugField("adresse de la page", max_length=220, unique=True)
    history = HistoricalRecords(inherit=True, excluded_fields=["imported_values"])

    objects = EntityQuerySet.as_manager()

    # The name of its page in contacts/urls.py, and the slug when its name gives none.
    url_name = ""
    slug_fallback = "element"

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_path(f"contacts:{self.url_name}", self.slug)


class CountryOffice(Entity):
    """An IOM office, named as IOM writes it ("OIM Rome")."""

    city = models.CharField("ville", max_length=120, blank=True)
    country = models.CharField("pays", max_length=2, blank=True, db_index=True)

    objects = OfficeQuerySet.as_manager()

    url_name = "office"
    slug_fallback = "bureau"

    class Meta(Entity.Meta):
        verbose_name = "bureau de pays"
        verbose_name_plural = "bureaux de pays"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="office_name_unique_ci"),
            models.CheckConstraint(condition=COUNTRY_CODE_RULE, name="office_country_iso"),
        ]


class ContactPerson(Entity):
    """Someone to contact about releases; one person per e-mail address.

    Names are not unique: two people may share one (they differ by e-mail).
    """

    email = models.EmailField("courriel", null=True, blank=True, unique=True)
    phones = models.JSONField("téléphones", default=list, blank=True)
    office = models.ForeignKey(
        CountryOffice,
        verbose_name="bureau",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )

    objects = PersonQuerySet.as_manager()

    url_name = "person"
    slug_fallback = "personne"

    class Meta(Entity.Meta):
        verbose_name = "personne de contact"
        verbose_name_plural = "personnes de contact"
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="person_name_not_empty"),
        ]
        indexes = [models.Index(Lower("name"), name="person_name_ci")]

    def save(self, *args, **kwargs):
        # One person per address, whatever its case.
        if self.email:
            self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Project(Entity):
    """A project, programme or fund named in releases."""

    acronym = models.CharField("sigle", max_length=20, blank=True)

    url_name = "project"
    slug_fallback = "projet"

    class Meta(Entity.Meta):
        verbose_name = "projet"
        verbose_name_plural = "projets"
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


# ---------------------------------------------------------------- merges and aliases
class Merge(models.Model):
    """An editor merged duplicates into one kept office, person or project.

    It keeps what is needed to undo it: the rows merged away, the kept row's
    fields before, and what other apps moved (their links), as they report it.
    """

    KINDS = [("office", "bureau"), ("person", "personne"), ("project", "projet")]

    kind = models.CharField("type", max_length=10, choices=KINDS)
    kept_id = models.BigIntegerField("gardé (identifiant)")
    kept_name = models.CharField("gardé", max_length=300)
    merged = models.JSONField(
        "fusionnés", default=list, help_text="Les éléments fusionnés, tels qu’ils étaient."
    )
    kept_before = models.JSONField("gardé avant la fusion", default=dict)
    moved = models.JSONField("liens déplacés", default=dict, editable=False)
    created_at = models.DateTimeField("fusionné le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    undone_at = models.DateTimeField("défaite le", null=True, blank=True)

    class Meta:
        verbose_name = "fusion"
        verbose_name_plural = "fusions"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "kept_id"], name="merge_kept")]

    def __str__(self) -> str:
        """ "Fusion de Karla Villamar dans Sonia Pellecer"; records of one name are told
        apart: "Fusion de Diego Lefèvre (d.lefevre@iom.int) dans Diego Lefèvre (dlefevre@iom.int)"."""
        names = [row["fields"].get("name", "?") for row in self.merged]
        kept = self.kept_name
        if self.kept_before.get("name") in names or len(set(names)) < len(names):
            names = [told_apart(row["fields"]) for row in self.merged]
            kept = told_apart({**self.kept_before, "name": self.kept_name})
        return f"Fusion de {', '.join(names)} dans {kept}"


def told_apart(fields: dict) -> str:
    """A record's name with what tells it from another of the same name: its e-mail, its
    city or acronym, else its page's address."""
    detail = fields.get("email") or fields.get("city") or fields.get("acronym") or fields.get("slug")
    return f"{fields.get('name', '?')} ({detail})" if detail else fields.get("name", "?")


class Alias(models.Model):
    """A name or e-mail under which imports meet an entity: recorded by a merge
    (the merged-away row's name and e-mail) or a rename (the name as imported)."""

    key = models.CharField("clé", max_length=320, unique=True)
    text = models.CharField("tel qu’écrit", max_length=320)
    merge = models.ForeignKey(Merge, verbose_name="fusion", null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["key"]

    def __str__(self) -> str:
        return self.text


class OfficeAlias(Alias):
    entity = models.ForeignKey(CountryOffice, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name = "autre nom de bureau"
        verbose_name_plural = "autres noms de bureaux"


class PersonAlias(Alias):
    entity = models.ForeignKey(ContactPerson, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name = "autre nom ou courriel de personne"
        verbose_name_plural = "autres noms ou courriels de personnes"


class ProjectAlias(Alias):
    entity = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name = "autre nom de projet"
        verbose_name_plural = "autres noms de projets"
