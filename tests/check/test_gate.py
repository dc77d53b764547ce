"""Sentence-gated streaming with the real checker and a scripted FakeLLM: nothing wrong is ever emitted."""

from __future__ import annotations

import itertools

import pytest
from support.facts import glossary, moerwijk_facts, stories

from assistant.check.gate import NOTICES, GateEvent, GateLimits, GateOutcome, gated_sentences
from assistant.llm.base import LLM, FakeLLM, NoLLM
from assistant.llm.prompting import build_messages

FACTS = moerwijk_facts()
STORIES = stories()
MESSAGES = build_messages("jongerenwerker", "Is jeugdzorg in Moerwijk veel?", FACTS, STORIES, glossary())
GOOD_1 = "In Moerwijk krijgt 11,5% van de jongeren jeugdzorg [F1]."
GOOD_2 = " Dat is 0,7 procentpunt hoger dan in Den Haag, waar het 10,8% is [F2]."
GOOD_3 = " Een jongerenwerker ziet dat jongeren lang op hulp wachten [S1]."
GOOD = GOOD_1 + GOOD_2 + GOOD_3
CHECK_NOTICE = "Het taalmodel gaf een cijfer dat niet klopte; je ziet het feitenantwoord."
MISTAKES = {
    "swapped": " Er krijgen 71 per 1.000 jongeren jeugdzorg [F1] en 11,5% van de inwoners is WMO-cliënt [F4].",
    "10_for_10_8": " In Den Haag krijgt 10% van de jongeren jeugdzorg [F2].",
    "wrong_direction": " Moerwijk ligt 0,7 procentpunt lager dan Den Haag [F2].",
    "made_up_citation": " Dat komt door de lange wachtlijsten [F9].",
    "percent_for_pp": " Moerwijk ligt 0,7% hoger dan Den Haag [F2].",
    "story_number": " Een bewoner zegt dat het cijfer eigenlijk 3,3% is [S2].",
}
EXPECTED_PROBLEM = {
    "swapped": "71 per 1.000", "10_for_10_8": "10%", "wrong_direction": "'lager'",
    "made_up_citation": "[F9]", "percent_for_pp": "procentpunt", "story_number": "3,3%",
}


def run(llm: LLM, **kwargs: object) -> list[GateEvent]:
    return list(gated_sentences(llm, MESSAGES, FACTS, STORIES, "nl", **kwargs))  # type: ignore[arg-type]


def sentences(events: list[GateEvent]) -> list[str]:
    return [e.text for e in events if e.kind == "sentence"]


def outcome(events: list[GateEvent]) -> GateOutcome:
    assert [e.kind for e in events].count("final") == 1 and events[-1].kind == "final"
    assert events[-1].outcome is not None
    return events[-1].outcome


def test_a_correct_reply_passes_whole_sentence_by_sentence_even_split_mid_number() -> None:
    llm = FakeLLM()
    llm.enqueue(["In Moerwijk krijgt 11,", "5% van de jongeren jeugdzorg [F1]. Dat is 0,7 procent",
                 "punt hoger dan in Den Haag, waar het 10,", "8% is [F2]. Een jongerenwerker ziet dat ",
                 "jongeren lang op hulp wachten [S1]."])
    served_at_release = []
    events = []
    for event in gated_sentences(llm, MESSAGES, FACTS, STORIES, "nl"):
        events.append(event)
        if event.kind == "sentence":
            served_at_release.append(len(llm.served[0]))
    assert sentences(events) == [GOOD_1, GOOD_2, GOOD_3]
    assert served_at_release == [2, 4, 5]  # each sentence goes out as soon as its end is certain
    result = outcome(events)
    assert result.text == GOOD and result.check.ok and result.notice == ""
    assert (result.info.backend, result.info.fallback_used, result.info.retried) == ("fake", False, False)
    assert len(llm.history) == 1


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_is_caught_and_the_retry_replaces_it(mistake: str) -> None:
    llm = FakeLLM()
    llm.enqueue([GOOD_1, MISTAKES[mistake], " Nog een zin", " die nooit komt.", " En deze ook niet."])
    llm.enqueue(GOOD)
    events = run(llm)
    assert [e.kind for e in events] == ["sentence", "reset", "sentence", "sentence", "sentence", "final"]
    assert sentences(events) == [GOOD_1, GOOD_1, GOOD_2, GOOD_3]
    assert len(llm.served[0]) == 3  # the stream was closed right after the bad sentence ended
    result = outcome(events)
    assert result.text == GOOD and result.info.retried and not result.info.fallback_used
    retry_turn = llm.history[1]
    assert retry_turn[:2] == MESSAGES
    assert retry_turn[2] == {"role": "assistant", "content": GOOD_1 + MISTAKES[mistake]}
    assert EXPECTED_PROBLEM[mistake] in retry_turn[3]["content"]


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_when_the_retry_is_wrong_too_the_facts_answer_stands(mistake: str) -> None:
    llm = FakeLLM()
    llm.enqueue(MISTAKES[mistake].strip() + GOOD_2)
    llm.enqueue(GOOD_1 + MISTAKES[mistake])
    events = run(llm)
    assert MISTAKES[mistake].strip() not in "".join(sentences(events))
    assert [e.kind for e in events] == ["sentence", "reset", "final"]  # nothing shown before the retry
    result = outcome(events)
    assert result.text == "" and result.notice == CHECK_NOTICE
    assert result.info.fallback_used and result.info.retried
    assert EXPECTED_PROBLEM[mistake] in result.info.reason and not result.check.ok


def test_a_backend_error_falls_back_without_retry_or_exception() -> None:
    llm = FakeLLM()
    llm.enqueue([GOOD_1, " Dat is", ConnectionError("connection refused")])
    events = run(llm)
    assert [e.kind for e in events] == ["sentence", "reset", "final"]
    result = outcome(events)
    assert result.info.fallback_used and not result.info.retried
    assert "ConnectionError: connection refused" in result.info.reason
    assert result.notice == NOTICES["nl"]["error"] and len(llm.history) == 1


def test_a_backend_that_fails_on_the_call_itself_falls_back() -> None:
    events = list(gated_sentences(NoLLM(), MESSAGES, FACTS, STORIES, "en"))
    result = outcome(events)
    assert [e.kind for e in events] == ["final"] and result.info.fallback_used
    assert result.notice == NOTICES["en"]["error"] and "BackendUnavailableError" in result.info.reason


def test_a_timeout_falls_back() -> None:
    llm = FakeLLM()
    llm.enqueue(GOOD)
    events = run(llm, limits=GateLimits(timeout_s=10), clock=itertools.count(0, 50).__next__)
    result = outcome(events)
    assert sentences(events) == [] and result.info.fallback_used and "10 s" in result.info.reason


def test_an_empty_reply_gets_one_retry_then_falls_back() -> None:
    llm = FakeLLM()
    llm.enqueue("")
    llm.enqueue("   \n")
    events = run(llm)
    result = outcome(events)
    assert [e.kind for e in events] == ["final"] and len(llm.history) == 2
    assert result.info.fallback_used and result.notice == NOTICES["nl"]["unusable"]


def test_endless_text_is_cut_off_and_retried() -> None:
    llm = FakeLLM()
    llm.enqueue("Moerwijk heeft 25.280 inwoners [F5]. " * 200)
    llm.enqueue(GOOD_1)
    events = run(llm, limits=GateLimits(max_chars=300))
    assert len(llm.served[0]) < 60  # stopped long before the 1,000 words
    assert events[-2:] == [GateEvent("sentence", GOOD_1), events[-1]]
    assert "reset" in [e.kind for e in events] and outcome(events).text == GOOD_1
    assert "te lang" in llm.history[1][-1]["content"]


def test_a_custom_retry_builder_gets_the_reply_and_the_problems() -> None:
    seen: list[tuple[str, list[str]]] = []

    def retry(reply: str, problems: list[str]) -> list[dict[str, str]]:
        seen.append((reply, problems))
        return [{"role": "user", "content": "opnieuw"}]

    llm = FakeLLM()
    llm.enqueue(MISTAKES["10_for_10_8"].strip())
    llm.enqueue(GOOD_1)
    assert outcome(run(llm, retry_messages_fn=retry)).text == GOOD_1
    assert seen == [(MISTAKES["10_for_10_8"].strip(), ["10%: dit getal staat niet in de feiten"])]
    assert llm.history[1] == [{"role": "user", "content": "opnieuw"}]


def test_the_unscripted_fake_reply_passes_the_gate() -> None:
    result = outcome(run(FakeLLM()))
    assert result.text.endswith("[F1].") and not result.info.fallback_used
