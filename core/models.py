from django.db import models


class CacheTag(models.Model):
    """The version of one part of the data that cached pages depend on.

    A cached page records the tokens of its tags ("all", "lists", "release:12",
    "countryoffice:3") and is served again only while they are unchanged, in every
    server process. A write sets a new token on the tags of what it changed, in
    its own transaction: a page is never older than the data it shows.
    """

    key = models.CharField(max_length=100, primary_key=True)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "version d’une partie des données"
        verbose_name_plural = "versions des données"

    def __str__(self) -> str:
        return f"{self.key} {self.token}"
