import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from releases.importing import BadPath, collect_files, open_run, record_run, run_import


class Command(BaseCommand):
    help = (
        "Importe des pages de communiqués (.txt, .html) : fichiers ou dossiers (lus récursivement). "
        "Sortie 0 si tout est importé, 1 si des fichiers ont échoué, 2 pour un mauvais usage."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="fichier ou dossier de pages")
        parser.add_argument(
            "--dry-run", action="store_true", help="analyser et rendre compte sans rien écrire"
        )
        parser.add_argument(
            "--report", choices=["json"], help="imprimer un rapport JSON sur la sortie standard"
        )

    def handle(self, *args, paths, dry_run, report, **options):
        try:
            found = collect_files(paths)
        except BadPath as exc:
            raise CommandError(str(exc), returncode=2) from exc

        human = self.stderr if report == "json" else self.stdout
        started = timezone.now()
        run = None if dry_run else open_run(paths, started)
        result = run_import(found, dry_run=dry_run, progress=self._progress_bar(), run=run)
        if run is not None:
            record_run(result, paths, started, run=run)

        for entry in result.failed:
            self.stderr.write(f"échec : {entry['path']} : {entry['error']}")
        if options["verbosity"] >= 2:
            for entry in result.skipped:
                self.stderr.write(f"ignoré : {entry['path']} : {entry['reason']}")
        prefix = "[simulation, rien n’est écrit] " if dry_run else ""
        human.write(prefix + result.totals_line())
        if report == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        if result.failed:
            raise CommandError(f"{len(result.failed)} fichier(s) en échec", returncode=1)

    def _progress_bar(self):
        if not sys.stderr.isatty():
            return None

        def show(done: int, total: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        return show
