from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from iomnews.corrections import CorrectableModel

COUNTRY_CODE_RULE = models.Q(country="") | models.Q(country__regex=r"^[A-Z]{2}$")


class CountryOffice(CorrectableModel):
    """An IOM office, named as IOM writes it ("OIM Rome")."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    city = models.CharField("ville", max_length=120, blank=True)
    country = models.CharField("pays (code ISO)", max_length=2, blank=True, db_index=True)
    history = HistoricalRecords(excluded_fields=["imported_values"])

    class Meta:
        verbose_name = "bureau de pays"
        verbose_name_plural = "bureaux de pays"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="office_name_unique_ci"),
            models.CheckConstraint(condition=COUNTRY_CODE_RULE, name="office_country_iso"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:office", args=[self.slug])


class ContactPerson(CorrectableModel):
    """Someone to contact about releases; one person per e-mail address."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    email = models.EmailField("courriel", null=True, blank=True, unique=True)
    phones = models.JSONField("téléphones", default=list, blank=True)
    office = models.ForeignKey(
        CountryOffice,
        verbose_name="bureau",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    history = HistoricalRecords(excluded_fields=["imported_values"])

    class Meta:
        verbose_name = "personne de contact"
        verbose_name_plural = "personnes de contact"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="person_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # One person per address, whatever its case.
        if self.email:
            self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:person", args=[self.slug])
