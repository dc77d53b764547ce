"""What the user told the ingest command, passed to every reader as one object."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import BadInputError
from assistant.core.messages import At, Pick

GGDH_SOURCE = "GGDH wijkprofielen"
EENZAAMHEID_SOURCE = "GGD Gezondheidsmonitor 2016 (eenzaamheid)"
# Readers that know their source write its attribution; a user file that names one of these sources
# adds values under it but never replaces that attribution.
BUILTIN_SOURCES = frozenset({"CBS KWB", GGDH_SOURCE, EENZAAMHEID_SOURCE})
STATUSES = ("definitief", "voorlopig")


@dataclass
class ReadOptions:
    known_names: dict[str, str] | None = None
    year: int | None = None
    source: str | None = None
    status: str = "definitief"
    mapping: str | Path | dict[str, str | None] | None = None
    sheet: str | None = None
    gemeente: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise BadInputError(key="cell.unknown_status", at="", text=self.status)
        if self.gemeente is not None:
            self.gemeente = self.gemeente.strip().upper()
            if not (len(self.gemeente) == 6 and self.gemeente.startswith("GM") and self.gemeente[2:].isdigit()):
                raise BadInputError(key="cell.not_gemeente", text=self.gemeente)


def status_of(text: str, where: At) -> str:
    status = text.strip().lower()
    if status not in STATUSES:
        at = Pick(f"{where.shown('nl')}: ", f"{where.shown('en')}: ")
        raise BadInputError(key="cell.unknown_status", at=at, text=text)
    return status


def user_sources(sources: set[str], file: str) -> dict[str, dict[str, str]]:
    return {s: {"name": s, "file": file, "attribution": f"Bron: {s}"} for s in sources if s not in BUILTIN_SOURCES}


def default_source(file: str) -> str:
    return f"eigen bestand ({file})"


def options_from(kw: dict[str, object]) -> ReadOptions:
    """ReadOptions from keyword options; names it does not know (and None values) are ignored."""
    fields = ReadOptions.__dataclass_fields__
    return ReadOptions(**{k: v for k, v in kw.items() if k in fields and v is not None})  # type: ignore[arg-type]
