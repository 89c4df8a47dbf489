from django.core.management.base import BaseCommand

from releases.exporting import iter_records, write_csv, write_json
from releases.models import Release


class Command(BaseCommand):
    help = "Exporte les communiqués (JSON ou CSV) sur la sortie standard, triés par source."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--base-url",
            default="",
            help="adresse du portail (https://portail.example.org) : liens absolus, sinon relatifs au site",
        )

    def handle(self, *args, format, base_url, **options):
        records = iter_records(Release.objects.order_by("source"), base_url)
        out = _Unterminated(self.stdout)
        if format == "csv":
            write_csv(records, out)
        else:
            write_json(records, out)


class _Unterminated:
    """self.stdout without the newline Django adds to every write."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")
