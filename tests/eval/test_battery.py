"""The paraphrase battery: at least 300 questions, gold computed from the CSVs (spot-checked here with pandas)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from assistant.schemas import Answer, Fact
from eval.battery_build import build_battery
from eval.battery_gold import AMS19, DH19, DH21, UT21
from eval.battery_model import CATEGORIES, BTurn
from eval.battery_score import judge


def _csv(root: Path, rel: str) -> pd.DataFrame:
    df = pd.read_csv(root / rel, sep=";", dtype=str, encoding="utf-8-sig")
    return df.apply(lambda c: c.str.strip()).set_index("Codering_3")


def _dutch(n: float) -> str:
    return f"{n:,.0f}".replace(",", ".")


def test_battery_has_300_questions_in_every_category(real_data: Path) -> None:
    qs = build_battery(real_data)
    assert len(qs) >= 300
    assert len({q.id for q in qs}) == len(qs)
    assert set(Counter(q.category for q in qs)) == set(CATEGORIES)
    assert Counter(q.section for q in qs)["multi"] >= 30
    assert any(len(q.turns) >= 3 for q in qs if q.category == "follow_up")
    assert [q.text for q in build_battery(real_data)] == [q.text for q in qs]  # seeded: the same every run


def test_gold_figures_come_from_the_csvs(real_data: Path) -> None:
    """Inhabitants: the latest file that publishes them (2021 subset for Den Haag and Utrecht, 2019 Amsterdam)."""
    latest = {"GM0518": _csv(real_data, DH21), "GM0344": _csv(real_data, UT21), "GM0363": _csv(real_data, AMS19)}
    turns = [(q, t) for q in build_battery(real_data) for t in q.turns
             if t.indicators == ["inwoners"] and t.check == "match" and t.areas and len(t.areas) == 1]
    assert len(turns) >= 15
    for q, t in turns:
        code = t.areas[0]
        gm = code if code.startswith("GM") else "GM" + code[2:6]
        raw = latest[gm].loc[code, "AantalInwoners_5"]
        want = _dutch(float(raw)) if q.lang == "nl" else f"{float(raw):,.0f}"
        assert t.figure == want, (q.id, code, raw, t.figure)


def test_threshold_lists_match_pandas(real_data: Path) -> None:
    dh = _csv(real_data, DH19)
    qs = [q for q in build_battery(real_data) if q.category == "threshold" and q.section == "den_haag"
          and "laag inkomen" in q.text]
    assert qs
    for q in qs:
        t = float(re.search(r"meer dan ([\d,]+)%", q.text).group(1).replace(",", "."))  # type: ignore[union-attr]
        wijken = dh[dh["SoortRegio_2"] == "Wijk"]
        col = pd.to_numeric(wijken["HuishoudensMetEenLaagInkomen_78"].where(lambda s: s != "."), errors="coerce")
        assert len(q.turns[0].mentions) == int((col > t).sum())


def test_judge_fails_a_wrong_reading_and_passes_the_right_one() -> None:
    turn = BTurn("Hoeveel Wmo-cliënten per 1.000 inwoners zijn er in X?", "match", ["WK051829"], ["wmo_per_1000"],
                 r"value", "GM0518")
    right = Answer(question=turn.question, areas=["WK051829"], indicators=["wmo_per_1000"], answer="82 per 1.000")
    wrong = right.model_copy(update={"indicators": ["wmo_clienten"]})
    assert judge(turn, right, "value") == ""
    assert judge(turn, wrong, "value") == "indicator"
    assert judge(turn, right.model_copy(update={"answer": ""}), "value") == "empty answer"
    unknown = BTurn("Hoeveel inwoners heeft Zonnewijk?", "unknown", [], None, None, "GM0518")
    silent = Answer(question="q", areas=["GM0518"], answer="Den Haag heeft 548.320 inwoners.",
                    facts=[Fact(id="F1", kind="value", text="t", value=548320.0, area_code="GM0518")])
    assert judge(unknown, silent, "value").startswith("figures of")


@pytest.mark.parametrize("rel", [DH19, AMS19])
def test_every_gold_area_code_is_in_its_file(real_data: Path, rel: str) -> None:
    codes = set(_csv(real_data, rel).index)
    gm = "GM0518" if rel == DH19 else "GM0363"
    section = "den_haag" if rel == DH19 else "amsterdam"
    for q in build_battery(real_data):
        for t in q.turns:
            if q.section == section and t.areas:
                assert set(t.areas) <= codes, (q.id, t.areas)
                assert all(a.startswith(("WK" + gm[2:], "BU" + gm[2:], gm)) for a in t.areas)
