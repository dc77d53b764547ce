"""The need and related-figure catalogue (retrieval/data/needs.yaml): which indicators, and why."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

import retrieval
from retrieval.tables.areas import normalize

NEEDS_PATH = Path(retrieval.__file__).parent / "data" / "needs.yaml"
NEED_RE = re.compile(r"\b(nodig|ingezet|inzetten|inzet|extra aandacht|prioriteit|voorrang|zwaarst|hardst|"
                     r"needed|need|needs|deploy\w*|priorit\w*|focus)\b")


@dataclass(frozen=True)
class NeedIndicator:
    id: str
    share: bool
    reason_nl: str
    reason_en: str


@dataclass(frozen=True)
class Need:
    key: str
    title_nl: str
    title_en: str
    words: tuple[str, ...]
    group_words: tuple[str, ...]
    indicators: tuple[NeedIndicator, ...]
    leaves_out_nl: str
    leaves_out_en: str


@dataclass(frozen=True)
class Related:
    topic_nl: str
    topic_en: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class NeedCatalogue:
    needs: tuple[Need, ...]
    related: dict[str, Related]
    profile: tuple[str, ...]
    max_indicators: int


@cache
def need_catalogue(path: Path = NEEDS_PATH) -> NeedCatalogue:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    needs = tuple(Need(key, n["title_nl"], n["title_en"], tuple(normalize(w) for w in n["words"]),
                       tuple(normalize(w) for w in n.get("group_words", [])),
                       tuple(NeedIndicator(i["id"], bool(i.get("share")), i["reason_nl"], i["reason_en"])
                             for i in n["indicators"]), n["leaves_out_nl"], n["leaves_out_en"])
                  for key, n in raw["needs"].items())
    related = {k: Related(r["topic_nl"], r["topic_en"], tuple(r["indicators"])) for k, r in raw["related"].items()}
    return NeedCatalogue(needs, related, tuple(raw["profile"]), int(raw.get("max_indicators", 4)))


def find_need(text: str) -> Need | None:
    """A service ('ouderenconsulent') asked about with 'waar/welke' or 'nodig'; a group word needs 'nodig'."""
    norm = f" {normalize(text)} "
    needy = bool(NEED_RE.search(text.lower()))
    asks_where = bool(re.search(r"\b(waar|welke|where|which)\b", text.lower()))
    for need in need_catalogue().needs:
        if any(f" {w} " in norm for w in need.words) and (needy or asks_where):
            return need
    for need in need_catalogue().needs:
        if any(f" {w} " in norm for w in need.group_words) and needy and asks_where:
            return need
    return None
