from django.db import models


class DataVersion(models.Model):
    """A number that changes with every write to the portal's data.

    Cached pages are keyed by it, so that they are never older than the data,
    in every server process. Bumped by signals (admin edits) and by imports.
    """

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "version des données"
        verbose_name_plural = "version des données"

    def __str__(self) -> str:
        return f"version {self.number}"
