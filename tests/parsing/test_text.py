"""Decoding, lines, paragraphs and ligatures, on strings."""

import pytest

from releases.parsing import NotARelease, PageError
from releases.parsing.text import decode, decode_page, restore_ligatures, split_lines, to_paragraphs


@pytest.mark.parametrize(
    "data",
    [
        "Titre – été\r\n".encode(),
        "\ufeffTitre – été\n".encode(),
        "Titre – été\n".encode("cp1252"),
        "Titre – été\n".encode("utf-16"),
    ],
    ids=["utf8-crlf", "utf8-bom", "cp1252", "utf16-bom"],
)
def test_decode_any_usual_encoding(data):
    assert split_lines(decode(data))[0] == "Titre – été"


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", NotARelease, "empty page"),
        (b"  \n\n\t", NotARelease, "empty page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", PageError, "binary"),
        (bytes(range(256)) * 10, PageError, "binary"),
    ],
)
def test_decode_refuses_with_a_reason(data, error, message):
    with pytest.raises(error, match=message):
        decode(data)


@pytest.mark.parametrize(
    ("scraped", "restored"),
    [
        ("mettre en uvre des projets", "mettre en œuvre des projets"),
        ("des associations qui uvrent au maintien", "des associations qui œuvrent au maintien"),
        ("la main-d'uvre locale", "la main-d'œuvre locale"),
        ("au cur du projet", "au cœur du projet"),
        # Real words stay as they are.
        ("sur le terrain, il a vu", "sur le terrain, il a vu"),
        ("une ouverture", "une ouverture"),
    ],
)
def test_lost_ligatures_are_restored_without_touching_real_words(scraped, restored):
    assert restore_ligatures(scraped) == restored


def test_hard_wrapped_lines_join_into_paragraphs_ending_with_sentences():
    lines = [
        "Cette semaine, l'OIM a lancé un programme de",
        "micro-crédits pour aider les familles de migrants en",
        "Argentine.",
        "Le projet, nommé Exemple, a été créé pour aider les",
        "familles de cartoneros, des enfants et des adultes qui",
        "récupèrent des matériaux recyclables, pour survivre.",
    ]
    paragraphs = to_paragraphs(lines)
    assert paragraphs == [
        "Cette semaine, l'OIM a lancé un programme de micro-crédits pour aider les familles de "
        "migrants en Argentine.",
        "Le projet, nommé Exemple, a été créé pour aider les familles de cartoneros, des enfants "
        "et des adultes qui récupèrent des matériaux recyclables, pour survivre.",
    ]


def test_a_line_ending_with_a_colon_does_not_end_the_paragraph():
    lines = [
        "Un projet de recherche intitulé « Pérou :",
        "statistiques sur la migration » a confirmé",
        "que.",
    ]
    assert len(to_paragraphs(lines, hard_wrapped=True)) == 1


def test_one_paragraph_per_line_pages_stay_so():
    long = "Une phrase assez longue pour ne pas être un retour à la ligne forcé, " * 3
    lines = [long.strip(), "", long.strip() + " Fin.", "https://vimeo.com/63333086"]
    assert to_paragraphs(lines) == [long.strip(), long.strip() + " Fin.", "https://vimeo.com/63333086"]


def test_a_utf8_page_with_a_few_bad_bytes_stays_utf8_with_a_warning():
    text = "Directrice générale\nL’OIM a présenté à Genève un rapport très attendu, salué par les États.\n"
    data = text.encode("utf-8").replace(b"rapport", b"rap\xff\xfe\x80port").replace(b"salu", b"sa\x81\x82lu")
    decoded, warnings = decode_page(data)
    assert decoded.startswith("Directrice générale\nL’OIM a présenté à Genève")
    assert [(w.code, w.detail) for w in warnings] == [("invalid_utf8_bytes", "5 octet(s)")]


def test_a_page_in_another_encoding_is_read_whole_in_it():
    text = "Directrice générale\nLa réunion s’est tenue à Genève ; l’État a signé l’accord.\n"
    decoded, warnings = decode_page(text.encode("cp1252"))
    assert decoded == text
    assert warnings == []


def test_mojibake_is_repaired_but_real_words_are_left_alone():
    page = "Directrice gÃ©nÃ©rale\nSão Paulo, naïve, Ça, Œuvre, Ãcaro\n"
    assert decode(page.encode("utf-8")) == "Directrice générale\nSão Paulo, naïve, Ça, Œuvre, Ãcaro\n"


def test_a_stray_nul_byte_is_dropped_with_a_warning():
    paragraph = "Un texte assez long pour une page, comme tous les communiqués en ont. " * 4
    text, warnings = decode_page(f"Titre du communiqué\x00\n{paragraph}\x01\n".encode())
    assert text == f"Titre du communiqué\n{paragraph}\n"
    assert [(w.code, w.detail) for w in warnings] == [("control_characters_removed", "2 caractère(s)")]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20,
        "Titre – été, un texte en UTF-16 sans marque".encode("utf-16-le"),  # a NUL every other byte
        b"PK\x03\x04" + bytes(range(256)) * 100,
    ],
)
def test_a_truly_binary_file_is_still_refused(data):
    with pytest.raises(PageError, match="binary"):
        decode(data)
