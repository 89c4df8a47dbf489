"""manage.py import_releases: what operators read is French ("lien symbolique cassé",
"17,54 s"); the JSON report keeps the contract's fields (docs/reference.md)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.typography import NBSP, french_spacing, number, quantity
from releases.importing import BadPath, collect_files, open_run, record_run, run_import
from releases.warning_labels import describe_refusal

# argparse's own messages (Python ships no French for them), for a mistyped command line.
USAGE_ERRORS = [
    ("the following arguments are required: ", "il manque : "),
    ("unrecognized arguments: ", "option inconnue : "),
    ("invalid choice: ", "choix non valide : "),
    ("(choose from ", "(au choix : "),
    ("expected one argument", "une valeur est attendue"),
    ("argument ", "option "),
]


def french_usage(message: str) -> str:
    for english, french in USAGE_ERRORS:
        message = message.replace(english, french)
    return french_spacing(message)


class Command(BaseCommand):
    help = (
        "Importe des pages de communiqués (.txt, .html) : fichiers ou dossiers (lus récursivement). "
        "Sortie 0 si tout est importé, 1 si des fichiers ont échoué, 2 pour un mauvais usage."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        english_error = parser.error
        parser.error = lambda message: english_error(french_usage(message))
        return parser

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="fichier ou dossier de pages")
        parser.add_argument(
            "--dry-run", action="store_true", help="analyser et rendre compte sans rien écrire"
        )
        parser.add_argument(
            "--report", choices=["json"], help="imprimer un rapport JSON sur la sortie standard"
        )

    def execute(self, *args, **options):
        """From the command line, an error is a French sentence ("Erreur : …"), not Django's
        "CommandError: …"; called from code (call_command), it is raised as usual."""
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if options.get("traceback") or not getattr(self, "_called_from_command_line", False):
                raise
            self.stderr.write(french_spacing(f"Erreur : {exc}"))
            sys.exit(exc.returncode)

    def handle(self, *args, paths, dry_run, report, **options):
        try:
            found = collect_files(paths)
        except BadPath as exc:
            raise CommandError(
                f"aucun fichier ni dossier à cet endroit{NBSP}: {exc.path}", returncode=2
            ) from exc

        human = self.stderr if report == "json" else self.stdout
        started = timezone.now()
        run = None if dry_run else open_run(paths, started)
        result = run_import(found, dry_run=dry_run, progress=self._progress_bar(), run=run)
        if run is not None:
            record_run(result, paths, started, run=run)

        for entry in result.failed:
            self.stderr.write(f"échec{NBSP}: {entry['path']}{NBSP}: {describe_refusal(entry)}")
        if options["verbosity"] >= 2:
            for entry in result.skipped:
                self.stderr.write(f"ignoré{NBSP}: {entry['path']}{NBSP}: {describe_refusal(entry)}")
        prefix = "[simulation, rien n’est écrit] " if dry_run else ""
        human.write(prefix + totals(result))
        if report == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        if result.failed:
            raise CommandError(f"{quantity(len(result.failed), 'fichier')} en échec", returncode=1)

    def _progress_bar(self):
        if not sys.stderr.isatty():
            return None

        def show(done: int, total: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {number(done)}/{number(total)}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        return show


def totals(result) -> str:
    """ "5 créés, 0 mis à jour, 1 inchangé, 2 ignorés, 0 en échec, 1 correction d’éditeur
    conservée — 17,54 s"."""
    counts = [
        quantity(result.created, "créé"),
        f"{number(result.updated)} mis à jour",
        quantity(result.unchanged, "inchangé"),
        quantity(len(result.skipped), "ignoré"),
        f"{number(len(result.failed))} en échec",
        quantity(
            result.kept_editor_fields, "correction d’éditeur conservée", "corrections d’éditeur conservées"
        ),
    ]
    return f"{', '.join(counts)} — {number(result.seconds, 2)}{NBSP}s"
