"""The language of a release, from its text (py3langid: langid.py's model, maintained).

Measured against lingua-language-detector on short texts (titles, first
sentences in French, Spanish, English and Portuguese): py3langid was right on
all 29, lingua on 28, and py3langid is about 5 times faster once loaded
(0.05 ms a title, under 0.5 ms for the 1,000 characters read here).
Restricting it to the languages IOM publishes in keeps short texts right.
"""

from functools import cache

LANGUAGES = ("fr", "es", "en", "pt", "it", "de", "ar", "ru", "zh", "tr", "uk", "nl")
SAMPLE_CHARS = 1000


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str, default: str = "fr") -> str:
    """ISO 639-1 code of the text's language; the default when there is no text."""
    sample = text[:SAMPLE_CHARS].strip()
    if not sample:
        return default
    return str(_identifier().classify(sample)[0])


def warm_up() -> None:
    """Load the model now (before forking workers, so that they share it)."""
    _identifier()
