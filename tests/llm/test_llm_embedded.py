"""The embedded backend: checksum guard always; the real llama.cpp model in a marked integration test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.core.errors import BackendUnavailableError
from assistant.core.settings import Settings
from assistant.llm.embedded import MODEL_FILE, assemble_model

DEMO_QUESTIONS = [
    "Is de jeugdzorg in Weverskwartier hoog?",
    "Hoeveel Wmo-cliënten per 1.000 inwoners heeft Lindenhove?",
    "Welke wijk heeft het hoogste percentage huishoudens met een laag inkomen?",
    "Hoe is het aantal inwoners in Nieuw Wederik veranderd sinds 2019?",
    "Is het aandeel eenoudergezinnen in Bloemendries hoog vergeleken met Duinhaven?",
]


def test_a_model_file_with_the_wrong_checksum_is_refused_and_removed(tmp_path: Path) -> None:
    bad = tmp_path / MODEL_FILE
    bad.write_bytes(b"GGUF not really a model")
    with pytest.raises(BackendUnavailableError, match="controlegetal") as err:
        assemble_model(tmp_path)
    assert "--force-reinstall" in err.value.fix
    assert not bad.exists()


def test_a_changed_file_after_verification_is_verified_again(tmp_path: Path) -> None:
    target = tmp_path / MODEL_FILE
    target.write_bytes(b"x")
    stamp = target.with_suffix(".verified.json")
    stamp.write_text('{"sha256": "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", '
                     '"size": 999, "mtime_ns": 1}')
    with pytest.raises(BackendUnavailableError):
        assemble_model(tmp_path)


@pytest.mark.integration
def test_real_embedded_model_answers_demo_questions_with_checked_citations(tmp_path: Path) -> None:
    from assistant.pipeline import AnswerService
    from assistant.schemas import Question
    from assistant.wiring import build_deps
    from retrieval.demo.city import load_demo
    from retrieval.tables.store import IndicatorStore

    settings = Settings(data_dir=tmp_path / "data", llm="embedded", llm_timeout_s=300)
    load_demo(IndicatorStore(settings.indicator_dir))
    service = AnswerService(build_deps(settings))
    shown, with_citations = 0, 0
    for question in DEMO_QUESTIONS:
        answer = service.ask(Question(question=question)).answer
        ok = bool(answer.llm_text) and not answer.llm.fallback_used and answer.check.ok
        cited = ok and bool(re.findall(r"\[F\d+\]", answer.llm_text))
        shown, with_citations = shown + ok, with_citations + cited
        print(f"{'OK ' if ok else 'NO '}{'cited ' if cited else ''}{question} -> {answer.llm_text[:160]!r} "
              f"{answer.llm.reason}")
    print(f"embedded: {shown}/5 LLM answers shown after the checker, {with_citations}/5 with citations")
    # Measured 2026-11-22: 5/5 shown, 2/5 with citations (the model often drops the [F1] the prompt asks for;
    # uncited numbers are still checked against all facts). Session 1 measured 3/5 with citations.
    assert shown >= 3 and with_citations >= 2
