"""One exception hierarchy. Every error says what went wrong and how to fix it."""

from __future__ import annotations


class DuidingError(Exception):
    """Base error: a message for the user and a concrete fix."""

    code = "error"
    http_status = 400

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} — {self.fix}" if self.fix else self.message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "fix": self.fix}


class BadInputError(DuidingError):
    """A file or request that cannot be read as given."""

    code = "bad_input"


class NotFoundError(DuidingError):
    code = "not_found"
    http_status = 404


class ConflictError(DuidingError):
    code = "conflict"
    http_status = 409


class BackendUnavailableError(DuidingError):
    """An optional backend (LLM, embedder, Chroma server) cannot be used."""

    code = "backend_unavailable"
    http_status = 503


class MissingExtraError(BackendUnavailableError):
    """A heavy optional package is not installed."""

    code = "missing_extra"

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(
            f"The package '{package}' is not installed",
            f"install it with `pip install 'duiding[{extra}]'`",
        )
