"""The output guards (assistant/guards.py) on their own: what they catch, and no false alarms on honest text.

Honest text here is what a good answer repeats: every fact sentence Duiding computes for the demo city
(Dutch and English) and every glossary definition. None of it may trip a guard.
"""

from __future__ import annotations

import re

import pytest

from assistant.check.guards import LeakGuard, inert_markdown, language_problem, markup_problem
from assistant.core import registry
from assistant.core.settings import Settings
from assistant.facts.build import FactRequest, build_facts
from assistant.llm.prompting import USER_MARKER, build_messages, load_prompt
from retrieval.demo.city import load_demo
from retrieval.glossary.entries import Glossary
from retrieval.tables.store import IndicatorStore

AUDIENCES = registry.names("audience")


@pytest.fixture(scope="module")
def honest() -> tuple[list[str], list[str]]:
    """(Dutch, English) sentences: demo-city facts for a wijk and a buurt per stadsdeel, and the glossary."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        store = IndicatorStore(Path(tmp))
        load_demo(store)
        data = store.load()
    codes = ["WK990101", "WK990106", "WK990110", "WK990116", "BU99010302", "BU99011004", "GM9901"]
    facts = build_facts(data, FactRequest(areas=codes, indicators=sorted(data.values["indicator"].unique()),
                                          trend=True), Settings()).facts
    glossary = list(Glossary.load())
    nl = [f.text for f in facts] + [g.definition for g in glossary] + [g.mistake for g in glossary]
    en = [f.text_en for f in facts if f.text_en] + [g.definition_en for g in glossary]
    assert len(nl) > 300 and len(en) > 200
    return nl, en


def test_no_language_alarm_on_honest_dutch_or_english(honest: tuple[list[str], list[str]]) -> None:
    nl, en = honest
    assert [s for s in nl if language_problem(s, "nl")] == []
    assert [s for s in en if language_problem(s, "en")] == []


def test_no_leak_or_markup_alarm_on_honest_sentences_with_a_citation(honest: tuple[list[str], list[str]]) -> None:
    guards = [LeakGuard(build_messages(a, "vraag", [], [], [])[0]["content"]) for a in AUDIENCES]
    nl, en = honest
    cited = [f"{s.rstrip('.')} [F1]." for s in nl + en]
    assert [s for s in cited for g in guards if g.problem(s)] == []
    assert [s for s in cited if markup_problem(s)] == []


@pytest.mark.parametrize(("sentence", "lang"), [
    ("In Oosterkade, 19.3% of households have a low income [F1].", "nl"),
    ("Poverty here is much higher than in the city [F2].", "nl"),
    ("In Oosterkade heeft 19,3% van de huishoudens een laag inkomen [F1].", "en"),
])
def test_a_sentence_in_the_other_language_is_caught(sentence: str, lang: str) -> None:
    assert language_problem(sentence, lang)


def test_a_quoted_story_does_not_count_as_the_other_language() -> None:
    assert language_problem('A resident says: "ik zie de ouderen uit mijn portiek bijna niet meer" [S1].', "en") is None


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_rule_of_every_system_prompt_is_caught_when_recited(audience: str) -> None:
    system = build_messages(audience, "vraag", [], [], [])[0]["content"]
    guard = LeakGuard(system)
    rules = [line.strip("- ").strip() for line in load_prompt(audience).partition(USER_MARKER)[0].splitlines()
             if len(line.split()) >= 6]
    assert rules and [r for r in rules if not guard.problem(r)] == []


def test_imitating_the_worked_example_is_not_a_leak() -> None:
    system = build_messages("jongerenwerker", "vraag", [], [], [])[0]["content"]
    example = system.split("\nVoorbeeld:", 1)[1]
    assert "Antwoord:" in example  # the example is part of the system message
    answer = example.split("Antwoord:", 1)[1]
    assert [s for s in re.split(r"(?<=[.!?])\s+", answer.strip()) if LeakGuard(system).problem(s)] == []


@pytest.mark.parametrize("text", [
    "![x](http://evil.example/p.png)", "[klik](https://phish.example)", "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>", "zie www.evil.example", "javascript:alert(1)", "data:text/html;base64,PGI+",
])
def test_links_images_and_html_are_caught_and_made_inert(text: str) -> None:
    assert markup_problem(f"Kijk hier {text} [S1].")
    inert = inert_markdown(text)
    assert markup_problem(inert) is None or "javascript:" in inert or "data:" in inert
    assert "](" not in inert and "![" not in inert and "<" not in inert and "://" not in inert


def test_inert_markdown_keeps_ordinary_story_text_as_it_is() -> None:
    text = "Sinds de buurtkamer dicht is, zie ik [naam] bijna niet meer. 's Avonds is het stil (heel stil)!"
    assert inert_markdown(text) == text


def test_a_sentence_naming_a_place_the_facts_do_not_name_is_stopped() -> None:
    from assistant.check.guards import PlaceGuard
    from assistant.check.references import References

    names = ["Moerwijk", "Weverskwartier", "Den Haag", "Oost", "Oosterkade"]
    guard = PlaceGuard(References({name: name for name in names}),
                       "Moerwijk 11,5% en Den Haag 10,8%. In Oosterkade is het 9%.")
    assert guard.problem("Moerwijk ligt hoger dan Den Haag [F2].") is None
    assert "Weverskwartier" in (guard.problem("Moerwijk ligt hoger dan Weverskwartier [F5].") or "")
    assert guard.problem("In Oosterkade is het lager [F3].") is None  # 'Oost' inside a longer name
    assert guard.problem("Een bewoner zei: “Weverskwartier is anders” [S1].") is None  # quoted story text
