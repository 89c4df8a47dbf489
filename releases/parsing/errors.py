class PageError(ValueError):
    """The file cannot be read or parsed as a release; the message says why."""


class NotARelease(ValueError):
    """The file is readable but holds no release (empty, only site navigation)."""
