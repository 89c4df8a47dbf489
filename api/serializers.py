"""What the API answers: releases, offices, people and projects as JSON.

Each field is described in French and English (`both`): the schema and the
documentation page read these descriptions. Links are absolute: `url` is the
item in the API, `page` its page on the portal.
"""

from datetime import UTC

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

ENGLISH = "\n\n*In English:* "


def both(fr: str, en: str) -> str:
    return f"{fr}{ENGLISH}{en}"


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """An absolute URL: of the item in the API (`api:<name>` with its id), or of its portal page."""

    def __init__(self, url_name: str | None = None, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(read_only=True, **kwargs)
        self.url_name = url_name

    def to_representation(self, row) -> str:
        request = self.context["request"]
        if self.url_name:
            return reverse(self.url_name, args=[row.pk], request=request)
        return request.build_absolute_uri(row.get_absolute_url())


class BlankAsNull(serializers.CharField):
    """An empty text (no dateline, no country) as null."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


def _url(kind: str, fr: str, en: str):
    return LinkField(
        f"api:{kind}", help_text=both(f"Adresse de {fr} dans l’API.", f"Address of {en} in the API.")
    )


def _page(fr: str, en: str):
    return LinkField(help_text=both(f"Page de {fr} sur le portail.", f"Page of {en} on the portal."))


ID = both(
    "Identifiant, stable : il ne change ni à un nouvel import ni à une correction.",
    "Identifier, stable: neither a new import nor a correction changes it.",
)
SLUG = both(
    "Nom court dans les adresses du portail, et valeur de son filtre.",
    "Short name in the portal's addresses, and the value of its filter.",
)


# ---------------------------------------------------------------- offices, people, projects
class OfficeSummary(serializers.Serializer):
    id = serializers.IntegerField(help_text=ID)
    url = _url("office", "ce bureau", "this office")
    name = serializers.CharField(
        help_text=both("Nom du bureau (« OIM Rome »).", "Name of the office (“OIM Rome”).")
    )
    slug = serializers.CharField(help_text=SLUG)


class Office(OfficeSummary):
    page = _page("ce bureau", "this office")
    city = BlankAsNull(help_text=both("Ville, ou null.", "City, or null."))
    country = BlankAsNull(help_text=both("Pays (code ISO), ou null.", "Country (ISO code), or null."))
    releases = serializers.SerializerMethodField(
        help_text=both("Ses communiqués dans l’API.", "Its releases in the API.")
    )

    def get_releases(self, office) -> str:
        return _releases_of(self.context["request"], "office", office.slug)


class PersonSummary(serializers.Serializer):
    id = serializers.IntegerField(help_text=ID)
    url = _url("person", "cette personne", "this person")
    name = serializers.CharField(help_text=both("Nom.", "Name."))
    slug = serializers.CharField(help_text=SLUG)


class Person(PersonSummary):
    page = _page("cette personne", "this person")
    email = serializers.EmailField(allow_null=True, help_text=both("Courriel, ou null.", "E-mail, or null."))
    phones = serializers.ListField(
        child=serializers.CharField(),
        help_text=both(
            "Téléphones en E.164 (+50223336052), un poste en ;ext=218.",
            "Phones in E.164 (+50223336052), an extension as ;ext=218.",
        ),
    )
    office = OfficeSummary(allow_null=True, help_text=both("Son bureau, ou null.", "Their office, or null."))
    releases = serializers.SerializerMethodField(
        help_text=both("Les communiqués qui la nomment, dans l’API.", "The releases naming them, in the API.")
    )

    def get_releases(self, person) -> str:
        return _releases_of(self.context["request"], "contact", person.slug)


class ProjectSummary(serializers.Serializer):
    id = serializers.IntegerField(help_text=ID)
    url = _url("project", "ce projet", "this project")
    name = serializers.CharField(help_text=both("Nom du projet.", "Name of the project."))
    slug = serializers.CharField(help_text=SLUG)
    acronym = BlankAsNull(help_text=both("Sigle, ou null.", "Acronym, or null."))


class Project(ProjectSummary):
    page = _page("ce projet", "this project")
    releases = serializers.SerializerMethodField(
        help_text=both("Les communiqués qui le citent, dans l’API.", "The releases naming it, in the API.")
    )

    def get_releases(self, project) -> str:
        return _releases_of(self.context["request"], "project", project.slug)


def _releases_of(request, parameter: str, slug: str) -> str:
    return f"{reverse('api:releases', request=request)}?{parameter}={slug}"


# ---------------------------------------------------------------- releases
class ReleaseContact(serializers.Serializer):
    id = serializers.IntegerField(source="person.id", help_text=ID)
    url = LinkField(
        "api:person", source="person", help_text=both("La personne dans l’API.", "The person in the API.")
    )
    name = serializers.CharField(source="person.name", help_text=both("Nom.", "Name."))
    email = serializers.EmailField(
        source="person.email", allow_null=True, help_text=both("Courriel, ou null.", "E-mail, or null.")
    )
    phones = serializers.ListField(
        child=serializers.CharField(),
        help_text=both(
            "Téléphones donnés par ce communiqué, en E.164 (un poste en ;ext=).",
            "Phones this release gives, in E.164 (an extension as ;ext=).",
        ),
    )
    office = OfficeSummary(
        allow_null=True,
        help_text=both("Bureau donné par ce communiqué, ou null.", "Office this release gives, or null."),
    )


class QuotedPerson(serializers.Serializer):
    name = serializers.CharField(help_text=both("Nom.", "Name."))
    role = BlankAsNull(help_text=both("Fonction, ou null.", "Role, or null."))


class Release(serializers.Serializer):
    """A release; `fields=` chooses which fields are sent (id always)."""

    id = serializers.IntegerField(help_text=ID)
    url = _url("release", "ce communiqué", "this release")
    page = _page("ce communiqué", "this release")
    title = serializers.CharField(help_text=both("Titre.", "Title."))
    dateline = BlankAsNull(
        help_text=both(
            "Lieu de la dateline, tel qu’écrit (« Costa Rica »), ou null.",
            "Place of the dateline, as written (“Costa Rica”), or null.",
        )
    )
    published = serializers.DateField(
        allow_null=True, help_text=both("Date de publication, ou null.", "Date of publication, or null.")
    )
    language = serializers.CharField(
        help_text=both("Langue du texte (ISO 639-1).", "Language of the text (ISO 639-1).")
    )
    country = BlankAsNull(
        help_text=both(
            "Pays (ISO 3166-1) : celui du bureau émetteur, sinon de la dateline ; ou null.",
            "Country (ISO 3166-1): the issuing office's, else the dateline's; or null.",
        )
    )
    office = OfficeSummary(
        allow_null=True, help_text=both("Bureau émetteur, ou null.", "Issuing office, or null.")
    )
    body = serializers.CharField(
        help_text=both(
            "Texte, sans navigation, titre ni bloc de contacts ; paragraphes séparés par une ligne vide.",
            "Text without navigation, title or contact block; paragraphs separated by a blank line.",
        )
    )
    contacts = ReleaseContact(
        source="contact_links.all",
        many=True,
        help_text=both(
            "Personnes de contact, dans l’ordre de la page.", "Contact people, in the page's order."
        ),
    )
    projects = ProjectSummary(
        source="projects.all", many=True, help_text=both("Projets cités.", "Projects named.")
    )
    quoted_people = QuotedPerson(
        source="quoted_people.all", many=True, help_text=both("Personnes citées.", "People quoted.")
    )
    source = serializers.CharField(
        help_text=both(
            "Fichier ou URL canonique importé : ce qui identifie la page d’origine.",
            "File or canonical URL imported: what identifies the original page.",
        )
    )
    imported_at = serializers.DateTimeField(
        default_timezone=UTC, help_text=both("Premier import (UTC).", "First imported (UTC).")
    )
    updated_at = serializers.DateTimeField(
        default_timezone=UTC,
        help_text=both(
            "Dernière modification, par un import ou une correction (UTC) : voir updated_since.",
            "Last change, by an import or a correction (UTC): see updated_since.",
        ),
    )

    def __init__(self, *args, fields: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fields is not None:
            for name in set(self.fields) - {"id", *fields}:
                self.fields.pop(name)


FIELDS = list(Release._declared_fields)
LIST_FIELDS = ["id", "url", "page", "title", "published", "language", "country", "office", "updated_at"]
