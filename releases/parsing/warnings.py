"""What the parser tells editors: warnings and refusals, with stable codes and French labels.

Codes are stable snake_case strings (stored, filtered on, tested); labels are
what editors read. The English messages of PageError and NotARelease stay
for the import report.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ParseWarning:
    code: str
    detail: str = ""

    def __str__(self) -> str:
        return render(self)


WARNING_LABELS: dict[str, str] = {
    "no_title": "pas de titre : la première phrase sert de titre",
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
    # What the importer adds.
    "canonical_url_ignored": "URL canonique ignorée : le nom du fichier sert de source",
    "shared_email": "adresse partagée par deux noms : le second est une personne à part",
    "import_would_replace": "la page remplacerait le titre et le texte : à relire",
}

# Codes of PageError (the file cannot be read) and NotARelease (read, but not a release).
ERROR_LABELS: dict[str, str] = {
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
    "media_contacts_page": "page de contacts presse",
    # What the importer reports of files and folders.
    "symbolic_link_loop": "lien symbolique en boucle",
    "broken_link": "lien symbolique cassé",
    "not_a_file": "ni un fichier ni un dossier",
    "not_stored": "non enregistré : erreur de la base de données",
    "internal_error": "erreur interne de l’import",
}


def label(code: str) -> str:
    """The French label of a warning or error code (the code itself when unknown)."""
    return WARNING_LABELS.get(code) or ERROR_LABELS.get(code) or code


def render(warning: ParseWarning) -> str:
    """'label : detail', as editors read it."""
    text = label(warning.code)
    return f"{text} : {warning.detail}" if warning.detail else text


def warnings_as_json(warnings: list[ParseWarning]) -> list[dict[str, str]]:
    """The warnings as stored in a JSON field."""
    return [{"code": w.code, "detail": w.detail} for w in warnings]
