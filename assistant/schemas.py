"""The models that the CLI, API and UI share: questions, facts, answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.core.registry import AudienceName
from retrieval.models import GlossaryEntry

FactKind = Literal[
    "value", "share", "comparison", "rank", "spread", "trend", "caveat", "no_data", "pattern", "top", "list"
]
Direction = Literal["up", "down", "same"]


class FactSource(BaseModel):
    table: str = Field(description="Source table id, e.g. 84583NED, or a source name.")
    indicator: str
    key: str | None = Field(default=None, description="The raw key in the source file.")
    area_code: str
    year: int | None = None
    source_name: str = Field(description="Attribution line, e.g. 'Bron: CBS, tabel 84583NED'.")
    dataset: str = Field(default="", description="The dataset the value came from: its table id (84583NED), "
                         "the source name, or 'demo' for the fictional demo city.")
    family: str = Field(default="", description="The dataset family (the store's source, e.g. 'CBS KWB'); "
                        "comparisons only use reference values of the same family.")


class FactNumber(BaseModel):
    """One number a fact states; the checker matches LLM numbers against these."""

    value: float
    unit: str
    decimals: int = 0
    role: str = "value"


class Fact(BaseModel):
    id: str
    kind: FactKind
    text: str = Field(description="Ready sentence in plain Dutch (B1).")
    text_en: str = ""
    value: float | None = None
    unit: str | None = None
    decimals: int = 0
    numbers: list[FactNumber] = Field(default_factory=list)
    direction: Direction | None = None
    flags: list[Literal["suppressed", "provisional", "small_population", "boundary_change"]] = Field(
        default_factory=list, description="Situations the glossary should explain."
    )
    area_code: str | None = None
    indicator: str | None = None
    year: int | None = None
    source: FactSource | None = None
    extra_sources: list[FactSource] = Field(default_factory=list)
    topic: str = Field(default="", description="The indicator's titles (Dutch and English): the words the "
                       "checker reads to see which indicator a sentence talks about.")


class StoryExcerpt(BaseModel):
    """A retrieved story as cited in an answer: `id` is the citation id (S1), `story_id` the stored id."""

    id: str
    story_id: str
    text: str
    area_code: str | None = None
    area_name: str | None = None
    date: str | None = None
    role: str | None = None
    themes: list[str] = Field(default_factory=list)
    signifiers: dict[str, list[str] | float | str] = Field(default_factory=dict)
    fictional: bool = False
    note: str = ""


class ChartSeries(BaseModel):
    kind: Literal["reference", "trend", "siblings", "signifiers"]
    title: str
    indicator: str
    unit: str
    rows: list[dict[str, str | float | int | bool | None]]
    source_line: str


NUMBER_CATEGORIES = ("number",)  # a number, year or reference that the facts do not back
# A number said about the wrong area, year, indicator or dataset (it exists, but means something else).
ATTRIBUTION_CATEGORIES = ("attribution",)
# A judgement, recommendation or cause that no fact backs (sentences without numbers).
CLAIM_CATEGORIES = ("claim", "cause")
CONTENT_CATEGORIES = ("language", "leak", "markup", "place")  # not about numbers


class Problem(BaseModel):
    """One thing a check found wrong in a sentence: its category, what it is about, and the fix text."""

    category: str = Field(description="number, unit, direction, citation, attribution, claim, cause, language, "
                          "leak, markup or place.")
    subject: str = Field(default="", description="The number or citation it is about, when there is one.")
    text: str = Field(description="What is wrong and how to write it instead (Dutch; goes into the retry prompt).")


class CheckCoverage(BaseModel):
    """What the checks could prove about the shown LLM text, for an honest badge."""

    sentences: int = 0
    numbers: int = Field(default=0, description="Numbers bound to a fact whose area, year and indicator agree.")
    unbound_numbers: int = Field(default=0, description="Numbers matched to a fact that says no area or year.")
    claims: int = Field(default=0, description="Judgements, recommendations and causes checked against facts.")
    interpretation: list[str] = Field(default_factory=list,
                                      description="Sentences with a judgement the checker cannot judge.")

    @property
    def complete(self) -> bool:
        """Every number bound and every judgement checked: only then 'alle cijfers gecontroleerd'."""
        return self.unbound_numbers == 0 and not self.interpretation

    def badge(self, lang: str = "nl") -> str:
        """The check badge: 'alle cijfers gecontroleerd' only when complete, else what was checked."""
        en = lang == "en"
        if self.complete:
            return "✓ all numbers checked" if en else "✓ alle cijfers gecontroleerd"
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"
        if en:
            parts = [f"checked: {n(self.numbers, 'number', 'numbers')}, {n(self.claims, 'judgement', 'judgements')}"]
            parts += [f"{n(self.unbound_numbers, 'number', 'numbers')} only as a value (no area or year to check)"
                      ] if self.unbound_numbers else []
            parts += [f"{n(len(self.interpretation), 'sentence is', 'sentences are')} interpretation, not checked"
                      ] if self.interpretation else []
            return "; ".join(parts)
        parts = [f"gecontroleerd: {n(self.numbers, 'cijfer', 'cijfers')}, {n(self.claims, 'oordeel', 'oordelen')}"]
        parts += [f"{n(self.unbound_numbers, 'cijfer', 'cijfers')} alleen op de waarde (geen gebied of jaar)"
                  ] if self.unbound_numbers else []
        parts += [f"{n(len(self.interpretation), 'zin is', 'zinnen zijn')} interpretatie, niet gecontroleerd"
                  ] if self.interpretation else []
        return "; ".join(parts)


class CheckResult(BaseModel):
    """What the checks found in the LLM text; ok when they found nothing."""

    ok: bool = True
    problems: list[Problem] = Field(default_factory=list)
    coverage: CheckCoverage = Field(default_factory=CheckCoverage)

    def _texts(self, *categories: str) -> list[str]:
        return [p.text for p in self.problems if p.category in categories]

    @property
    def unsupported_numbers(self) -> list[str]:
        return self._texts(*NUMBER_CATEGORIES)

    @property
    def wrong_directions(self) -> list[str]:
        return self._texts("direction")

    @property
    def unknown_citations(self) -> list[str]:
        return [p.subject for p in self.problems if p.category == "citation"]

    @property
    def unit_errors(self) -> list[str]:
        return self._texts("unit")

    @property
    def content_problems(self) -> list[str]:
        return self._texts(*CONTENT_CATEGORIES)

    @property
    def attribution_errors(self) -> list[str]:
        return self._texts(*ATTRIBUTION_CATEGORIES)

    @property
    def claim_errors(self) -> list[str]:
        return self._texts(*CLAIM_CATEGORIES)


class LLMInfo(BaseModel):
    backend: str = "none"
    model: str = ""
    fallback_used: bool = False
    retried: bool = False
    reason: str = ""


class Question(BaseModel):
    question: str
    audience: AudienceName = "jongerenwerker"
    area: str | None = None
    year: int | None = None
    conversation_id: str | None = None


class Answer(BaseModel):
    question: str
    language: Literal["nl", "en"] = "nl"
    audience: AudienceName = "jongerenwerker"
    areas: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    deterministic: str = ""
    lead: str = Field(default="", description="The deterministic answer's lead: the first sentences that answer "
                      "the question in words, with their [F#] citations (also inside `deterministic`).")
    llm_text: str = ""
    answer: str = ""
    facts: list[Fact] = Field(default_factory=list)
    stories: list[StoryExcerpt] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)
    follow_ups: list[str] = Field(default_factory=list)
    clarify: list[dict[str, str]] = Field(default_factory=list)
    charts: list[ChartSeries] = Field(default_factory=list)
    check: CheckResult = Field(default_factory=CheckResult)
    check_summary: str = Field(default="", description="The check badge for the shown LLM text: 'alle cijfers "
                               "gecontroleerd' only when every number was bound and every judgement checked.")
    llm: LLMInfo = Field(default_factory=LLMInfo)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    understood_by: Literal["rules", "llm"] = Field(
        default="rules", description="Which path read the question: the rules, or the LLM parser bound to the "
        "catalogue (only when the rules left it open).")
    attribution: list[str] = Field(default_factory=list)
    conversation_id: str | None = None
