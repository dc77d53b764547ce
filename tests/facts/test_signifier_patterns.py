"""Signifier patterns on the demo stories: shares per feeling, sliders in thirds, and the small-n rule."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from assistant.facts.patterns import pattern_charts, pattern_facts
from assistant.facts.signifiers import FRAGILE_BELOW, signifier_pattern
from eval.retrieval_eval import DEMO_STORIES
from retrieval.models import Story
from retrieval.tables.areas import AreaRef

WIJK = AreaRef(code="WK990111", name="Lindenhove", level="wijk", parent_code="GM9901")


def _demo() -> list[Story]:
    rows = [json.loads(line) for line in DEMO_STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Story.model_validate(r) for r in rows]


def _expected(theme: str) -> tuple[int, int, Counter[str]]:
    """Counted straight from the source file, not through the code under test."""
    rows = [json.loads(line) for line in DEMO_STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    local = [r for r in rows if r["area_code"] == WIJK.code]
    about = [r for r in local if theme in r["themes"]]
    return len(about), len(local), Counter(f for r in about for f in set(r["signifiers"]["gevoel"]))


def test_pattern_counts_feelings_with_shares_and_hides_small_counts() -> None:
    about, total, feelings = _expected("eenzaamheid")
    pattern = signifier_pattern([s for s in _demo() if s.area_code == WIJK.code], "eenzaamheid", 5)
    assert pattern is not None and (pattern.about, pattern.total) == (about, total)
    shown = {name: n for name, n in feelings.items() if n >= 5}
    assert {name: n for name, n, _ in pattern.feelings} == shown
    assert all(share == round(100 * n / about) for _, n, share in pattern.feelings)
    assert pattern.withheld == sum(1 for n in feelings.values() if n < 5)
    assert pattern.fragile == (about < FRAGILE_BELOW)


@pytest.mark.parametrize("minimum", [5, 7, 8])
def test_fact_text_follows_the_minimum(minimum: int) -> None:
    about, total, feelings = _expected("eenzaamheid")
    refs = {WIJK.code: WIJK}
    facts = pattern_facts(_demo(), WIJK, refs, ["eenzaamheid"], minimum, first_id=3)
    assert len(facts) == 1 and facts[0].id == "F3" and facts[0].kind == "pattern"
    text = facts[0].text
    assert f"In Lindenhove gaan {about} van de {total} verhalen over eenzaamheid" in text
    for name, n in feelings.items():
        assert (f"'{name}'" in text) == (n >= minimum), (name, n, text)
    assert "geen steekproef" in text and "niet dat de cijfers de oorzaak zijn" in text
    assert ("minder dan 20 verhalen" in text) == (about < 20)
    numbers = {n.value for n in facts[0].numbers}
    assert {about, total} <= numbers
    charts = pattern_charts(_demo(), WIJK, refs, ["eenzaamheid"], minimum)
    shown = {str(r["name"]): r["value"] for c in charts for r in c.rows}
    assert shown == {k: v for k, v in feelings.items() if v >= minimum}
    assert all(c.kind == "signifiers" for c in charts)


def test_theme_below_the_minimum_gives_no_pattern_and_no_chart() -> None:
    about, _, _ = _expected("mantelzorg")
    refs = {WIJK.code: WIJK}
    assert pattern_facts(_demo(), WIJK, refs, ["mantelzorg"], about + 1, 1) == []
    assert pattern_charts(_demo(), WIJK, refs, ["mantelzorg"], about + 1) == []
    assert len(pattern_facts(_demo(), WIJK, refs, ["mantelzorg"], about, 1)) == 1


def test_sliders_are_counted_in_thirds() -> None:
    rows = [json.loads(line) for line in DEMO_STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    about = [r for r in rows if r["area_code"] == WIJK.code and "eenzaamheid" in r["themes"]]
    low = sum(1 for r in about if r["signifiers"]["steun"] < 1 / 3)
    pattern = signifier_pattern([s for s in _demo() if s.area_code == WIJK.code], "eenzaamheid", 1)
    assert pattern is not None
    assert dict(pattern.sliders["steun"]).get("laag", 0) == low
