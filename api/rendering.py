"""JSON whatever the client's Accept header says (the API speaks nothing else), written by orjson."""

import orjson
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer


class JsonRenderer(JSONRenderer):
    charset = None  # application/json is UTF-8 by definition

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        return orjson.dumps(data, default=str)


class JsonOnly(BaseContentNegotiation):
    """The view's first renderer, always: no 406 for a client that asks for HTML or XML."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
