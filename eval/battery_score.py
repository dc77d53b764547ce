"""Score one battery turn: did the answer understand what the gold says, and is it a non-empty reply?

Areas, indicators (headline first) and kind as eval/metrics.py scores understanding; the new kinds
(profile, need, threshold, per-gemeente) are judged by what the answer holds, not by the kind's name.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from assistant.schemas import Answer
from eval.battery_model import BTurn
from eval.metrics_text import asks_back, says_no_data


@dataclass
class BScore:
    qid: str
    category: str
    section: str
    lang: str
    turn: int
    question: str
    understood: bool = False
    nonempty: bool = False
    reason: str = ""  # why not understood
    got: str = ""
    wanted: str = ""
    figure_ok: bool | None = None  # the gold figure appears in the answer (value turns)
    understood_by: str = ""
    unresolved: bool = False  # the rules left it open (no area, no indicator or no kind): the parser's subset
    error: str = ""
    ms: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def gemeente_of(code: str) -> str:
    return "GM" + code[2:6] if code[:2] in ("WK", "BU") else code


def named(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I) is not None


def _areas_ok(t: BTurn, answer: Answer) -> bool:
    got = set(answer.areas)
    want = set(t.areas or [])
    allowed = want | set(t.scope) | ({t.gemeente} if t.gemeente else set())
    if want <= got <= allowed:
        return True
    rest = got - ({t.gemeente} if t.gemeente else set())
    return len(rest) == 1 and rest <= set(t.alt_areas)


def _indicators(t: BTurn, answer: Answer) -> tuple[bool, bool]:
    """(every alternative group named, the first indicator is of the first group)."""
    alts = [set(i.split("|")) for i in t.indicators or []]
    got = set(answer.indicators) | {f.indicator for f in answer.facts if f.indicator}
    ok = all(a & got for a in alts)
    head = ok and (not alts or bool(answer.indicators) and answer.indicators[0] in alts[0])
    return ok, head


def judge(t: BTurn, answer: Answer, kind: str) -> str:
    """'' when understood, else the reason."""
    text = answer.answer
    clarified = bool(answer.clarify) or asks_back(text)
    if not text.strip():
        return "empty answer"
    if t.check == "nonempty":
        return ""
    if t.check == "unknown":
        figures = [f for f in answer.facts if f.value is not None]
        if figures:
            return f"figures of {sorted({f.area_code or '?' for f in figures})} for an unknown name"
        return "" if clarified or says_no_data(text) else "does not say the name is unknown"
    inds_ok, head_ok = _indicators(t, answer)
    if t.check == "ask":
        hits = [n for n in t.mentions if any(named(x, text) for x in n.split("|"))]  # 'Den Haag|'s-Gravenhage'
        if clarified and len(hits) >= max(1, t.min_mentions):
            return ""
        return "" if _areas_ok(t, answer) and inds_ok else "neither asks back with the candidates nor answers all"
    if t.check == "per_gemeente":
        gms = {gemeente_of(f.area_code) for f in answer.facts if f.area_code and f.value is not None}
        if not inds_ok:
            return "indicator"
        return "" if clarified or len(gms) >= 2 else f"one gemeente only: {sorted(gms)}"
    if clarified:
        return "asked back"
    if t.check == "list":
        missing = [n for n in t.mentions if not named(n, text)]
        return "indicator" if not inds_ok else f"list misses {missing[:4]}" if missing else ""
    if t.check == "need":
        hits = [n for n in t.mentions if named(n, text)]
        if not inds_ok:
            return "indicator"
        return "" if len(hits) >= t.min_mentions else f"names {len(hits)} wijken"
    if not _areas_ok(t, answer):
        return "areas"
    if t.check == "profile":
        own = {f.indicator for f in answer.facts if t.areas and f.area_code == t.areas[0] and f.value is not None}
        return "" if len(own) >= t.min_facts else f"{len(own)} own figures"
    if not head_ok:
        return "indicator" if not inds_ok else "headline indicator"
    if t.kind and not re.fullmatch(t.kind, kind or ""):
        return f"kind {kind}"
    return ""


def figure_shown(t: BTurn, answer: Answer) -> bool | None:
    if not t.figure or t.check != "match":
        return None
    flat = answer.answer.replace("\u00a0", " ").replace("€ ", "€")
    return t.figure.replace("€ ", "€") in flat


def describe(answer: Answer, kind: str) -> str:
    return f"{answer.areas} {answer.indicators} kind={kind}" + (" clarify" if answer.clarify else "")


def wanted(t: BTurn) -> str:
    return f"{t.check}: {t.areas} {t.indicators}" + (f" mentions={t.mentions[:4]}" if t.mentions else "")
