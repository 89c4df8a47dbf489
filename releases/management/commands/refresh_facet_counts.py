import time

from django.core.management.base import BaseCommand

from releases import facet_counts
from releases.models import FacetCount


class Command(BaseCommand):
    help = (
        "Recompte les communiqués de chaque valeur des filtres (pays, année, langue, bureau, "
        "projet, contact). Les imports et les modifications les tiennent à jour ; utile après "
        "une écriture directe dans la base."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        facet_counts.refresh_all()
        values = FacetCount.objects.exclude(facet=facet_counts.TOTAL).count()
        self.stdout.write(f"{values} valeurs recomptées en {time.monotonic() - started:.2f} s.")
