"""The LLM parser bound to the catalogue: used only when the rules leave a question open, validated always."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from support.paths import KWB2019

from assistant.core.errors import BackendUnavailableError
from assistant.core.settings import Settings
from assistant.llm.base import FakeLLM
from assistant.pipeline import AnswerService
from assistant.schemas import Question
from assistant.understand.llm_parser import needs_parser, read_reply, schema
from assistant.understand.question import Understanding
from assistant.wiring import build_deps
from retrieval.tables.areas import AreaRef

MOERWIJK = "WK051836"
OPEN_QUESTION = "Moerwijk: hoe zit het met de woningen?"  # an area, but no indicator word the rules know
BOUWLUST = "WK051833"
BOUWLUST_REF = AreaRef(BOUWLUST, "Wijk 33 Bouwlust en Vrederust", "wijk", "GM0518")
MOER_REF = AreaRef(MOERWIJK, "Wijk 36 Moerwijk", "wijk", "GM0518")


def _service(data_dir: Path, llm: FakeLLM | None, links: list[tuple[str, float]]) -> AnswerService:
    deps = build_deps(Settings(data_dir=data_dir, llm="none", embedder="fake"), with_llm=False)
    deps.llm = llm
    deps.link_indicators = lambda question: links
    return AnswerService(deps)


def _csv_value(real_data: Path, code: str, stem: str) -> float:
    df = pd.read_csv(real_data / KWB2019, sep=";", dtype=str, encoding="utf-8-sig")
    df = df.apply(lambda c: c.str.strip()).set_index("Codering_3")
    col = next(c for c in df.columns if c.startswith(stem + "_"))
    return float(df.loc[code, col])


def test_parser_resolves_a_question_the_rules_leave_open(den_haag_dir: Path, real_data: Path) -> None:
    """No indicator word the rules know and no semantic link: the LLM picks among titles holding 'woningen'."""
    rules = _service(den_haag_dir, None, []).ask(Question(question=OPEN_QUESTION))
    assert needs_parser(rules.understanding) and rules.answer.understood_by == "rules"
    llm = FakeLLM()
    llm.enqueue_json({"areas": [MOERWIJK], "indicators": ["koopwoningen_pct"], "kind": "value", "highest": True,
                      "year": None})
    answer = _service(den_haag_dir, llm, []).ask(Question(question=OPEN_QUESTION)).answer

    assert answer.understood_by == "llm"
    assert answer.areas == [MOERWIJK] and answer.indicators[0] == "koopwoningen_pct"
    facts = [f for f in answer.facts if f.indicator == "koopwoningen_pct" and f.area_code == MOERWIJK]
    assert facts and facts[0].value == pytest.approx(_csv_value(real_data, MOERWIJK, "Koopwoningen"))
    messages, sent_schema = llm.json_calls[-1]
    assert OPEN_QUESTION in messages[-1]["content"]
    assert MOERWIJK in sent_schema["properties"]["areas"]["items"]["enum"]
    offered = sent_schema["properties"]["indicators"]["items"]["enum"]
    assert "koopwoningen_pct" in offered and "inwoners" not in offered


def test_parser_reads_a_misspelt_name_and_says_so(den_haag_dir: Path) -> None:
    """resolve_open on a reading without an area: the LLM's area must resemble the question's words."""
    from assistant.understand.llm_parser import resolve_open

    u = Understanding("Hoeveel inwoners heeft Bouwlust en Vredrust?", indicators=["inwoners"])
    refs = [BOUWLUST_REF, MOER_REF]
    llm = FakeLLM()
    llm.enqueue_json({"areas": [BOUWLUST], "indicators": [], "kind": "value", "highest": True, "year": 2019})
    new, used = resolve_open(llm, u, refs, {"inwoners"}, {}, [2019, 2021])
    assert used and [a.code for a in new.areas] == [BOUWLUST] and new.indicators == ["inwoners"]
    assert new.years == []  # a year the question does not write is not taken from the LLM
    assert any("vredrust" in n.lower() and "Vrederust" in n for n in new.notices)
    assert BOUWLUST in llm.json_calls[-1][1]["properties"]["areas"]["items"]["enum"]
    llm.enqueue_json({"areas": [MOERWIJK], "indicators": [], "kind": "value", "highest": True, "year": None})
    other, used = resolve_open(llm, u, refs, {"inwoners"}, {}, [2019, 2021])
    assert not used and other.areas == []  # Moerwijk is not what the question wrote


def test_parser_fills_a_missing_indicator_from_its_candidates(den_haag_dir: Path, real_data: Path) -> None:
    """resolve_open on the rules' own reading: area known, no indicator; the LLM picks a linked indicator."""
    from assistant.understand.llm_parser import resolve_open

    service = _service(den_haag_dir, None, [])
    u = service.ask(Question(question=OPEN_QUESTION)).understanding
    assert u.areas and u.areas[0].code == MOERWIJK and not u.indicators
    llm = FakeLLM()
    llm.enqueue_json({"areas": [], "indicators": ["koopwoningen_pct"], "kind": "value", "highest": True,
                      "year": None})
    new, used = resolve_open(llm, u, [MOER_REF], {"koopwoningen_pct", "woz_waarde"}, {}, [2019, 2021],
                             lambda q: [("koopwoningen_pct", 0.8), ("woz_waarde", 0.6), ("not_loaded", 0.5)])
    assert used and new.indicators == ["koopwoningen_pct"] and new.areas == u.areas
    sent = llm.json_calls[-1][1]["properties"]["indicators"]["items"]["enum"]
    assert sent == ["koopwoningen_pct", "woz_waarde"]  # only loaded ids are offered


def test_made_up_ids_and_years_from_the_llm_are_rejected(den_haag_dir: Path) -> None:
    llm = FakeLLM()
    service = _service(den_haag_dir, llm, [("inwoners", 0.9)])
    llm.enqueue_json({"areas": ["WK051899", "GM9999"], "indicators": ["made_up_pct"], "kind": "value",
                      "highest": True, "year": 2031})
    answer = service.ask(Question(question="Hoeveel inwoners heeft Zonnewijk?")).answer

    assert llm.json_calls, "an unknown name is a question the rules leave open"
    assert answer.understood_by == "rules"
    assert not [f for f in answer.facts if f.value is not None]
    assert "WK051899" not in answer.areas and "GM9999" not in answer.areas
    assert answer.answer.strip()


def test_an_unknown_name_is_not_read_as_an_area_it_does_not_resemble(den_haag_dir: Path) -> None:
    llm = FakeLLM()
    service = _service(den_haag_dir, llm, [("inwoners", 0.9)])
    llm.enqueue_json({"areas": [MOERWIJK], "indicators": ["inwoners"], "kind": "value", "highest": True,
                      "year": None})
    answer = service.ask(Question(question="Hoeveel inwoners heeft Zonnewijk?")).answer
    assert MOERWIJK not in answer.areas
    assert not [f for f in answer.facts if f.area_code == MOERWIJK]


def test_backend_failure_and_no_llm_leave_the_rules_answer(den_haag_dir: Path) -> None:
    llm = FakeLLM()
    llm.enqueue_json(BackendUnavailableError("down", "start it"))
    failing = _service(den_haag_dir, llm, [("koopwoningen_pct", 0.8)]).ask(Question(question=OPEN_QUESTION)).answer
    none = _service(den_haag_dir, None, [("koopwoningen_pct", 0.8)]).ask(Question(question=OPEN_QUESTION)).answer
    assert failing.understood_by == none.understood_by == "rules"
    assert failing.deterministic == none.deterministic and none.deterministic.strip()


def test_a_resolved_question_never_calls_the_parser(den_haag_dir: Path) -> None:
    llm = FakeLLM()
    answer = _service(den_haag_dir, llm, []).ask(Question(question="Hoeveel inwoners heeft Moerwijk?")).answer
    assert answer.understood_by == "rules" and not llm.json_calls


def test_read_reply_keeps_only_catalogue_ids_and_loaded_years() -> None:
    areas = [AreaRef(MOERWIJK, "Wijk 36 Moerwijk", "wijk", "GM0518")]
    got = read_reply({"areas": [MOERWIJK, "BU00000000", 7], "indicators": ["inwoners", "x"], "kind": "weird",
                      "highest": False, "year": 2019}, areas, ["inwoners"], [2019, 2021])
    assert got == (areas, ["inwoners"], "unknown", False, 2019)
    assert read_reply({"year": 2035, "areas": "WK051836"}, areas, [], [2019])[0:1] == ([],)
    shape = schema([MOERWIJK], [], [2019])
    assert shape["properties"]["indicators"] == {"type": "array", "maxItems": 0}
    assert set(shape["required"]) == {"areas", "indicators", "kind", "highest", "year"}


def test_needs_parser_only_when_open() -> None:
    ref = AreaRef(MOERWIJK, "Moerwijk", "wijk", "GM0518")
    assert not needs_parser(Understanding("q", areas=[ref], indicators=["inwoners"]))
    assert needs_parser(Understanding("q", areas=[ref]))
    assert needs_parser(Understanding("q", indicators=["inwoners"], unknown_area="Zonnewijk"))
    assert not needs_parser(Understanding("q", kind="term", terms=["wmo"]))
    assert not needs_parser(Understanding("q", clarify=[ref]))
