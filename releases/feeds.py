"""RSS and Atom feeds of any list (same GET parameters as the list), named after its filters."""

from datetime import datetime, time
from typing import NamedTuple

from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Stylesheet
from django.utils.html import escape

from .listing import ReleaseList

FEED_SIZE = 50


class FeedOf(NamedTuple):
    """What a feed is of: a list, at an address (a Feed serves every request: no state on it)."""

    path: str
    releases: ReleaseList


class ReleaseFeed(Feed):
    description = "Les derniers communiqués de presse de l’OIM, selon les filtres choisis."
    language = "fr"

    def get_object(self, request, *args, **kwargs):
        # A feed brings news: newest first, even for a search, unless relevance is asked for.
        return FeedOf(request.path, ReleaseList(request.GET, relevance_by_default=False))

    def title(self, feed):
        return feed.releases.title

    def link(self, feed):
        return _with_query(reverse("releases:release_list"), feed.releases)

    def feed_url(self, feed):
        """The feed's own address, filters included (its `self` link)."""
        return _with_query(feed.path, feed.releases)

    def stylesheets(self):
        # A browser that opens the feed shows it as a page that says what a feed is.
        return [Stylesheet(static("css/feed.css"), mimetype="text/css")]

    def items(self, feed):
        return feed.releases.ordered()[:FEED_SIZE]

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        # Feed readers read a description as HTML: imported text is escaped once more,
        # so that a "<img onerror=…>" in a page arrives as the words it is.
        return escape(release.paragraphs[0]) if release.paragraphs else ""

    def item_pubdate(self, release):
        if release.published:
            return timezone.make_aware(datetime.combine(release.published, time(12)))
        return release.imported_at

    def item_updateddate(self, release):
        return release.updated_at


class ReleaseAtomFeed(ReleaseFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description


def _with_query(path: str, releases) -> str:
    query = releases.params.urlencode()
    return f"{path}?{query}" if query else path
