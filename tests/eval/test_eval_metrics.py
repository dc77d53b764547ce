"""The eval's own metrics on hand-made answers: wrong numbers, wrong directions, refusals, readability."""

from __future__ import annotations

import pytest

from assistant.schemas import Answer, Fact, LLMInfo
from eval.gold_demo import GEMEENTE, demo_gold
from eval.gold_questions import EvalQuestion, Expect, ExpectNumber, Turn
from eval.metrics import Context, refused, score_turn
from eval.metrics_faith import coverage
from eval.metrics_numbers import extract_numbers, parse_number
from eval.metrics_text import citations, readability, syllables
from eval.run_llm import RecordingLLM

WEV, LIN = "WK990110", "WK990111"


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context.of(demo_gold(), GEMEENTE)


def _question(expect: Expect, qtype: str = "comparison") -> EvalQuestion:
    return EvalQuestion("t-1", qtype, [Turn("Is 18% jeugdzorg in het Weverskwartier veel?", expect)])


def _expect() -> Expect:
    g = demo_gold()
    wev, city = g.value(WEV, "jeugdzorg_pct", 2023), g.value(GEMEENTE, "jeugdzorg_pct", 2023)
    assert wev is not None and city is not None
    nums = [ExpectNumber(wev, "percent", 1, "18,0%"), ExpectNumber(city, "percent", 1, "10,3%")]
    return Expect(areas=[WEV], indicators=["jeugdzorg_pct"], year=2023, numbers=nums, scope=[GEMEENTE])


def _answer(text: str, facts: list[Fact] | None = None) -> Answer:
    facts = facts if facts is not None else [
        Fact(id="F1", kind="value", text="", value=18.0, unit="percent", area_code=WEV, indicator="jeugdzorg_pct")]
    return Answer(question="q", areas=[WEV], indicators=["jeugdzorg_pct"], answer=text, facts=facts,
                  llm=LLMInfo(backend="fake"))


def _score(ctx: Context, text: str, raw: str | None = None, facts: list[Fact] | None = None):  # type: ignore[no-untyped-def]
    q = _question(_expect())
    return score_turn(q, 0, q.turns[0], _answer(text, facts), raw, ctx)


def test_right_numbers_are_faithful(ctx: Context) -> None:
    s = _score(ctx, "In het Weverskwartier heeft 18,0% van de jongeren jeugdzorg [F1]. In Duinhaven is dat 10,3%. "
                    "Dat is 7,7 procentpunt hoger dan in Duinhaven.")
    assert s.shown.numbers == 3 and s.shown.faithful == 3
    assert s.covered_numbers == 2 and s.understood is True


def test_a_wrong_number_lowers_faithfulness(ctx: Context) -> None:
    s = _score(ctx, "In het Weverskwartier heeft 19,0% van de jongeren jeugdzorg [F1]. In Duinhaven is dat 10,3%.")
    assert s.shown.numbers == 2 and s.shown.faithful == 1 and not s.shown.unit_errors
    assert s.shown.rate == 0.5 and "19,0%" in s.shown.unfaithful[0]


def test_raw_llm_text_is_scored_separately(ctx: Context) -> None:
    s = _score(ctx, "In het Weverskwartier: 18,0% [F1].", raw="In het Weverskwartier heeft 11% jeugdzorg [F1].")
    assert s.shown.rate == 1.0
    assert s.raw is not None and s.raw.rate == 0.0 and s.llm_ran


def test_percent_for_procentpunt_is_a_unit_error(ctx: Context) -> None:
    s = _score(ctx, "Het Weverskwartier zit 7,7% boven Duinhaven.")
    assert s.shown.faithful == 0 and len(s.shown.unit_errors) == 1


def test_a_wrong_direction_is_counted(ctx: Context) -> None:
    s = _score(ctx, "Het Weverskwartier heeft minder jeugdzorg dan Duinhaven. Lindenhove scoort lager dan "
                    "het Weverskwartier.")
    assert s.directions == 2 and len(s.wrong_directions) == 1
    assert "minder" in s.wrong_directions[0]


def test_trend_direction_against_gold(ctx: Context) -> None:
    g = demo_gold()
    up = (g.value(WEV, "jeugdzorg_pct", 2023) or 0) > (g.value(WEV, "jeugdzorg_pct", 2019) or 0)
    word = "gedaald" if up else "gestegen"
    s = _score(ctx, f"De jeugdzorg in het Weverskwartier is {word} van 2019 tot 2023.")
    assert s.directions == 1 and len(s.wrong_directions) == 1


def test_citations_must_exist(ctx: Context) -> None:
    s = _score(ctx, "18,0% [F1]. Zie ook [F9] en [S2].")
    assert s.citations == 3 and s.valid_citations == 1
    assert citations("a [F1, F2] b [S3]") == ["F1", "F2", "S3"]


def test_refusal_detection() -> None:
    expect = Expect(areas=["BU99010303"], indicators=["jeugdzorg_pct"], refusal=True)
    no_data = Fact(id="F1", kind="no_data", text="geheim", area_code="BU99010303", indicator="jeugdzorg_pct")
    honest = Answer(question="q", answer="Dit cijfer is geheim.", facts=[no_data])
    made_up = Answer(question="q", answer="Het is 12%.", facts=[
        Fact(id="F1", kind="value", text="", value=12.0, area_code="BU99010303", indicator="jeugdzorg_pct")])
    assert refused(honest, expect) and not refused(made_up, expect)
    unknown = Expect(areas=[], indicators=None, refusal=True)
    assert refused(Answer(question="q", answer="Ik ken geen gebied met de naam Zeeburg."), unknown)
    off_topic = Expect(areas=[LIN], indicators=[], refusal=True)
    inwoners = Fact(id="F1", kind="value", text="", value=7859, area_code=LIN, indicator="inwoners")
    assert not refused(Answer(question="q", answer="Lindenhove heeft 7.859 inwoners.", facts=[inwoners]), off_topic)


def test_number_parsing_dutch_and_english() -> None:
    assert parse_number("35.542", "nl") == (35542.0, 0)
    assert parse_number("10,8", "nl") == (10.8, 1)
    assert parse_number("10.8", "nl") == (10.8, 1)
    assert parse_number("3,374", "en") == (3374.0, 0)
    assert parse_number("1.234.567,5", "nl") == (1234567.5, 1)
    toks = extract_numbers("In 2023: 18,0% van de jongeren tot 23 jaar, +5,7 procentpunt, 71 per 1.000 "
                           "inwoners, de 6e van 20 wijken, 65-plussers, 1 op de 5 [F1]. Bron: CC BY 4.0", "nl")
    assert [(t.value, t.unit) for t in toks] == [(18.0, "%"), (5.7, "pp"), (71.0, "per1000"), (6.0, "rank"),
                                                 (20.0, ""), (5.0, "one_in")]


def test_a_stated_base_covers_an_expected_denominator_but_is_no_claim() -> None:
    text = "Weverskwartier (2023): 892 van de 11.113 (aantal inwoners). Dat is 8,0%."
    assert [t.value for t in extract_numbers(text, "nl")] == [892.0, 8.0]
    assert [t.value for t in extract_numbers(text, "nl", bases=True)] == [892.0, 11113.0, 8.0]
    expected = [ExpectNumber(11113, "count", 0, "11.113"), ExpectNumber(8.0, "percent", 1, "8,0%")]
    assert coverage(text, "nl", expected) == (2, [])


def test_readability_and_syllables() -> None:
    words = ["huis", "bijstand", "eenoudergezin", "coördinatie", "beëindigen", "jeugdzorg", "ideeën"]
    assert [syllables(w) for w in words] == [1, 2, 5, 5, 4, 2, 3]
    r = readability("Dit is kort. Dit is ook een korte zin.")
    assert r is not None and r.sentences == 2 and r.mean_sentence_length == 4.5
    words = ["Dit", "is", "kort", "Dit", "is", "ook", "een", "korte", "zin"]
    expected = 206.84 - 0.77 * (sum(syllables(w) for w in words) / len(words) * 100)
    assert r.flesch_douma == pytest.approx(expected - 0.93 * 4.5, abs=0.01)


class _Echo:
    name, model = "echo", "echo-1"

    def stream(self, messages: list[dict[str, str]]):  # type: ignore[no-untyped-def]
        yield from ["Het is ", "10,8%", " [F1]."]


def test_recording_llm_keeps_the_raw_stream() -> None:
    rec = RecordingLLM(_Echo())
    stream = rec.stream([])
    assert next(stream) == "Het is "
    stream.close()  # the gate stops early: only what was streamed is recorded
    list(rec.stream([]))
    assert rec.take() == "Het is \nHet is 10,8% [F1]."
    assert rec.take() is None


def test_a_city_figure_under_a_wijks_name_is_an_attribution_error(ctx: Context) -> None:
    s = _score(ctx, "In het Weverskwartier heeft 10,3% van de jongeren jeugdzorg [F1].",
               raw="In het Weverskwartier heeft 10,3% van de jongeren jeugdzorg [F1]. In Duinhaven is dat 10,3%.")
    assert s.shown.faithful == 0 and len(s.shown.attribution) == 1 and "10,3%" in s.shown.attribution[0]
    assert s.raw is not None and len(s.raw.attribution) == 1 and s.raw.faithful == 1
    right = _score(ctx, "In Duinhaven heeft 10,3% van de jongeren jeugdzorg.")
    assert right.shown.faithful == 1 and not right.shown.attribution


def test_story_pattern_numbers_are_gold_for_their_area_only() -> None:
    """A pattern line counted from the stories file is faithful for its own area; a miscount is not."""
    import json
    from collections import Counter

    from eval.gold_demo import STORIES

    rows = [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    lin = [r for r in rows if r["area_code"] == LIN]
    about = [r for r in lin if "eenzaamheid" in r["themes"]]
    feeling, n = Counter(f for r in about for f in set(r["signifiers"].get("gevoel", []))).most_common(1)[0]
    line = (f"In Lindenhove gaan {len(about)} van de {len(lin)} verhalen over eenzaamheid; {n} daarvan noemen "
            f"'{feeling}' als gevoel ({round(100 * n / len(about))}%).")
    ctx = Context.of(demo_gold(), GEMEENTE, STORIES)
    q = EvalQuestion("t-2", "story", [Turn("Wat vertellen bewoners van Lindenhove over eenzaamheid?", Expect())])

    def scored(text: str) -> list[str]:
        answer = Answer(question="q", areas=[LIN], indicators=[], answer=text, facts=[], llm=LLMInfo(backend="none"))
        s = score_turn(q, 0, q.turns[0], answer, None, ctx)
        return [*s.shown.unfaithful, *s.shown.attribution]

    assert scored(line) == []
    wrong = line.replace(f"({round(100 * n / len(about))}%)", f"({round(100 * n / len(about)) + 7}%)")
    assert scored(wrong)


def test_a_natural_frequency_states_the_figure_and_its_base_is_no_claim() -> None:
    text = "Wmo-cliënten in Molenwijk: ongeveer 64 op de 1.000 inwoners. Jeugdzorg: ongeveer 18 van de 100 jongeren."
    assert [(t.value, t.unit) for t in extract_numbers(text, "nl")] == [(64.0, "per1000"), (18.0, "%")]
    assert [(t.value, t.unit) for t in extract_numbers("about 24 in every 100 residents", "en")] == [(24.0, "%")]


def test_a_natural_frequency_is_scored_as_the_percentage_it_rounds(ctx: Context) -> None:
    """'ongeveer 18 van de 100' is Weverskwartier's 18,0%, not a count of 18 somewhere else."""
    right = _score(ctx, "In het Weverskwartier krijgen ongeveer 18 van de 100 jongeren jeugdzorg [F1].")
    assert right.shown.numbers == 1 and right.shown.faithful == 1 and not right.shown.attribution
    wrong = _score(ctx, "In het Weverskwartier krijgen ongeveer 25 van de 100 jongeren jeugdzorg [F1].")
    assert wrong.shown.faithful == 0


def test_lead_readability_is_reported_per_audience() -> None:
    from eval.metrics import TurnScore
    from eval.metrics_summary import lead_readability
    from eval.metrics_text import readability

    short, long = (readability(t) for t in ("Het is veel. Dat is hoger dan in de stad.",
                                            "De gemeentelijke referentiewaarde is aanzienlijk hoger dan verwacht."))
    scores = [TurnScore("a", "value", "demo", "nl", "jongerenwerker", 0, "q", lead_readability=short),
              TurnScore("b", "value", "demo", "nl", "beleid", 0, "q", lead_readability=long)]
    out = lead_readability(scores)
    assert out["jongerenwerker"]["answers"] == out["beleid"]["answers"] == 1 and out["all"]["answers"] == 2
    assert out["jongerenwerker"]["mean_sentence_length"] < out["beleid"]["mean_sentence_length"]
    assert out["jongerenwerker"]["flesch_douma"] > out["beleid"]["flesch_douma"]
    assert out["beleid"]["long_word_share"] > out["jongerenwerker"]["long_word_share"] == 0
