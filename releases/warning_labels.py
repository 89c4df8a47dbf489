"""What imports report, in the editors' words: warnings kept with releases, and why a file
was skipped or failed — each a stable code and a French label.

Plain Python (no Django, no app), outside `parsing` and `importing`: the admin reads it,
which may import neither (lint-imports), and so may the parser and the loader, which
write the codes. Warnings are stored as {"code", "detail"}; the label is looked up when
shown, so that a better wording reaches every release at once.

Pages parsed before the parser gave codes carry English notes ({"code": "note"}); the
rules at the bottom give them their code, on import (releases/importing/writing.py) and
for rows already stored (migration 0014, which needs them: keep them).
"""

import re
from dataclasses import dataclass

# The parser's codes (releases/parsing), then the loader's (releases/importing).
WARNING_LABELS: dict[str, str] = {
    "no_title": "pas de titre : la première phrase sert de titre",
    "title_guessed": "titre deviné parmi les lignes laissées par un menu : à vérifier",
    "nearly_refused": "page presque écartée (elle ressemble à une liste ou à une page thématique)",
    "contact_block_not_recognised": "adresse électronique en fin de texte, mais bloc de contacts non reconnu",
    "title_is_label": "le titre est une étiquette de la page, pas un titre",
    "title_is_menu": "le titre ressemble à une ligne de menu",
    "title_too_long": "titre trop long, coupé",
    "menu_lines_in_body": "lignes de menu restées dans le texte",
    "empty_body": "texte vide",
    "no_contact_block": "pas de bloc de contacts",
    "contact_block_without_person": "bloc de contacts sans personne",
    "contact_without_name": "contact sans nom",
    "contact_without_email": "contact sans adresse électronique",
    "phone_not_understood": "numéro de téléphone non compris",
    "lines_after_contact_block": "lignes ignorées après le bloc de contacts",
    "invalid_utf8_bytes": "octets invalides remplacés (UTF-8)",
    "control_characters_removed": "caractères de contrôle (NUL…) retirés du texte",
    "shared_email": "une adresse électronique pour deux noms",
    "canonical_url_ignored": "URL canonique ignorée",
    "import_would_replace": "l’import remplacerait le titre et le texte",
    "note": "remarque de l’import",
}

# Why a file was skipped (read, but not a release) or failed (could not be read or stored).
REFUSAL_LABELS: dict[str, str] = {
    "unreadable": "fichier illisible",
    "too_large": "page trop grande",
    "binary_content": "pas un fichier texte",
    "invalid_encoding": "encodage invalide",
    "html_too_complex": "page HTML trop complexe",
    "html_too_deep": "page HTML trop imbriquée",
    "empty_page": "page vide",
    "only_navigation": "seulement la navigation du site",
    "listing_page": "page de liste (plusieurs communiqués)",
    "home_page": "page d’accueil",
    "thematic_page": "page thématique, pas un communiqué",
    "key_figures_page": "page de chiffres clés, pas un communiqué",
    "untitled_page": "page sans titre ni contact presse (récit, page du site), pas un communiqué",
    "story_page": "récit ou reportage, pas un communiqué",
    "media_contacts_page": "page de contacts presse",
    "symbolic_link_loop": "boucle de liens symboliques",
    "broken_link": "lien symbolique cassé",
    "not_a_file": "pas un fichier ordinaire",
    "not_stored": "n’a pas pu être enregistré",
    "internal_error": "erreur interne de l’import",
    "other": "erreur",
}


@dataclass(frozen=True)
class Described:
    code: str
    label: str
    detail: str = ""

    def __str__(self) -> str:
        # A no-break space before the colon: French typography.
        return f"{self.label}\u00a0: {self.detail}" if self.detail else self.label


# English notes of the parser and loader before codes: (pattern, code); the group "detail", if any, is kept.
_ENGLISH_WARNINGS = [
    (r"title too long: cut", "title_too_long"),
    (r"(?P<detail>\d+) lines after the contact block ignored", "lines_after_contact_block"),
    (r"no contact block", "no_contact_block"),
    (r"empty body", "empty_body"),
    (r"contact without e-mail: (?P<detail>.*)", "contact_without_email"),
    (r"contact block without a person", "contact_block_without_person"),
    (r"phone not understood: (?P<detail>.*)", "phone_not_understood"),
]
_ENGLISH_REFUSALS = [
    (r"only site navigation", "only_navigation"),
    (r"empty page", "empty_page"),
    (r"page too large \((?P<detail>.*)\)", "too_large"),
    (r"not a text file \(binary content\)", "binary_content"),
    (r"not a text file \(invalid (?P<detail>.*)\)", "invalid_encoding"),
    (r"HTML page too complex.*", "html_too_complex"),
    (r"HTML page too deeply nested.*", "html_too_deep"),
    (r"symbolic link loop", "symbolic_link_loop"),
    (r"broken symbolic link", "broken_link"),
    (r"not a regular file", "not_a_file"),
    (r"cannot read.*?\((?P<detail>.*)\)", "unreadable"),
    (r"could not be stored: (?P<detail>.*)", "not_stored"),
]


def _match(text: str, rules) -> tuple[str, str] | None:
    for pattern, code in rules:
        found = re.fullmatch(pattern, text.strip(), re.DOTALL)
        if found:
            return code, (found.groupdict().get("detail") or "").strip()
    return None


def warning_code(warning) -> dict:
    """A warning as stored, {"code", "detail"}: English notes get their code."""
    if isinstance(warning, dict):
        code, detail = str(warning.get("code") or "note"), str(warning.get("detail") or "")
    elif hasattr(warning, "code"):
        code, detail = warning.code, str(getattr(warning, "detail", "") or "")
    else:
        code, detail = "note", str(warning)
    if code == "note":
        code, detail = _match(detail, _ENGLISH_WARNINGS) or (code, detail)
    return {"code": code, "detail": detail}


def describe_warning(warning) -> Described:
    """A stored warning as editors read it; an unknown code is shown as it is."""
    stored = warning_code(warning)
    code = stored["code"]
    return Described(code, WARNING_LABELS.get(code, code.replace("_", " ")), stored["detail"])


def describe_refusal(entry: dict) -> Described:
    """A skipped or failed file of an import report ({"path", "reason" or "error"}, maybe "code")."""
    text = str(entry.get("reason") or entry.get("error") or "")
    code = entry.get("code")
    if code:
        return Described(code, REFUSAL_LABELS.get(code, code.replace("_", " ")), entry.get("detail") or "")
    found = _match(text, _ENGLISH_REFUSALS)
    if found is None:
        return Described("other", REFUSAL_LABELS["other"], text)
    return Described(found[0], REFUSAL_LABELS[found[0]], found[1])
