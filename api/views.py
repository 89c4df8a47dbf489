"""The read API: thin views over the portal's filters and queries (see api/README in the
project README, "The read API")."""

from django.http import HttpResponsePermanentRedirect
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from contacts.models import ContactPerson, CountryOffice, Project
from core.caching import depends_on, tag
from core.querystrings import query_string
from releases.caching import release_tags
from releases.models import Release

from . import facets, merges, paging, parameters, schema, serializers
from .cursors import BadCursor
from .errors import ApiError, entry


class ApiView(APIView):
    http_method_names = ["get", "head", "options"]


def _next_link(request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return request.build_absolute_uri(request.path + query_string(request.GET, "cursor", cursor))


def _listed(request, page: paging.Page, results, extra: dict | None = None) -> Response:
    following = _next_link(request, page.next_cursor)
    data = {"count": page.count, "count_exact": page.count_exact, "next": following, "results": results}
    response = Response({**data, **(extra or {})})
    if following:
        response["Link"] = f'<{following}>; rel="next"'
    return response


BAD_CURSOR = entry(
    "invalid_cursor",
    "Curseur invalide : reprenez le lien next de la page précédente, avec les mêmes paramètres.",
    "Invalid cursor: take the previous page's next link, with the same parameters.",
    "cursor",
)


def _read_page(read):
    try:
        return read()
    except BadCursor as error:
        raise ApiError(400, [BAD_CURSOR]) from error


def _fields(shape: dict) -> list[str]:
    return shape.get("fields") or serializers.LIST_FIELDS


def _release_rows(fields: list[str]):
    """Releases with what these fields show, in a fixed number of queries."""
    rows = Release.objects.for_listing()
    if "body" not in fields:
        rows = rows.defer("body")
    if "contacts" in fields:
        rows = rows.with_contacts()
    for relation in ("projects", "quoted_people"):
        if relation in fields:
            rows = rows.prefetch_related(relation)
    return rows


class ReleaseList(ApiView):
    @extend_schema(**schema.release_list())
    def get(self, request):
        listing = paging.ApiReleaseList(request.GET)
        shape = parameters.checked(
            request, listing.filterset, parameters.ReleasePageForm, parameters.DESCRIPTIONS
        )
        fields = _fields(shape)
        limit = parameters.DEFAULT_LIMIT if shape["limit"] is None else shape["limit"]
        page = _read_page(lambda: paging.releases(listing, _release_rows(fields), limit, shape["cursor"]))
        results = serializers.Release(page.rows, many=True, fields=fields, context={"request": request}).data
        extra = {"facets": facets.counted(listing, shape["facets"])} if shape["facets"] else None
        return _listed(request, page, results, extra)


class ReleaseDetail(ApiView):
    @extend_schema(**schema.release_detail())
    def get(self, request, pk: int):
        fields = parameters.checked_fields(request, serializers.FIELDS) or serializers.FIELDS
        release = _release_rows(serializers.FIELDS).filter(pk=pk).first()
        if release is None:
            raise ApiError(404, [entry("not_found", "Aucun communiqué n’a cet identifiant.",
                                       "No release has this identifier.")])  # fmt: skip
        data = serializers.Release(release, fields=fields, context={"request": request}).data
        response = Response(data)
        # Kept in the page cache until the release, or an office, person or project it shows, changes.
        depends_on(response, release_tags(release))
        return response


# ---------------------------------------------------------------- offices, people, projects
ENTITIES = {
    "offices": (CountryOffice, serializers.Office, CountryOffice.objects.all()),
    "people": (ContactPerson, serializers.Person, ContactPerson.objects.select_related("office")),
    "projects": (Project, serializers.Project, Project.objects.all()),
}


class EntityList(ApiView):
    kind = ""

    def get(self, request):
        _model, serializer, rows = ENTITIES[self.kind]
        filterset = parameters.ENTITY_FILTERS[self.kind](request.GET, queryset=rows)
        descriptions = {**parameters.ENTITY_DESCRIPTIONS[self.kind], **parameters.PAGE_DESCRIPTIONS}
        shape = parameters.checked(request, filterset, parameters.PageForm, descriptions)
        limit = parameters.DEFAULT_LIMIT if shape["limit"] is None else shape["limit"]
        page = _read_page(lambda: paging.entities(filterset.qs, limit, shape["cursor"]))
        return _listed(request, page, serializer(page.rows, many=True, context={"request": request}).data)


class EntityDetail(ApiView):
    kind = ""

    def get(self, request, pk: int):
        model, serializer, rows = ENTITIES[self.kind]
        parameters.checked_fields(request, [])
        row = rows.filter(pk=pk).first()
        if row is None:
            kept = merges.kept_instead_of(model, pk)
            if kept is not None:
                # Merged away by an editor: its address leads to the one kept.
                return HttpResponsePermanentRedirect(
                    reverse(f"api:{model.url_name}", args=[kept], request=request)
                )
            raise ApiError(
                404, [entry("not_found", "Rien n’a cet identifiant.", "Nothing has this identifier.")]
            )
        response = Response(serializer(row, context={"request": request}).data)
        depends_on(response, [tag(row), tag(CountryOffice, getattr(row, "office_id", None))])
        return response


def entity_views(kind: str):
    """The list and detail views of offices, people or projects, each with its own schema."""

    def list_get(self, request):
        return EntityList.get(self, request)

    def detail_get(self, request, pk: int):
        return EntityDetail.get(self, request, pk)

    listing = type(f"{kind.title()}List", (EntityList,), {"kind": kind, "get": list_get})
    detail = type(f"{kind.title()}Detail", (EntityDetail,), {"kind": kind, "get": detail_get})
    extend_schema(**schema.entity_list(kind))(list_get)
    extend_schema(**schema.entity_detail(kind))(detail_get)
    return listing.as_view(), detail.as_view()
