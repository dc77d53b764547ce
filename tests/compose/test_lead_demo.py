"""Golden leads on the demo city, every question kind x audience: the first sentences answer the question.

The expected figure, verdict and winner are computed with pandas from the demo CSVs (retrieval/data/demo),
or, for the kinds over many figures, from the rank and quartile facts' own numbers; never from the lead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.lead import (
    Ask,
    asker,
    assert_verdict,
    cited,
    demo_peers,
    demo_value,
    natural,
    opening,
    sentences,
    verdict_of,
)

from assistant.core.settings import Settings
from assistant.pipeline import AnswerService
from assistant.schemas import Answer
from assistant.wiring import build_deps, build_story_search

AUDIENCES = ("jongerenwerker", "beleid", "trainer")
YEAR = 2023


@pytest.fixture(scope="module")
def ask(demo_base: Path) -> Ask:
    settings = Settings(data_dir=demo_base, llm="none", embedder="fake")
    deps = build_deps(settings, with_llm=False)
    deps.stories_search = build_story_search(settings, deps)
    return asker(AnswerService(deps))


def check_register(answer: Answer, audience: str) -> None:
    """Every register opens with the lead; each then has its own shape."""
    lead = answer.lead
    assert lead and opening(answer).removeprefix("**Kern**\n").startswith(lead), "the answer opens with its lead"
    ids = {f.id for f in answer.facts}
    assert cited(lead) and set(cited(lead)) <= ids, f"every number in the lead is cited: {lead}"
    if audience == "jongerenwerker":
        before = opening(answer)
        assert len(sentences(before)) <= 5, before
        assert "Wat kun je ermee: " in before or "What you can do with it: " in before
    elif audience == "beleid":
        kern = answer.deterministic.split("**Kern**\n", 1)[1].split("\n\n")[0]
        assert kern == lead
        heads = re.findall(r"^\*\*(.+?)\*\*$", answer.deterministic, re.M)
        order = [h for h in heads if h in ("Kern", "Onderbouwing", "Uit de wijk", "Let op",
                                           "Vervolgvragen voor opdrachtgever")]
        assert order == sorted(order, key=["Kern", "Onderbouwing", "Uit de wijk", "Let op",
                                           "Vervolgvragen voor opdrachtgever"].index), heads
        assert order[0] == "Kern" and order[-1] == "Vervolgvragen voor opdrachtgever"
    else:
        fresh = [g for g in answer.glossary]
        if fresh:
            assert "**Veelgemaakte fout**" in answer.deterministic and "**Controlevraag**" in answer.deterministic
            mistake = answer.deterministic.split("**Veelgemaakte fout**\n", 1)[1].split("\n\n")[0]
            assert mistake in {g.mistake for g in answer.glossary}, "the misreading is the glossary's own"


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "area", "indicator"), [
    ("Hoeveel jongeren in Weverskwartier hebben jeugdzorg?", "WK990110", "jeugdzorg_pct"),
    ("Hoeveel procent van de huishoudens in Oosterkade heeft een laag inkomen?", "WK990116", "laag_inkomen_pct"),
    ("Hoeveel Wmo-cliënten per 1.000 inwoners zijn er in Molenwijk?", "WK990112", "wmo_per_1000"),
    ("Hoeveel inwoners heeft Lindenhove?", "WK990111", "inwoners"),
])
def test_value_lead_gives_the_figure_in_words_and_the_verdict_of_the_facts(ask: Ask, audience: str, question: str,
                                                                           area: str, indicator: str) -> None:
    answer = ask(question, audience)
    check_register(answer, audience)
    first, second = sentences(answer.lead)[:2]
    value = demo_value(area, indicator, YEAR)
    unit = {"jeugdzorg_pct": "percent", "laag_inkomen_pct": "percent", "wmo_per_1000": "per_1000"}.get(indicator)
    if unit:
        assert natural(value, unit) in first, first
    else:
        assert f"{int(value):,}".replace(",", ".") in first  # a count stays a count, no natural frequency
    decimals = 1 if unit == "percent" else 0
    assert_verdict(second, verdict_of(demo_peers(indicator, YEAR), area, decimals))
    city = demo_value("GM9901", indicator, YEAR)
    if unit:  # the telling comparison is with the gemeente, in the right direction
        word = "hoger" if round(value, decimals) > round(city, decimals) else "lager"
        assert f"{word} dan in heel Duinhaven" in second, second
        assert "procentpunt" not in answer.lead or "%" not in second.split("procentpunt")[0][-12:]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_area_against_area_says_which_is_higher(ask: Ask, audience: str) -> None:
    answer = ask("Is de jeugdzorg in Molenwijk hoger dan in Bloemendries?", audience)
    check_register(answer, audience)
    a, b = demo_value("WK990112", "jeugdzorg_pct", YEAR), demo_value("WK990120", "jeugdzorg_pct", YEAR)
    first, second = sentences(answer.lead)[:2]
    assert natural(a, "percent") in first and natural(b, "percent") in first
    assert f"Molenwijk is daarmee {'hoger' if a > b else 'lager'} dan in Bloemendries" in second


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize(("question", "highest"), [("Welke wijk heeft de hoogste jeugdzorg?", True),
                                                   ("Welke wijk heeft de minste jeugdzorg?", False)])
def test_rank_lead_names_the_winner_from_the_data(ask: Ask, audience: str, question: str, highest: bool) -> None:
    answer = ask(question, audience)
    check_register(answer, audience)
    peers = demo_peers("jeugdzorg_pct", YEAR)
    winner = peers.idxmax() if highest else peers.idxmin()
    names = {"WK990110": "Weverskwartier", "WK990117": "Nieuw Wederik"}
    first = sentences(answer.lead)[0]
    assert first.startswith(names.get(winner, winner)), first
    assert ("hoogste" if highest else "laagste") in first and natural(peers[winner], "percent") in first
    assert natural(demo_value("GM9901", "jeugdzorg_pct", YEAR), "percent") in sentences(answer.lead)[1]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_share_lead_is_the_share_in_natural_frequencies(ask: Ask, audience: str) -> None:
    answer = ask("Hoeveel mensen zitten in de bijstand in Polderpoort?", audience)
    check_register(answer, audience)
    share = demo_value("WK990113", "bijstand", YEAR) / demo_value("WK990113", "inwoners", YEAR) * 100
    assert natural(share, "percent") + " inwoners" in sentences(answer.lead)[0]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_trend_lead_says_the_direction_of_the_data(ask: Ask, audience: str) -> None:
    answer = ask("Is de jeugdzorg in het Weverskwartier gestegen sinds 2019?", audience)
    check_register(answer, audience)
    before, now = demo_value("WK990110", "jeugdzorg_pct", 2019), demo_value("WK990110", "jeugdzorg_pct", YEAR)
    first = sentences(answer.lead)[0]
    assert ("gestegen" if round(now, 1) > round(before, 1) else "gedaald") in first and "2019" in first
    assert_verdict(sentences(answer.lead)[1], verdict_of(demo_peers("jeugdzorg_pct", YEAR), "WK990110", 1))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_profile_lead_names_only_figures_outside_the_middle_group(ask: Ask, audience: str) -> None:
    answer = ask("Hoe gaat het met Molenwijk?", audience)
    assert answer.lead.startswith("Wat opvalt in Molenwijk")
    by_id = {f.id: f for f in answer.facts}
    for sentence in re.split(r"(?<=\.)\s+", answer.lead):
        side = "high" if "hoogste kwart" in sentence else "low" if "laagste kwart" in sentence else None
        for fid in cited(sentence):
            spread = by_id[fid]
            low, high = (n.value for n in spread.numbers if n.role == "quartile")
            shown = round(spread.value or 0.0, spread.decimals)
            assert spread.kind == "spread" and (shown > high if side == "high" else shown < low), sentence


@pytest.mark.parametrize("audience", AUDIENCES)
def test_need_lead_names_the_first_three_of_the_ranking(ask: Ask, audience: str) -> None:
    answer = ask("Waar is een ouderenconsulent het meest nodig?", audience)
    ranked = sorted((f for f in answer.facts if f.kind == "list" and f.value is not None), key=lambda f: f.value or 0)
    first = sentences(answer.lead)[0]
    assert cited(answer.lead)[:3] == [f.id for f in ranked[:3]]
    assert first.startswith("Voor de ouderenconsulent") and "niet waar hulp het beste werkt" in answer.lead


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_data_lead_says_so_and_gives_no_figure(ask: Ask, audience: str) -> None:
    answer = ask("Wat is de WOZ-waarde in Weverskwartier in 2030?", audience)
    assert "geen cijfers" in answer.lead and not re.search(r"\d+,\d|€", answer.lead)
    assert "Wat kun je ermee" not in answer.deterministic


def test_english_question_gets_an_english_lead(ask: Ask) -> None:
    answer = ask("What share of households in Oosterkade has a low income?", "jongerenwerker")
    value = demo_value("WK990116", "laag_inkomen_pct", YEAR)
    assert natural(value, "percent", "en") in answer.lead
    assert_verdict(answer.lead, verdict_of(demo_peers("laag_inkomen_pct", YEAR), "WK990116", 1), "en")
    assert not re.search(r"\b(ongeveer|hoort|wijken|Wat kun je)\b", answer.deterministic)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_follow_up_leads_with_the_new_area(ask: Ask, audience: str) -> None:
    answer = ask("Hoeveel procent van de huishoudens in Oosterkade heeft een laag inkomen?", audience,
                 "En in Veenpark?")
    first, second = sentences(answer.lead)[:2]
    assert "Veenpark" in first and natural(demo_value("WK990119", "laag_inkomen_pct", YEAR), "percent") in first
    assert_verdict(second, verdict_of(demo_peers("laag_inkomen_pct", YEAR), "WK990119", 1))


def test_english_trainer_gets_the_glossarys_english_misreading(ask: Ask) -> None:
    answer = ask("Is youth care in Molenwijk higher than in Bloemendries?", "trainer")
    mistake = answer.deterministic.split("**Common mistake**\n", 1)[1].split("\n\n")[0]
    assert mistake in {g.mistake_en for g in answer.glossary if g.mistake_en}
    assert "**Check question**" in answer.deterministic and "Veelgemaakte" not in answer.deterministic
