"""Data models that cross module lines inside retrieval/ and into assistant/."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Level = Literal["land", "gemeente", "stadsdeel", "wijk", "buurt"]
LEVELS: tuple[Level, ...] = ("land", "gemeente", "stadsdeel", "wijk", "buurt")
Unit = Literal[
    "percent", "per_1000", "count", "euro_x1000", "average", "kwh", "m3", "km", "ha",
    "per_km2", "per_household", "code", "index", "score",
]


class IndicatorDef(BaseModel):
    """One indicator in the catalogue, independent of year and source key suffix."""

    id: str
    title_nl: str
    title_en: str
    unit: Unit
    decimals: int = 0
    theme: str = "overig"
    definition_nl: str = ""
    definition_en: str = ""
    denominator: str | None = Field(default=None, description="Indicator id of the denominator, if known.")
    denominator_label_nl: str | None = Field(default=None, description="e.g. 'van alle huishoudens'.")
    denominator_label_en: str | None = None
    cbs_stems: list[str] = Field(default_factory=list, description="Qualified CBS key stems that map here.")
    synonyms: list[str] = Field(default_factory=list)
    source_table: str | None = None
    source_key: str | None = None


class ImportReport(BaseModel):
    """What an ingest did; printed by the CLI and returned by the API."""

    file: str
    format: str
    source: str = ""
    rows: int = 0
    areas: int = 0
    indicators: int = 0
    values: int = 0
    stored: int = 0
    suppressed: int = 0
    years: list[int] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    redactions: dict[str, int] = Field(default_factory=dict)
    flagged: list[str] = Field(default_factory=list, description="Ids of stories that read as instructions to a "
                               "model: kept for review (`duiding stories --flagged`), never prompted or quoted.")
    changed: bool = True


class Story(BaseModel):
    """An experience story, already scrubbed of personal data."""

    id: str
    text: str
    area_code: str | None = None
    date: str | None = Field(default=None, description="ISO date YYYY-MM-DD or YYYY-MM.")
    themes: list[str] = Field(default_factory=list)
    role: str | None = None
    signifiers: dict[str, list[str] | float | str] = Field(default_factory=dict)
    source: str | None = None
    consent: bool = True
    fictional: bool = False
    flags: list[str] = Field(default_factory=list, description="Why the text reads as an instruction to a model "
                             "(retrieval.stories.instructions); a flagged story is never prompted or quoted.")


class GlossaryEntry(BaseModel):
    """A statistical term explained in our own words, B1 Dutch plus English."""

    term: str
    aliases: list[str] = Field(default_factory=list)
    definition: str
    definition_en: str
    example: str
    example_en: str = ""
    mistake: str
    ask_yourself: str
    mistake_en: str = ""
    ask_yourself_en: str = ""
    related: list[str] = Field(default_factory=list)


class Dataset(BaseModel):
    """One import: what a user can list and remove again (`duiding datasets`)."""

    id: str = Field(description="Short id, e.g. d3; used by `duiding datasets remove d3`.")
    file: str
    table: str = Field(default="", description="Table id(s) of the rows, e.g. 84583NED.")
    source: str
    gemeenten: list[str] = Field(default_factory=list, description="Gemeente codes, e.g. GM0518.")
    gemeente_names: list[str] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    rows: int = Field(default=0, description="Rows read from the file.")
    values: int = Field(default=0, description="Value rows in the store that belong to this dataset now.")
    imported: str = Field(default="", description="Import time, ISO 8601 (UTC).")
