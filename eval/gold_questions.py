"""Evaluation questions with their gold expectations, and their YAML form.

A question has one or more turns (a follow-up conversation has several). Each turn says what a correct
answer holds: the areas and indicators understood (an indicator may list alternatives as "a|b"), the
numbers as displayed, glossary terms, stories, and whether an honest refusal or a clarifying question is
expected. `None` for areas or indicators means "not checked".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

QUESTION_TYPES = (
    "value", "comparison", "area_vs_area", "rank", "trend", "share", "term", "story", "figures_stories",
    "unanswerable", "suppressed", "unknown_area", "ambiguous", "follow_up", "zero_population",
)


@dataclass
class ExpectNumber:
    value: float
    unit: str
    decimals: int
    shown: str
    what: str = ""


@dataclass
class Expect:
    areas: list[str] | None = None
    indicators: list[str] | None = None
    year: int | None = None
    numbers: list[ExpectNumber] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    refusal: bool = False
    clarify: bool = False
    caveat: str | None = None
    scope: list[str] = field(default_factory=list)  # further areas whose figures a right answer may cite
    trend: list[int] = field(default_factory=list)  # [from_year, to_year] for trend questions

    @property
    def indicator_alternatives(self) -> list[set[str]]:
        return [set(item.split("|")) for item in self.indicators or []]


@dataclass
class Turn:
    question: str
    expect: Expect


@dataclass
class EvalQuestion:
    id: str
    type: str
    turns: list[Turn]
    lang: str = "nl"
    audience: str = "jongerenwerker"
    set: str = "demo"
    note: str = ""

    @property
    def text(self) -> str:
        return " / ".join(t.question for t in self.turns)


def _expect_from(raw: dict[str, Any]) -> Expect:
    nums = [ExpectNumber(**n) for n in raw.get("numbers", [])]
    return Expect(**{**raw, "numbers": nums})


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    """Drop empty defaults so the YAML stays readable (areas/indicators keep [], which means 'none')."""
    keep = ("areas", "indicators")
    return {k: v for k, v in d.items() if _filled(v) or (k in keep and v is not None)}


def _filled(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    return isinstance(v, int | float) or v not in ([], "", None)


def to_dict(q: EvalQuestion) -> dict[str, Any]:
    head = {"id": q.id, "type": q.type, "lang": q.lang, "audience": q.audience}
    if q.note:
        head["note"] = q.note
    turns = [{"question": t.question, "expect": _expect_dict(t.expect)} for t in q.turns]
    if len(turns) == 1:
        return head | turns[0]
    return head | {"turns": turns}


def _expect_dict(e: Expect) -> dict[str, Any]:
    d = _clean(asdict(e))
    if "numbers" in d:
        d["numbers"] = [_clean(n) for n in d["numbers"]]
    return d


def from_dict(raw: dict[str, Any], set_name: str) -> EvalQuestion:
    turns_raw = raw.get("turns") or [{"question": raw["question"], "expect": raw.get("expect", {})}]
    turns = [Turn(t["question"], _expect_from(t.get("expect") or {})) for t in turns_raw]
    return EvalQuestion(id=raw["id"], type=raw["type"], turns=turns, lang=raw.get("lang", "nl"),
                        audience=raw.get("audience", "jongerenwerker"), set=set_name, note=raw.get("note", ""))


def render_yaml(questions: list[EvalQuestion], header: str) -> str:
    body = yaml.safe_dump([to_dict(q) for q in questions], allow_unicode=True, sort_keys=False, width=110)
    return header + body


def dump_yaml(questions: list[EvalQuestion], path: Path, header: str) -> None:
    path.write_text(render_yaml(questions, header), encoding="utf-8")


def load_yaml(path: Path, set_name: str) -> list[EvalQuestion]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [from_dict(r, set_name) for r in rows]
