"""The query vocabulary of releases: what views, feeds, exports and the admin ask for."""

from django.db import models

from . import review, search


class ReleaseQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-sort_date", "-id")

    def for_countries(self, codes: list[str]):
        """Releases of any of these countries (Guatemala or Costa Rica)."""
        codes = [code.upper() for code in codes]
        return self.filter(country=codes[0]) if len(codes) == 1 else self.filter(country__in=codes)

    def count_by_country(self) -> dict[str, int]:
        """ISO code -> number of these releases (those without a country left out)."""
        rows = self.order_by().exclude(country="").values("country").annotate(count=models.Count("pk"))
        return {row["country"]: row["count"] for row in rows}

    def for_listing(self):
        """For lists of releases: their office, without the columns no list shows."""
        return self.select_related("office").defer("raw_text", "search_vector", "imported_values")

    def with_contacts(self):
        """Each release's contacts, in page order, with their person and office."""
        from .models import ReleaseContact

        links = ReleaseContact.objects.select_related("person", "office").order_by("position")
        return self.prefetch_related(models.Prefetch("contact_links", queryset=links))

    def with_details(self):
        """Everything a release's page or export shows, in a fixed number of queries."""
        return self.for_listing().with_contacts().prefetch_related("projects", "quoted_people")

    def related_to(self, release, limit: int) -> list:
        """The `limit` newest other releases sharing a contact, a project or the office with this one.

        One query on both databases: the `limit` newest of each kind, each from its own index
        (a subquery cut at `limit`), then the newest of those few. (An OR of the three
        conditions over every release walked the newest-first index on SQLite: 10 ms.)
        """
        from .models import Release, ReleaseContact

        people = [link.person_id for link in release.contact_links.all()]
        projects = [project.pk for project in release.projects.all()]
        others = Release.objects.exclude(pk=release.pk).newest_first()
        kinds = []
        if release.office_id:
            kinds.append(others.filter(office=release.office_id))
        if people:
            kinds.append(
                others.filter(pk__in=ReleaseContact.objects.filter(person__in=people).values("release"))
            )
        if projects:
            links = Release.projects.through.objects.filter(project__in=projects).values("release")
            kinds.append(others.filter(pk__in=links))
        if not kinds:
            return []
        sharing = models.Q()
        for kind in kinds:
            sharing |= models.Q(pk__in=kind.values("pk")[:limit])
        return list(self.filter(sharing).newest_first()[:limit])

    def with_contact_count(self):
        return self.annotate(contact_count=models.Count("contact_links"))

    def having_contacts(self, wanted: bool = True):
        from .models import ReleaseContact

        has_contact = models.Exists(ReleaseContact.objects.filter(release=models.OuterRef("pk")))
        return self.filter(has_contact) if wanted else self.exclude(has_contact)

    def needing_review(self):
        """Releases an editor should look at, and why: see releases/review.py."""
        return self.filter(review.needing_review())

    def with_review_reason(self, code: str):
        """Releases with this reason of review (a code of review.REASONS), reviewed or not."""
        return self.filter(review.reason_filter(code))

    # ------------------------------------------------------------ search
    def search(self, words: str):
        """Releases matching the words (web-search syntax), accents, case and word forms ignored.

        Only a filter: ranking and highlights are computed for a few rows
        (ranked_ids, headlines). See releases/search.py.
        """
        words = (words or "").strip()
        if not words:
            return self
        return search.backend_for(self).matching(self, words)

    def ranked_ids(self, words: str, limit: int) -> list[int]:
        """Ids of at most `limit` of these releases, best match for the words first."""
        return search.backend_for(self).ranked_ids(self, words, limit)

    def headlines(self, words: str, ids: list[int]) -> dict[int, str]:
        """The passage of each body that matches the words, marks around them (a page's rows only)."""
        return search.headlines(self, words, ids)

    def newest_ids(self, limit: int) -> list[int]:
        """Ids of the `limit` most recent of these releases, newest first.

        For a search, PostgreSQL's planner guesses that a word matches 0.5 % of the
        releases, so it walks the newest-first index testing every release against
        the words: for a rare word, all of them. So the matches are first read from
        the search index in no order, up to `limit` + 1; only when there are more
        (a frequent word, which that walk finds at once) is the walk used.
        """
        found = list(self.order_by().values_list("pk", "sort_date")[: limit + 1])
        if len(found) <= limit:
            found.sort(key=lambda row: (row[1], row[0]), reverse=True)
            return [pk for pk, _ in found]
        return list(self.newest_first().values_list("pk", flat=True)[:limit])
