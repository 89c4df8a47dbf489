"""The keys under which an import meets an office, a person or a project.

Names compare without case or repeated spaces (as the database's unique
constraints on LOWER(name) do); e-mails in lower case; acronyms as written.
"""

import re


def name_key(name: str) -> str:
    return "name:" + re.sub(r"\s+", " ", name).strip().lower()


def stored_office_names(name: str) -> list[str]:
    """The names an office may be stored under, its own first: the parser names every office
    "OIM <place>", whatever the page's language; imports before it kept "IOM <place>" as written."""
    organisation, _space, place = name.partition(" ")
    if organisation in ("OIM", "IOM") and place:
        return [name, f"{'IOM' if organisation == 'OIM' else 'OIM'} {place}"]
    return [name]


def email_key(email: str) -> str:
    return "email:" + email.strip().lower()


def acronym_key(acronym: str) -> str:
    return "acronym:" + acronym.strip()
