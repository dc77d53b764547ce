"""The evaluation harness: question sets, gold computed from the sources, and a small end-to-end run."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from support.paths import ROOT

from eval.gold_demo import demo_gold
from eval.gold_demo_questions import HEADER, OUT, build
from eval.gold_questions import QUESTION_TYPES, load_yaml, render_yaml

REQUIRED_KEYS = {"numeric_faithfulness", "raw_llm_faithfulness", "wrong_direction_rate", "refusal_accuracy",
                 "coverage", "understanding_accuracy", "story_recall_at_5", "fallback_rate", "readability",
                 "latency_ms", "n_questions", "backend", "set"}
GEMEENTE_DH = "GM0518"
GLOSSARY = ROOT / "retrieval" / "data" / "glossary.yaml"


def test_demo_questions_are_materialised_and_up_to_date() -> None:
    fresh = render_yaml(build(), HEADER)
    assert OUT.read_text(encoding="utf-8") == fresh, "run python -m eval.gold_demo_questions --write"


def test_demo_question_set_shape() -> None:
    qs = load_yaml(OUT, "demo")
    langs = Counter(q.lang for q in qs)
    assert langs["nl"] >= 150 and 15 <= langs["en"] <= 30
    assert len({q.id for q in qs}) == len(qs)
    assert set(Counter(q.type for q in qs)) == set(QUESTION_TYPES) - {"zero_population"}
    kerk = [q for q in qs if "Kerkbuurt" in q.turns[0].question]
    assert kerk and all(q.turns[0].expect.clarify for q in kerk)
    molen = [q for q in qs if q.type == "ambiguous" and "Molenwijk" in q.text]
    assert molen and all(q.turns[0].expect.areas == ["WK990112"] and not q.turns[0].expect.clarify for q in molen)
    assert any(len(q.turns) >= 3 for q in qs if q.type == "follow_up")


def test_demo_gold_matches_the_generator_truth() -> None:
    qs = {q.turns[0].question: q.turns[0].expect for q in load_yaml(OUT, "demo")}
    wev = qs["Is 18% jeugdzorg in het Weverskwartier veel?"]
    assert [n.shown for n in wev.numbers] == ["18,0%", "10,3%", "+7,7 procentpunt"]
    truth = json.loads((OUT.parent / "demo_ground_truth.json").read_text(encoding="utf-8"))
    assert wev.numbers[0].value == truth["values"]["WK990110"]["jeugdzorg_pct"]["2023"]
    lonely = qs["Waar wonen de meeste eenzame ouderen?"]
    assert lonely.mentions == ["Lindenhove"]
    assert qs["Hoeveel procent jeugdzorg is er in Bastion?"].refusal
    assert demo_gold().value("BU99010303", "jeugdzorg_pct", 2023) is None


def test_expected_terms_exist_in_the_glossary() -> None:
    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    known = {t.casefold() for e in entries for t in [e["term"], *e.get("aliases", [])]}
    wanted = {t for q in load_yaml(OUT, "demo") for turn in q.turns for t in turn.expect.terms}
    assert wanted and {t for t in wanted if t.casefold() not in known} == set()


def test_real_gold_from_the_csvs(real_data: Path) -> None:
    from eval.gold_real import real_gold
    from eval.questions_real import build as build_real

    g = real_gold(real_data)
    assert (g.value("WK051836", "jeugdzorg_pct", 2019), g.value("GM0518", "jeugdzorg_pct", 2019)) == (11.5, 10.8)
    assert (g.value("WK051829", "laag_inkomen_pct", 2019), g.value(GEMEENTE_DH, "laag_inkomen_pct", 2019)) == (
        26.4, 12.4)
    assert (g.value("WK051842", "inwoners", 2019), g.value("WK051842", "inwoners", 2021)) == (27220, 27050)
    assert g.value("WK051801", "inwoners", 2021) == 0 and g.value("WK051801", "jeugdzorg_pct", 2019) is None
    qs = build_real(real_data)
    assert len(qs) >= 60 and sum(q.lang == "en" for q in qs) >= 5
    moerwijk = next(q for q in qs if q.text == "Is de jeugdzorg in Moerwijk hoger dan in heel Den Haag?")
    assert [n.shown for n in moerwijk.turns[0].expect.numbers] == ["11,5%", "10,8%", "+0,7 procentpunt"]
    top = next(q for q in qs if q.text == "Welke wijk heeft de hoogste jeugdzorg?")
    assert top.turns[0].expect.scope == ["WK051839"]


@pytest.mark.parametrize("backend", ["none", "fake"])
def test_harness_runs_on_a_small_subset(backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eval.run import run_eval

    monkeypatch.setenv("DUIDING_EMBEDDER", "fake")
    lines: list[str] = []
    summary = run_eval("demo", backend, limit=12, out_dir=tmp_path, progress=lines.append, retrieval=False)
    assert set(summary) >= REQUIRED_KEYS
    assert summary["n_questions"] == 12 and summary["backend"] == backend and summary["set"] == "demo"
    assert sum(line.startswith("[demo") for line in lines) == 12
    reports = sorted(p.suffix for p in tmp_path.iterdir())
    assert reports == [".json", ".md"]
    data = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert len(data["turns"]) >= 12 and not [t for t in data["turns"] if t["error"]]
    assert summary["numeric_faithfulness"]["numbers"] > 0
    value = summary["llm_value"]
    assert value["n"] == len(data["turns"]) and sum(value["classes"].values()) == value["n"]
    if backend == "fake":
        assert summary["raw_llm_faithfulness"]["numbers"] > 0 and summary["fallback_rate"] is not None
        assert value["classes"]["none"] == 0 and value["classes"]["repeats"] > 0  # the fake echoes a fact
    else:
        assert summary["raw_llm_faithfulness"]["rate"] is None
        assert value["share_adds"] == 0 and value["classes"]["none"] == value["n"]  # 0 by definition


def _perturb(text: str) -> str:
    """Every figure off by 7-15% (or by about one unit when small); years and list markers stay."""
    import re

    from eval.metrics_numbers import NUMBER_RE, parse_number

    def shift(m: re.Match[str]) -> str:
        parsed = parse_number(m.group("num"), "nl")
        if parsed is None or (parsed[1] == 0 and 1990 <= parsed[0] <= 2030):
            return m.group(0)
        value, dec = parsed
        new = value * 1.13 if value >= 10 else value + 1.3
        shown = f"{new:,.{dec}f}".replace(",", "_").replace(".", ",").replace("_", ".")
        return m.group(0).replace(m.group("num"), shown)

    return NUMBER_RE.sub(shift, text)


def test_faithfulness_rejects_perturbed_real_answers(tmp_path: Path) -> None:
    """On real deterministic answers every number is faithful; shifted by ~13% almost none is."""
    from assistant.core.settings import Settings
    from assistant.pipeline import AnswerService
    from assistant.schemas import Question
    from assistant.wiring import build_deps
    from eval.gold_demo import GEMEENTE
    from eval.gold_pool import build_pool
    from eval.metrics import Context, quoted_passages
    from eval.metrics_faith import faithfulness
    from eval.metrics_text import remove_quoted
    from retrieval.demo.city import load_demo
    from retrieval.tables.store import IndicatorStore

    settings = Settings(data_dir=tmp_path, llm="none", embedder="fake")
    load_demo(IndicatorStore(settings.indicator_dir))
    service, ctx = AnswerService(build_deps(settings, with_llm=False)), Context.of(demo_gold(), GEMEENTE)
    totals = [0, 0, 0]  # numbers, faithful as shown, faithful after perturbing
    for q in [q for q in load_yaml(OUT, "demo") if q.type in ("value", "comparison", "trend")][:12]:
        turn = q.turns[0]
        answer = service.ask(Question(question=turn.question)).answer
        answered = [*answer.indicators, *(f.indicator for f in answer.facts if f.indicator)]
        pool = build_pool(ctx.gold, turn.expect, GEMEENTE, [*answer.areas], answered)
        text = remove_quoted(answer.answer, quoted_passages(answer))
        shown, shifted = (faithfulness(t, "nl", pool, ctx.matcher) for t in (text, _perturb(text)))
        totals = [totals[0] + shown.numbers, totals[1] + shown.faithful, totals[2] + shifted.faithful]
    assert totals[0] > 50 and totals[1] == totals[0]
    assert totals[2] / totals[0] < 0.25
