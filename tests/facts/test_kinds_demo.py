"""New kinds on the demo city Duinhaven: need ranking (expected from the demo CSV), profile, ask-back rules."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.api import make_app
from support.paths import ROOT

from assistant.pipeline import AnswerService
from assistant.schemas import Question
from assistant.story_search import story_search
from assistant.understand.comparatives import find_comparative
from assistant.understand.filters import find_rule
from assistant.understand.model import Understanding
from assistant.understand.needs import find_need
from assistant.understand.scope import resolve_scope
from retrieval.tables.areas import AreaRef

DEMO = ROOT / "retrieval" / "data" / "demo"


def _ask(data_dir: Path, text: str, audience: str = "jongerenwerker"):  # type: ignore[no-untyped-def]
    deps = make_app(data_dir, llm=None)[1]
    deps.stories_search = story_search(deps.settings, deps.store)  # the real retriever (fake embedder)
    return AnswerService(deps).ask(Question(question=text, audience=audience))  # type: ignore[arg-type]


def test_need_ranking_on_the_demo_city(demo_dir: Path) -> None:
    values = pd.read_csv(DEMO / "values.csv", comment="#")
    areas = pd.read_csv(DEMO / "areas.csv", comment="#").drop_duplicates("area_code")
    wijken = set(areas.loc[areas["level"] == "wijk", "area_code"])
    v = values[values["area_code"].isin(wijken) & ~values["suppressed"]]
    latest = v[v["year"] == v["year"].max()].pivot(index="area_code", columns="indicator", values="value")
    parts = pd.DataFrame({"a": latest["leeftijd_15_25"] / latest["inwoners"].where(latest["inwoners"] > 0) * 100,
                          "b": latest["jeugdzorg_pct"], "c": latest["kinderen_in_armoede_pct"],
                          "d": latest["laag_inkomen_pct"]})
    ranks = parts.rank(method="min", ascending=False).dropna()
    names = areas.set_index("area_code")["area_name"]
    order = pd.DataFrame({"mean": ranks.mean(axis=1), "name": names[ranks.index]}).sort_values(["mean", "name"])
    result = _ask(demo_dir, "Waar is jongerenwerk het hardst nodig?")
    rows = [f for f in result.answer.facts if f.kind == "list" and f.area_code in wijken]
    assert [f.area_code for f in rows] == order.index[:5].tolist()
    assert result.understanding.kind == "need" and "Waarom deze cijfers" in result.answer.deterministic
    assert result.answer.stories, "stories from the listed wijken are offered"
    assert {s.area_code for s in result.answer.stories} <= {f.area_code for f in rows}


def test_profile_on_the_demo_city_is_never_empty(demo_dir: Path) -> None:
    result = _ask(demo_dir, "Hoe gaat het met Oude Haven?", "beleid")
    own = [f for f in result.answer.facts if f.area_code == "WK990101" and f.kind in ("value", "comparison")]
    assert result.understanding.kind == "profile" and len(own) >= 8
    assert "Oude Haven" in result.answer.deterministic and "Ontwikkeling" in result.answer.deterministic


@pytest.mark.parametrize(("text", "indicator", "superlative"), [
    ("Is Vogelwijk rijker dan Moerwijk?", "inkomen_per_inwoner", False),
    ("Welke wijk is de rijkste?", "inkomen_per_inwoner", True),
    ("Is Loosduinen grijzer dan Ypenburg?", "leeftijd_65_plus", False),
    ("Which district is the oldest?", "leeftijd_65_plus", True),
    ("Is Moerwijk poorer than Ypenburg?", "laag_inkomen_pct", False),
    ("Is het centrum drukker dan Noord?", "bevolkingsdichtheid", False),
])
def test_comparative_words(text: str, indicator: str, superlative: bool) -> None:
    loaded = {"inkomen_per_inwoner", "leeftijd_65_plus", "laag_inkomen_pct", "bevolkingsdichtheid"}
    c = find_comparative(text, loaded)
    assert c is not None and c.indicators[0] == indicator and c.superlative == superlative


def test_need_words_and_rules() -> None:
    assert find_need("waar moet de ouderenconsulent extra ingezet worden?").key == "ouderenconsulent"  # type: ignore[union-attr]
    assert find_need("Waar is schuldhulp het meest nodig?").key == "schuldhulp"  # type: ignore[union-attr]
    assert find_need("Wat doet een ouderenconsulent?") is None
    assert find_need("Waar wonen de meeste ouderen?") is None
    assert find_rule("Welke wijken hebben meer dan 20% laag inkomen?").threshold == 20  # type: ignore[union-attr]
    assert find_rule("Hoeveel jeugdzorg is er in Moerwijk sinds 2019?") is None


def test_many_gemeenten_and_none_named_asks_back() -> None:
    refs = [AreaRef(f"GM000{i}", f"Stad {i}", "gemeente", "NL00") for i in range(1, 5)]
    scope = resolve_scope(Understanding(question="Welke wijk is het hoogst?"), refs, None, None)
    assert scope.how == "ask" and len(scope.gemeenten) == 4
    assert resolve_scope(Understanding(question="x"), refs[:2], None, None).how == "per_gemeente"
    assert resolve_scope(Understanding(question="x"), refs, refs[2], None).gemeenten == [refs[2]]
