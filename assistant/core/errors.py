"""One exception hierarchy. Every error says what went wrong and how to fix it.

No HTTP here: assistant/api/errors.py maps each error code to a status. An error raised with `key=` (a code
in assistant/core/messages.py) carries its fields and is shown in the reader's language: `text(lang)`.
"""

from __future__ import annotations

import logging
import traceback

from assistant.core.messages import Lang, env_lang, render


class DuidingError(Exception):
    """Base error: a message for the user and a concrete fix."""

    code = "error"

    def __init__(self, message: str = "", fix: str = "", *, key: str = "", lang: Lang | None = None,
                 **fields: object) -> None:
        self.key, self.fields = key, fields
        self.lang = lang  # the language the reader used (the question's), when the raiser knows it
        if key:  # the message and fix in DUIDING_LANG until a caller asks for another language
            message, fix = render(key, lang or env_lang(), **fields)
        super().__init__(message)
        self.message = message
        self.fix = fix

    def text(self, lang: Lang) -> tuple[str, str]:
        """(message, fix) in `lang`; an error without a catalogue key has only the text it was raised with."""
        return render(self.key, lang, **self.fields) if self.key else (self.message, self.fix)

    def line(self, lang: Lang) -> str:
        message, fix = self.text(lang)
        return f"{message} — {fix}" if fix else message

    def __str__(self) -> str:
        return f"{self.message} — {self.fix}" if self.fix else self.message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "fix": self.fix}


class BadInputError(DuidingError):
    """A file or request that cannot be read as given."""

    code = "bad_input"


class NotFoundError(DuidingError):
    code = "not_found"


class ConflictError(DuidingError):
    code = "conflict"


class BackendUnavailableError(DuidingError):
    """An optional backend (LLM, embedder, Chroma server) cannot be used."""

    code = "backend_unavailable"


class MissingExtraError(BackendUnavailableError):
    """A heavy optional package is not installed."""

    code = "missing_extra"

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(key="missing_extra", package=package, extra=extra)


def log_unexpected(exc: BaseException, where: str = "") -> None:
    """Log the type and the code path only: messages and locals can hold request bodies or story text."""
    frames = traceback.extract_tb(exc.__traceback__)[-6:]
    trail = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))
    logging.getLogger("duiding.api").error("unexpected %s %s at %s", type(exc).__name__, where, trail)
