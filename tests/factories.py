"""Valid rows for tests: each test states only what matters to it.

release = ReleaseFactory(published=date(2020, 5, 1), office=OfficeFactory(country="SN"))
ReleaseContactFactory(release=release, person=PersonFactory(email="a@iom.int"))
"""

import factory
from factory.django import DjangoModelFactory

from contacts.models import ContactPerson, CountryOffice, Project
from releases.models import QuotedPerson, Release, ReleaseContact


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = CountryOffice
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"OIM Ville {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    city = factory.LazyAttribute(lambda o: o.name.removeprefix("OIM "))
    country = "SN"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = ContactPerson

    name = factory.Sequence(lambda n: f"Personne {n}")
    slug = factory.Sequence(lambda n: f"personne-{n}")
    email = factory.Sequence(lambda n: f"personne{n}@iom.int")
    phones = factory.List(["+221338696200"])
    office = factory.SubFactory(OfficeFactory)


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Projet {n}")
    slug = factory.Sequence(lambda n: f"projet-{n}")
    acronym = ""


class ReleaseFactory(DjangoModelFactory):
    class Meta:
        model = Release
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Communiqué numéro {n}")
    slug = factory.Sequence(lambda n: f"communique-{n}")
    source = factory.Sequence(lambda n: f"page-{n}.txt")
    fingerprint = factory.Sequence(lambda n: f"empreinte-{n}")
    body = "Un premier paragraphe sur les migrants.\n\nUn second paragraphe."
    office = factory.SubFactory(OfficeFactory)
    country = factory.LazyAttribute(lambda r: r.office.country if r.office else "")

    @factory.post_generation
    def projects(self, create, projects, **kwargs):
        if create and projects:
            self.projects.set(projects)


class ReleaseContactFactory(DjangoModelFactory):
    class Meta:
        model = ReleaseContact

    release = factory.SubFactory(ReleaseFactory)
    person = factory.SubFactory(PersonFactory)
    office = factory.LazyAttribute(lambda link: link.person.office)
    phones = factory.LazyAttribute(lambda link: list(link.person.phones))
    position = factory.Sequence(lambda n: n)


class QuoteFactory(DjangoModelFactory):
    class Meta:
        model = QuotedPerson

    release = factory.SubFactory(ReleaseFactory)
    name = factory.Sequence(lambda n: f"Personne Citée {n}")
    role = "Chef de mission de l’OIM"
