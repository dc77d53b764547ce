"""One catalogue of user-facing messages: code -> Dutch and English text, each a whole message in one language.

An entry is (nl message, nl fix, en message, en fix); `{name}` fields are filled by `render`. Errors carry a
code and its fields (assistant/core/errors.py); the API renders them in the request's language, the CLI in
DUIDING_LANG. The entries live in messages_*.py by area; code and logs stay English.
"""

from __future__ import annotations

import os
import string
from typing import Literal, NamedTuple

from assistant.core.messages_admin import ADMIN
from assistant.core.messages_data import DATA
from assistant.core.messages_help import HELP
from assistant.core.messages_service import SERVICE
from assistant.core.messages_sheets import SHEETS

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")


class Entry(NamedTuple):
    nl: str
    nl_fix: str
    en: str
    en_fix: str

    def pair(self, lang: Lang) -> tuple[str, str]:
        return (self.en, self.en_fix) if lang == "en" else (self.nl, self.nl_fix)


CATALOGUE: dict[str, Entry] = {code: Entry(*texts) for part in (DATA, SHEETS, SERVICE, ADMIN, HELP)
                               for code, texts in part.items()}


class Pick(NamedTuple):
    """A field whose words depend on the language (a hint, a unit, a place word)."""

    nl: str
    en: str


class At(NamedTuple):
    """A place in a file: 'data.csv: regel 4, kolom waarde' / 'data.csv: line 4, column value'."""

    file: str
    line: int | str | None = None
    column: str | None = None
    row: bool = False  # a sheet row instead of a text line

    def shown(self, lang: Lang) -> str:
        words = {"nl": ("regel", "rij", "kolom"), "en": ("line", "row", "column")}[lang]
        text = self.file
        if self.line is not None:  # without a file name: 'regel 4, kolom x' (the second place in one file)
            text += f"{': ' if text else ''}{words[1] if self.row else words[0]} {self.line}"
        return f"{text}, {words[2]} {self.column}" if self.column else text


def _local(value: object, lang: Lang) -> object:
    if isinstance(value, Pick):
        return value.en if lang == "en" else value.nl
    return value.shown(lang) if isinstance(value, At) else value


def as_lang(value: object, default: Lang = "nl") -> Lang:
    """'en', 'EN', 'en-GB', 'english' -> 'en'; 'nl', 'nl-NL' -> 'nl'; anything else -> default."""
    text = str(value or "").strip().lower()
    if text.startswith("en"):
        return "en"
    if text.startswith("nl") or text.startswith("du"):
        return "nl"
    return default


def env_lang() -> Lang:
    """The CLI's language before Settings exists (decorators, --help): DUIDING_LANG, default Dutch."""
    return as_lang(os.environ.get("DUIDING_LANG"), "nl")


def field_names(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


class _Keep(dict[str, object]):
    def __missing__(self, key: str) -> str:  # a field the caller did not give stays visible, never a crash
        return "{" + key + "}"


def render(code: str, lang: Lang, /, **fields: object) -> tuple[str, str]:
    """(message, fix) of `code` in `lang`, fields filled in. Unknown codes raise KeyError: a bug, not input."""
    message, fix = CATALOGUE[code].pair(lang)
    values = _Keep({name: _local(value, lang) for name, value in fields.items()})
    return message.format_map(values), fix.format_map(values)


def say(code: str, lang: Lang, /, **fields: object) -> str:
    """One line: the message, and the fix after a dash when there is one."""
    message, fix = render(code, lang, **fields)
    return f"{message} — {fix}" if fix else message


def cli_help(code: str) -> str:
    """A --help text in DUIDING_LANG (read when the command is defined)."""
    return render(code, env_lang())[0]
