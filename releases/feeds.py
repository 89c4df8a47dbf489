"""RSS and Atom feeds of any filtered list (same GET parameters as the list)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .filters import ReleaseFilter
from .models import Release

FEED_SIZE = 50


class FeedFilter(ReleaseFilter):
    # A feed brings news: newest first, even for a search, unless relevance is asked for.
    relevance_by_default = False


class ReleaseFeed(Feed):
    title = "Communiqués de presse de l’OIM"
    description = "Les derniers communiqués de presse, selon les filtres choisis."
    language = "fr"

    def get_object(self, request, *args, **kwargs):
        return request.GET.copy()

    def link(self, params):
        query = params.urlencode()
        return reverse("releases:release_list") + (f"?{query}" if query else "")

    def items(self, params):
        return FeedFilter(params or None, queryset=Release.objects.for_listing()).qs[:FEED_SIZE]

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        return release.paragraphs[0] if release.paragraphs else ""

    def item_pubdate(self, release):
        from datetime import datetime, time

        from django.utils import timezone

        if release.published:
            return timezone.make_aware(datetime.combine(release.published, time(12)))
        return release.imported_at

    def item_updateddate(self, release):
        return release.updated_at


class ReleaseAtomFeed(ReleaseFeed):
    feed_type = Atom1Feed
    subtitle = ReleaseFeed.description
