"""Expectations for the lead, computed from the source values with pandas (never from Duiding's output)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from assistant.pipeline import AnswerService
from assistant.schemas import Answer, Question
from support.paths import ROOT

DEMO_DIR = ROOT / "retrieval" / "data" / "demo"
VERDICT_WORDS = {
    "nl": {"top": r"(hoger|meer) dan in alle andere", "bottom": r"(lager|minder) dan in alle andere",
           "high": "hoort bij het hoogste kwart", "low": "hoort bij het laagste kwart", "middle": "middengroep"},
    "en": {"top": r"(higher|more) than in every other", "bottom": r"(lower|fewer) than in every other",
           "high": "in the highest quarter", "low": "in the lowest quarter", "middle": "middle group"},
}
CITE = re.compile(r"\[[FS]\d+(?:, [FS]\d+)*\]")
Ask = Callable[..., Answer]


def asker(service: AnswerService) -> Ask:
    """ask(question, audience, *follow-ups): the last answer of that conversation, in that audience."""
    def run(question: str, audience: str = "jongerenwerker", *follow: str) -> Answer:
        result = service.ask(Question(question=question, audience=audience))  # type: ignore[arg-type]
        for q in follow:
            result = service.ask(Question(question=q, audience=audience), result.understanding)  # type: ignore[arg-type]
        return result.answer

    return run


def demo_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, areas) of the demo city, straight from its committed CSVs."""
    values = pd.read_csv(DEMO_DIR / "values.csv", comment="#")
    areas = pd.read_csv(DEMO_DIR / "areas.csv", comment="#")
    return values, areas


def demo_peers(indicator: str, year: int, level: str = "wijk") -> pd.Series:
    """The indicator's values for every area of one level in the demo city, by code."""
    values, areas = demo_frames()
    codes = set(areas[(areas["level"] == level) & (areas["year"] == year)]["area_code"])
    rows = values[(values["indicator"] == indicator) & (values["year"] == year) & values["area_code"].isin(codes)]
    rows = rows[~rows["suppressed"].astype(str).str.lower().eq("true")]
    return pd.Series(rows["value"].astype(float).to_numpy(), index=rows["area_code"]).dropna()


def demo_value(code: str, indicator: str, year: int) -> float:
    values, _ = demo_frames()
    hit = values[(values["area_code"] == code) & (values["indicator"] == indicator) & (values["year"] == year)]
    return float(hit["value"].iloc[0])


def verdict_of(peers: pd.Series, code: str, decimals: int) -> str:
    """top / bottom (alone at that end), else high / low / middle by the quartiles of the shown values."""
    shown = peers.dropna()
    v = shown[code]
    if (shown > v).sum() == 0 and (shown == v).sum() == 1:
        return "top"
    if (shown < v).sum() == 0 and (shown == v).sum() == 1:
        return "bottom"
    q1, q3 = (round(float(q), decimals) for q in shown.quantile([0.25, 0.75]))
    rounded = round(float(v), decimals)
    return "high" if rounded > q3 else "low" if rounded < q1 else "middle"


def assert_verdict(lead: str, verdict: str, lang: str = "nl") -> None:
    """The lead says the verdict and none of the others (never 'hoogste kwart' for the middle group)."""
    words = VERDICT_WORDS[lang]
    assert re.search(words[verdict], lead), f"expected {verdict!r} in the lead: {lead}"
    for other, pattern in words.items():
        if other != verdict and not {other, verdict} <= {"top", "high"} and not {other, verdict} <= {"bottom", "low"}:
            assert not re.search(pattern, lead), f"{other!r} said in a lead that should say {verdict!r}: {lead}"


def natural(value: float, unit: str, lang: str = "nl") -> str:
    """'ongeveer 18 van de 100' for 18,0%; 'ongeveer 64 op de 1.000' for 64 per 1.000."""
    whole = round(value)
    if lang == "en":
        return f"about {whole} in every {'100' if unit == 'percent' else '1,000'}"
    return f"ongeveer {whole} {'van de 100' if unit == 'percent' else 'op de 1.000'}"


def sentences(text: str) -> list[str]:
    """The lead's sentences: citations out, split at a full stop followed by a capital."""
    flat = CITE.sub("", text)
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", flat.strip()) if s.strip()]


def opening(answer: Answer) -> str:
    """The answer's text before its first titled block, notices (in italics) left out."""
    blocks = [b for b in answer.deterministic.split("\n\n") if not (b.startswith("_") and b.endswith("_"))]
    return blocks[0] if blocks else ""


def cited(text: str) -> list[str]:
    return [i.strip() for group in CITE.findall(text) for i in group.strip("[]").split(",")]


def demo_path() -> Path:
    return DEMO_DIR
