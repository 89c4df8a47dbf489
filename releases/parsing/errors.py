"""The two ways a page is not imported; `code` is stable (see warnings.ERROR_LABELS)."""


class PageError(ValueError):
    """The file cannot be read or parsed as a release; the message says why."""

    def __init__(self, message: str, code: str = "unreadable"):
        super().__init__(message)
        self.code = code


class NotARelease(ValueError):
    """The file is readable but holds no release (empty, only site navigation, a listing...)."""

    def __init__(self, message: str, code: str = "empty_page"):
        super().__init__(message)
        self.code = code
