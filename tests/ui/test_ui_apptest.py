"""The Streamlit page (AppTest, no browser) against the real API in-process, demo data, DUIDING_LLM=fake."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from streamlit.testing.v1 import AppTest
from support.paths import ROOT

from assistant.api.app import create_app
from assistant.cli.launcher import default_area, ensure_demo
from assistant.core.settings import Settings
from assistant.deps import Deps
from assistant.llm.base import FakeLLM
from assistant.wiring import build_deps, build_story_search
from ui.client import DuidingClient

APP = ROOT / "ui" / "app.py"
QUESTION = "Is de jeugdzorg in Weverskwartier hoog?"
CHECKED = "✓ alle cijfers gecontroleerd"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo")
    assert ensure_demo(Settings(data_dir=data_dir, llm="fake", embedder="fake"))
    return data_dir


@pytest.fixture
def deps(demo_dir: Path) -> Deps:
    settings = Settings(data_dir=demo_dir, llm="fake", embedder="fake")
    deps = build_deps(settings)
    deps.stories_search = build_story_search(settings, deps)
    return deps


@pytest.fixture
def app(deps: Deps, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("DUIDING_DEFAULT_AREA", "Weverskwartier")
    at = AppTest.from_file(str(APP), default_timeout=60)
    with TestClient(create_app(deps)) as http:
        at.session_state["client"] = DuidingClient(http=http)
        at.run()
        assert not at.exception
        yield at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input(key="question").set_value(question).run()
    assert not at.exception, at.exception
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def chart_marks(at: AppTest) -> set[str]:
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    return {layer["mark"]["type"] for spec in specs for layer in spec.get("layer", [])}


def last_answer(at: AppTest) -> dict:
    return at.session_state["turns"][-1]["answer"]


def test_opens_with_the_demo_wijk_in_view_and_the_llm_state(app: AppTest) -> None:
    assert app.sidebar.selectbox(key="area").value == "WK990110"
    assert app.sidebar.radio(key="audience").value == "jongerenwerker"
    assert app.sidebar.radio(key="audience").options == ["Jongerenwerker", "Beleidsmedewerker", "Trainer"]
    status = " ".join(c.value for c in app.sidebar.caption)
    assert "fake" in status and "bereikbaar" in status
    assert "de cijfers komen uit de tabellen" in status  # what the model is for, in plain Dutch
    assert any("deze wijk" in b.label for b in app.button)  # example questions to start with


def test_chat_shows_facts_then_checked_text_badge_charts_sources_and_terms(app: AppTest) -> None:
    ask(app, QUESTION)
    text = markdown(app)
    answer = last_answer(app)
    value = next(f for f in answer["facts"] if f["kind"] == "value")
    figure = re.search(r"\d+,\d%", value["text"])
    assert answer["lead"] and answer["lead"].splitlines()[0] in text  # the lead first, as the composer wrote it
    assert figure and figure.group() in text and f"[{value['id']}]" in text  # the value fact, cited
    assert answer["llm_text"] and answer["llm_text"] in text  # the checked LLM part, after the facts
    assert [s.value for s in app.success] == [CHECKED]
    assert {"bar", "tick"} <= chart_marks(app)  # the area against its references, and among its siblings
    sources = next(e for e in app.expander if e.label.startswith("Bronnen"))
    source_text = "\n".join(m.value for m in sources.markdown)
    assert "**[F1]**" in source_text and "`jeugdzorg_pct`" in source_text
    assert "Weverskwartier (WK990110)" in source_text and "2023" in source_text
    assert "Bron: Demo Duinhaven" in source_text
    terms = {e.label for e in app.expander}
    assert {g["term"] for g in answer["glossary"]} <= terms and answer["glossary"]


def test_stories_show_in_the_sources_with_wijk_date_role_and_signifiers(app: AppTest) -> None:
    ask(app, QUESTION)
    ask(app, "Wat vertellen bewoners van Weverskwartier?")
    stories = last_answer(app)["stories"]
    assert stories, "a question about residents' stories returned none"
    sources = [e for e in app.expander if e.label.startswith("Bronnen")][-1]  # of the last answer
    source_text = "\n".join(m.value for m in sources.markdown)
    for story in stories:
        assert f"**[{story['id']}]** “{story['text']}”" in source_text
        assert f"_Weverskwartier · {story['date']} · {story['role']}" in source_text
    assert "gevoel: " in source_text


def test_deze_wijk_and_the_year_come_from_the_sidebar(app: AppTest) -> None:
    app.sidebar.selectbox(key="area").set_value("WK990111").run()
    year = app.sidebar.selectbox(key="year-WK990111")
    assert year.options == ["Nieuwste", "2023", "2022", "2021", "2020", "2019"]
    year.set_value(2021).run()
    ask(app, "Is de jeugdzorg in deze wijk hoog?")
    assert last_answer(app)["areas"] == ["WK990111"] and last_answer(app)["years"] == [2021]
    assert "Jongeren met jeugdzorg in Lindenhove (2021)" in markdown(app)


def test_audience_switch_reaches_the_api_and_the_prompt(app: AppTest, deps: Deps) -> None:
    app.sidebar.radio(key="audience").set_value("beleid").run()
    ask(app, QUESTION)
    assert last_answer(app)["audience"] == "beleid"
    assert any("Beleidsmedewerker" in c.value for c in app.caption)
    assert isinstance(deps.llm, FakeLLM)
    assert "beleidsmedewerkers" in deps.llm.history[-1][0]["content"]


def test_follow_up_keeps_the_conversation(app: AppTest) -> None:
    ask(app, QUESTION)
    first = last_answer(app)["conversation_id"]
    ask(app, "en in Lindenhove?")
    answer = last_answer(app)
    assert answer["areas"] == ["WK990111"] and answer["conversation_id"] == first
    assert "Jongeren met jeugdzorg in Lindenhove" in markdown(app)
    suggestion = app.button(key="turn1-follow-0")
    assert "Lindenhove" in suggestion.label
    suggestion.click().run()
    assert len(app.session_state["turns"]) == 3
    assert last_answer(app)["conversation_id"] == first
    assert "line" in chart_marks(app)  # "Hoe is dit veranderd in Lindenhove?" draws the trend


def test_clarify_offers_the_candidates_and_a_click_answers(app: AppTest) -> None:
    ask(app, "Hoeveel eenpersoonshuishoudens in Kerkbuurt?")
    assert "Welk gebied bedoel je?" in markdown(app)
    assert not app.success and not app.get("vega_lite_chart")
    labels = [b.label for b in app.button if b.key and "clarify" in b.key]
    assert labels == ["Kerkbuurt (buurt in Oude Haven)", "Kerkbuurt (buurt in Polderpoort)"]
    app.button(key="turn0-clarify-1").click().run()
    answer = last_answer(app)
    assert answer["areas"] == ["BU99011301"] and answer["facts"]
    assert "Kerkbuurt (buurt in Polderpoort)" in markdown(app)


def test_no_data_answer_says_so_and_draws_no_zero(app: AppTest) -> None:
    ask(app, "Is de jeugdzorg in Paviljoenweg hoog?")
    assert "is geheim" in markdown(app)
    assert [f["kind"] for f in last_answer(app)["facts"]] == ["no_data"]
    assert not app.get("vega_lite_chart")
    assert any("geheim" in c.value for c in app.caption)  # the notice


def test_unknown_area_is_a_plain_answer(app: AppTest) -> None:
    ask(app, "Hoeveel jongeren wonen er in Atlantis?")
    assert "Ik ken 'Atlantis' niet in de geladen cijfers" in markdown(app)
    assert not app.success and not app.warning


def test_wrong_llm_numbers_fall_back_to_the_facts_with_a_notice(app: AppTest, deps: Deps) -> None:
    assert isinstance(deps.llm, FakeLLM)
    good = "Jongeren met jeugdzorg in Weverskwartier (2023): 18,0% van de jongeren tot 23 jaar [F1]."
    wrong = " In Weverskwartier krijgt 99,9% van de jongeren jeugdzorg [F1]."
    deps.llm.enqueue(good + wrong)  # one checked sentence is shown, then a reset takes it away again
    deps.llm.enqueue(wrong)  # the one retry fails too
    ask(app, QUESTION)
    assert [w.value for w in app.warning] == ["terugval op feitenantwoord"]
    assert not app.success
    assert "99,9" not in markdown(app)
    assert not any("Jongerenwerker · taalmodel" in c.value for c in app.caption)  # no LLM part left
    assert any("feitenantwoord" in c.value for c in app.caption)


def test_english_interface(app: AppTest) -> None:
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.sidebar.radio(key="audience").options == ["Youth worker", "Policy officer", "Trainer"]
    ask(app, "Is youth care in Weverskwartier high?")
    assert [s.value for s in app.success] == ["✓ all numbers checked"]
    assert any(e.label.startswith("Sources") for e in app.expander)


def test_launcher_preselects_the_wijk_with_the_most_stories(demo_dir: Path) -> None:
    settings = Settings(data_dir=demo_dir, llm="fake", embedder="fake")
    assert default_area(settings) == "WK990110"
    assert default_area(settings.model_copy(update={"default_area": "Lindenhove"})) == "Lindenhove"
    assert not ensure_demo(settings)  # loaded once; never overwrites a data dir with figures


def test_api_down_says_how_to_start_it(monkeypatch: pytest.MonkeyPatch) -> None:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state["client"] = DuidingClient("http://127.0.0.1:9")
    at.run()
    assert "niet bereikbaar" in at.error[0].value and "duiding run" in at.error[0].value
