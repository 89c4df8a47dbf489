"""The OpenAPI description of the API (drf-spectacular), every field and parameter in
French and English: parameters are described from the filters' own form fields
(their types and limits) and parameters.DESCRIPTIONS; fields from serializers.py."""

from django import forms
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers as rest

from releases.filters import CountryCodesField

from . import parameters
from .facets import NAMES
from .serializers import (
    Office,
    Person,
    Project,
    Release,
    both,
)

NO_NUL = "^[^\\u0000]*$"  # a NUL in a parameter is refused (PostgreSQL stores none)

API_DESCRIPTION = both(
    "Les communiqués de presse de l’OIM, leurs bureaux, personnes de contact et projets, en lecture "
    "seule. Les filtres sont ceux du portail. Les listes se lisent page après page par le lien `next` "
    "(un curseur) : une liste parcourue pendant un import ne saute ni ne répète aucun communiqué. "
    "Chaque réponse porte un ETag : une requête avec If-None-Match reçoit 304 tant que rien n’a "
    "changé. Au plus {limit} requêtes par minute et par client (ensuite 429 et Retry-After). "
    "Un paramètre vide compte comme absent. Les erreurs sont données en français et en anglais.",
    "IOM's press releases, their offices, contact people and projects, read-only. The filters are "
    "the portal's. Lists are read page after page through the `next` link (a cursor): a list walked "
    "while an import runs skips and repeats no release. Every answer carries an ETag: a request "
    "with If-None-Match gets 304 while nothing changed. At most {limit} requests a minute per client "
    "(then 429 and Retry-After). An empty parameter counts as absent. Errors are given in French "
    "and English.",
)


# ---------------------------------------------------------------- parameters
def _schema_of(field) -> tuple[dict, bool]:
    """(JSON schema, explode) of a parameter read by this form field."""
    if isinstance(field, CountryCodesField):
        item = {"type": "string", "pattern": "^[A-Za-z]{2}$"}
        return {"type": "array", "items": item, "maxItems": 20}, True
    if isinstance(field, parameters.CommaChoicesField):
        return {"type": "array", "items": {"type": "string", "enum": field.choices}}, False
    if isinstance(field, forms.NullBooleanField | forms.BooleanField):
        return {"type": "boolean"}, True
    if isinstance(field, forms.IntegerField):
        bounds = {"minimum": field.min_value, "maximum": field.max_value}
        return {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}, True
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _label in field.choices if value]}, True
    if isinstance(field, IsoDateTimeField):
        return {"type": "string", "format": "date-time"}, True
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}, True
    schema = {"type": "string", "pattern": NO_NUL}
    if field.max_length:
        schema["maxLength"] = field.max_length
    return schema, True


def _parameter(name: str, field, descriptions: dict) -> OpenApiParameter:
    schema, explode = _schema_of(field)
    if name == "cursor":
        schema["format"] = "cursor"
    # A filter new to the portal is named by its label until it is described (a test says so).
    fr, en = descriptions.get(name) or (str(field.label), str(field.label))
    return OpenApiParameter(
        name, schema, OpenApiParameter.QUERY, description=both(fr, en), explode=explode, style="form"
    )


def _filter_parameters(filterset_class, descriptions: dict) -> list[OpenApiParameter]:
    return [_parameter(name, f.field, descriptions) for name, f in filterset_class.base_filters.items()]


def _form_parameters(form_class, descriptions: dict) -> list[OpenApiParameter]:
    return [_parameter(name, field, descriptions) for name, field in form_class.base_fields.items()]


# ---------------------------------------------------------------- answers
class ErrorMessage(rest.Serializer):
    fr = rest.CharField(help_text=both("Le message en français.", "The message in French."))
    en = rest.CharField(help_text=both("Le message en anglais.", "The message in English."))


class Error(rest.Serializer):
    parameter = rest.CharField(
        required=False,
        help_text=both("Le paramètre en cause, s’il y en a un.", "The parameter at fault, if any."),
    )
    code = rest.CharField(
        help_text=both("Code de l’erreur (invalid, max_value…).", "Code of the error (invalid, max_value…).")
    )
    message = ErrorMessage(help_text=both("Ce qui ne va pas.", "What is wrong."))


class Errors(rest.Serializer):
    errors = Error(many=True, help_text=both("Une entrée par problème.", "One entry per problem."))


class FacetOption(rest.Serializer):
    value = rest.CharField(
        help_text=both("La valeur du filtre (code, slug, année).", "The filter's value (code, slug, year).")
    )
    label = rest.CharField(help_text=both("Comment le portail la nomme.", "How the portal names it."))
    count = rest.IntegerField(
        help_text=both("Communiqués de la liste qui l’ont.", "Releases of the list that have it.")
    )


def _facets_serializer(**kwargs):
    fields = {
        name: FacetOption(
            many=True,
            required=False,
            help_text=both(
                f"Valeurs de « {name} », les plus fréquentes d’abord (12 au plus).",
                f"Values of “{name}”, most frequent first (12 at most).",
            ),
        )
        for name in NAMES
    }
    return inline_serializer("Facets", fields, **kwargs)


def _page_of(name: str, item, facets: bool = False):
    fields = {
        "count": rest.IntegerField(
            help_text=both(
                "Nombre d’éléments de la liste (pour des mots : 1 000 au plus, voir count_exact).",
                "Number of items in the list (for words: 1,000 at most, see count_exact).",
            )
        ),
        "count_exact": rest.BooleanField(
            help_text=both(
                "false quand count est un minimum (des mots trouvés dans plus de 1 000 communiqués).",
                "false when count is a minimum (words found in more than 1,000 releases).",
            )
        ),
        "next": rest.URLField(
            allow_null=True,
            help_text=both(
                "Adresse de la page suivante, ou null à la fin de la liste.",
                "Address of the next page, or null at the end of the list.",
            ),
        ),
        "results": item(many=True, help_text=both("Les éléments de cette page.", "The items of this page.")),
    }
    if facets:
        fields["facets"] = _facets_serializer(
            required=False,
            help_text=both("Décomptes demandés par facets=.", "Counts asked for with facets=."),
        )
    return inline_serializer(name, fields)


def _errors(fr: str, en: str) -> OpenApiResponse:
    return OpenApiResponse(Errors, description=both(fr, en))


BAD_REQUEST = _errors(
    "Un paramètre inconnu ou invalide : chacun est nommé.", "An unknown or invalid parameter: each is named."
)
NOT_FOUND = _errors("Rien à cette adresse.", "Nothing at this address.")
TOO_MANY = OpenApiResponse(
    Errors,
    description=both(
        "Trop de requêtes : réessayer après Retry-After secondes.",
        "Too many requests: try again after Retry-After seconds.",
    ),
)
NOT_MODIFIED = OpenApiResponse(
    description=both(
        "Inchangé depuis l’ETag envoyé (If-None-Match).", "Unchanged since the ETag sent (If-None-Match)."
    )
)
MOVED = OpenApiResponse(
    description=both(
        "Fusionné par un éditeur dans un autre : Location donne celui qui est gardé.",
        "Merged by an editor into another: Location gives the one kept.",
    )
)


def _common(tag: str, summary: tuple[str, str], description: tuple[str, str]) -> dict:
    return {"tags": [tag], "summary": " / ".join(summary), "description": both(*description)}


def release_list() -> dict:
    return {
        **_common(
            "communiqués / releases",
            ("Liste des communiqués", "List of releases"),
            (
                "Les communiqués, filtrés comme sur le portail, page après page.",
                "Releases, filtered as on the portal, page after page.",
            ),
        ),
        "operation_id": "releases_list",
        "parameters": _filter_parameters(parameters.ApiReleaseFilter, parameters.DESCRIPTIONS)
        + _form_parameters(parameters.ReleasePageForm, parameters.DESCRIPTIONS),
        "responses": {
            200: _page_of("ReleasePage", Release, facets=True),
            304: NOT_MODIFIED,
            400: BAD_REQUEST,
            429: TOO_MANY,
        },
    }


def release_detail() -> dict:
    fields = parameters.CommaChoicesField(list(Release._declared_fields))
    return {
        **_common(
            "communiqués / releases",
            ("Un communiqué", "One release"),
            ("Un communiqué, tous ses champs sauf fields=.", "One release, all its fields unless fields=."),
        ),
        "operation_id": "releases_detail",
        "parameters": [_parameter("fields", fields, parameters.DESCRIPTIONS)],
        "responses": {200: Release, 304: NOT_MODIFIED, 400: BAD_REQUEST, 404: NOT_FOUND, 429: TOO_MANY},
    }


ENTITY_SERIALIZERS = {"offices": Office, "people": Person, "projects": Project}
ENTITY_NAMES = {
    "offices": ("bureaux", "offices", "un bureau", "an office"),
    "people": ("personnes de contact", "contact people", "une personne", "a person"),
    "projects": ("projets", "projects", "un projet", "a project"),
}


def entity_list(kind: str) -> dict:
    fr, en, _one_fr, _one_en = ENTITY_NAMES[kind]
    descriptions = {**parameters.ENTITY_DESCRIPTIONS[kind], **parameters.PAGE_DESCRIPTIONS}
    return {
        **_common(
            f"{fr} / {en}",
            (f"Liste des {fr}", f"List of {en}"),
            (f"Les {fr}, par identifiant, page après page.", f"The {en}, by id, page after page."),
        ),
        "operation_id": f"{kind}_list",
        "parameters": _filter_parameters(parameters.ENTITY_FILTERS[kind], descriptions)
        + _form_parameters(parameters.PageForm, descriptions),
        "responses": {
            200: _page_of(f"{kind.title()}Page", ENTITY_SERIALIZERS[kind]),
            304: NOT_MODIFIED,
            400: BAD_REQUEST,
            429: TOO_MANY,
        },
    }


def entity_detail(kind: str) -> dict:
    fr, en, one_fr, one_en = ENTITY_NAMES[kind]
    return {
        **_common(
            f"{fr} / {en}",
            (one_fr.capitalize(), one_en.capitalize()),
            (
                f"{one_fr.capitalize()} ; fusionné dans un autre : 301 vers celui-ci.",
                f"{one_en.capitalize()}; merged into another: 301 to that one.",
            ),
        ),
        "operation_id": f"{kind}_detail",
        "responses": {
            200: ENTITY_SERIALIZERS[kind],
            301: MOVED,
            304: NOT_MODIFIED,
            400: BAD_REQUEST,
            404: NOT_FOUND,
            429: TOO_MANY,
        },
    }


def postprocess(result, generator, request, public):
    """The API's description (with the rate limit in force), the id parameters described,
    an empty query parameter allowed (it counts as absent, as the portal's forms send them)."""
    from django.conf import settings

    result["info"]["description"] = API_DESCRIPTION.format(limit=settings.API_RATE_LIMIT or "∞")
    # fields= chooses a release's fields: only its id is always there.
    result["components"]["schemas"]["Release"]["required"] = ["id"]
    for path in result["paths"].values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "id" and parameter["in"] == "path":
                    parameter["description"] = both("Identifiant (stable).", "Identifier (stable).")
                if parameter["in"] == "query":
                    parameter["allowEmptyValue"] = True
    return result
