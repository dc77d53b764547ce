"""The LLM-value metric (eval/metrics_value.py) on hand-made answers: what counts as adding to the lead."""

from __future__ import annotations

from support.facts import glossary

from assistant.schemas import Answer, LLMInfo
from eval.metrics_value import classify, elements, lead_of, summarize_value

DETERMINISTIC = (
    "**Jongeren met jeugdzorg in Weverskwartier**\n\n"
    "- Jongeren met jeugdzorg in Weverskwartier (2023): 18,0%. [F1]\n"
    "- Weverskwartier 18,0% en Zuid 12,3%: +5,7 procentpunt. [F2]\n\n"
    "**Wat bewoners vertellen**\n\n"
    "Een jongerenwerker: \"Hij past op zijn broertjes.\" [S1]\n\n"
    "Vraag in de wijk wat jongeren thuis moeten doen."
)
REPEAT = "In Weverskwartier krijgt 18,0% van de jongeren jeugdzorg [F1]. Dat is meer dan in Zuid [F2]."
CONNECT = ("Weverskwartier ligt hoger dan Zuid [F2]. Een jongerenwerker ziet dat jongeren thuis moeten zorgen "
           "[S1]. Dat past bij de extra hulp hier [F1].")


def answer(llm_text: str, backend: str = "embedded", fallback: bool = False) -> Answer:
    return Answer(question="Is de jeugdzorg in Weverskwartier hoog?", deterministic=DETERMINISTIC,
                  llm_text=llm_text, answer=llm_text or DETERMINISTIC, glossary=glossary(),
                  llm=LLMInfo(backend=backend, fallback_used=fallback))


def test_the_lead_is_the_first_block_with_its_heading() -> None:
    lead = lead_of(DETERMINISTIC)
    assert "18,0%" in lead and "[F2]" in lead
    assert "[S1]" not in lead and "Vraag in de wijk" not in lead  # the story and the step come later


def test_restating_the_figures_only_repeats() -> None:
    assert classify(answer(REPEAT), called=True, correct=True) == ("repeats", [])


def test_tying_a_figure_to_a_story_adds_a_connection() -> None:
    assert classify(answer(CONNECT), called=True, correct=True) == ("adds", ["connection"])
    # ... unless the lead already quotes the story
    assert elements(CONNECT, DETERMINISTIC.replace("\n\n**Wat", " [S1]\n\n**Wat"), []) == []


def test_plain_words_for_a_term_and_natural_frequencies_are_a_rephrasing() -> None:
    term = "Procentpunt betekent hier: het verschil tussen 18,0% en 12,3% [F2]."
    assert elements(term, lead_of(DETERMINISTIC), ["procentpunt"]) == ["rephrase"]
    assert elements("Ongeveer 18 van de 100 jongeren krijgt hulp [F1].", lead_of(DETERMINISTIC), []) == ["rephrase"]
    assert elements("Het verschil betekent weinig [F2].", lead_of(DETERMINISTIC), ["procentpunt"]) == []


def test_a_next_step_or_a_question_to_the_reader_counts_once_the_lead_has_none() -> None:
    lead = lead_of(DETERMINISTIC)
    assert elements("Je kunt dit bespreken met het wijkteam [F1].", lead, []) == ["next_step"]
    assert elements("Wat zou jij de jongen vragen [S1]?", lead, []) == ["next_step"]
    assert elements("Bespreek dit met de school [F1].", lead + "\nJe kunt ouders vragen.", []) == []


def test_refused_wrong_not_asked_and_none() -> None:
    assert classify(answer("", fallback=True), called=True, correct=True)[0] == "refused"
    assert classify(answer(CONNECT), called=True, correct=False)[0] == "wrong"
    assert classify(answer(""), called=False, correct=True)[0] == "not_asked"
    assert classify(answer("", backend="none"), called=False, correct=True)[0] == "none"


def test_the_share_counts_every_answer_and_those_where_the_model_was_asked() -> None:
    summary = summarize_value([("adds", ["connection"]), ("repeats", []), ("not_asked", []), ("refused", [])])
    assert summary["share_adds"] == 0.25 and summary["share_adds_when_asked"] == round(1 / 3, 4)
    assert summary["elements"] == {"connection": 1} and summary["classes"]["not_asked"] == 1
    assert summarize_value([("none", [])] * 3)["share_adds"] == 0.0
