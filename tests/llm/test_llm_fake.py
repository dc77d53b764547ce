"""FakeLLM scripting, its default reply, NoLLM, and the make_llm factory."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from support.facts import glossary, moerwijk_facts, stories

from assistant.check.numbers import check_text
from assistant.core import registry
from assistant.core.errors import BackendUnavailableError, MissingExtraError
from assistant.core.settings import Settings
from assistant.llm.base import NO_FACTS_REPLY, FakeLLM, NoLLM, make_llm
from assistant.llm.prompting import build_messages

MESSAGES = [{"role": "system", "content": "Je bent Duiding."}, {"role": "user", "content": "Vraag?"}]


def test_a_string_reply_streams_word_by_word() -> None:
    llm = FakeLLM()
    llm.enqueue("Moerwijk ligt hoger [F2].")
    chunks = list(llm.stream(MESSAGES))
    assert chunks == ["Moerwijk ", "ligt ", "hoger ", "[F2]."]


def test_a_list_reply_streams_exactly_those_chunks() -> None:
    llm = FakeLLM()
    llm.enqueue(["Den Haag: 10,", "8% [F2]."])
    assert list(llm.stream(MESSAGES)) == ["Den Haag: 10,", "8% [F2]."]


def test_an_exception_in_the_script_is_raised_mid_stream() -> None:
    llm = FakeLLM()
    llm.enqueue(["Moerwijk ", "ligt ", ConnectionError("server weg"), "nooit"])
    stream = llm.stream(MESSAGES)
    assert [next(stream), next(stream)] == ["Moerwijk ", "ligt "]
    with pytest.raises(ConnectionError, match="server weg"):
        next(stream)
    assert llm.served == [["Moerwijk ", "ligt "]]


def test_a_bare_exception_is_raised_at_the_first_chunk() -> None:
    llm = FakeLLM()
    llm.enqueue(TimeoutError("te traag"))
    with pytest.raises(TimeoutError):
        list(llm.stream(MESSAGES))


def test_replies_are_served_in_order_and_history_records_each_call() -> None:
    llm = FakeLLM()
    llm.enqueue("Eerste.")
    llm.enqueue("Tweede.")
    sent = [dict(m) for m in MESSAGES]
    first = "".join(llm.stream(sent))
    sent[1]["content"] = "veranderd"  # history keeps what was sent, not a live reference
    llm.stream(MESSAGES)  # never read: still recorded
    assert first == "Eerste."
    assert llm.history == [MESSAGES, MESSAGES]
    assert llm.served == [["Eerste."], []]


def test_closing_a_stream_early_stops_serving_chunks() -> None:
    llm = FakeLLM()
    llm.enqueue(["a ", "b ", "c ", "d"])
    stream = llm.stream(MESSAGES)
    next(stream)
    stream.close()  # type: ignore[attr-defined]
    assert llm.served == [["a "]]


def test_default_reply_cites_the_first_fact_and_passes_the_checker() -> None:
    facts = moerwijk_facts()
    messages = build_messages("jongerenwerker", "Is jeugdzorg hier veel?", facts[1:], stories(), glossary())
    reply = "".join(FakeLLM().stream(messages))
    assert reply == ("Moerwijk: 11,5% jongeren met jeugdzorg; Den Haag 10,8%; verschil +0,7 procentpunt "
                     "(6,5% hoger) [F2].")
    assert check_text(reply, facts, stories()).ok


def test_default_reply_without_facts_says_so() -> None:
    messages = build_messages("beleid", "Hoe gaat het?", [], [], [])
    assert "".join(FakeLLM().stream(messages)) == NO_FACTS_REPLY


def test_no_llm_refuses_with_a_fix() -> None:
    with pytest.raises(BackendUnavailableError) as info:
        NoLLM().stream(MESSAGES)
    assert "DUIDING_LLM" in info.value.fix


def settings(tmp_path: Path, llm: str) -> Settings:
    return Settings(data_dir=tmp_path, llm=llm)  # type: ignore[arg-type]


def test_make_llm_none_and_fake(tmp_path: Path) -> None:
    assert make_llm(settings(tmp_path, "none")) is None
    assert isinstance(make_llm(settings(tmp_path, "fake")), FakeLLM)


def test_make_llm_names_the_fix_when_the_backend_is_not_registered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = settings(tmp_path, "embedded")
    monkeypatch.delitem(registry._entries["llm"], "embedded")  # as if its module were not installed
    with pytest.raises(BackendUnavailableError) as info:
        make_llm(chosen)
    assert not isinstance(info.value, MissingExtraError)
    assert "embedded" in info.value.message and "DUIDING_LLM" in info.value.fix


def _failing_backend(missing: str) -> type:
    """A stand-in backend class that fails the way a missing heavy dependency does."""

    class Backend:
        def __init__(self, settings: Settings) -> None:
            raise ModuleNotFoundError(f"No module named '{missing}'", name=missing)

    return Backend


def test_make_llm_names_the_pip_extra_for_a_missing_dependency(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = registry.get("llm", "embedded")
    monkeypatch.setitem(registry._entries["llm"], "embedded",
                        replace(entry, factory=_failing_backend("llama_cpp")))
    with pytest.raises(MissingExtraError) as info:
        make_llm(settings(tmp_path, "embedded"))
    assert "duiding[embedded]" in info.value.fix


def test_make_llm_names_the_package_when_there_is_no_extra(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = registry.get("llm", "openai")
    monkeypatch.setitem(registry._entries["llm"], "openai", replace(entry, factory=_failing_backend("somepkg")))
    with pytest.raises(BackendUnavailableError) as info:
        make_llm(settings(tmp_path, "openai"))
    assert "pip install somepkg" in info.value.fix


def test_make_llm_builds_the_real_backend_class(tmp_path: Path) -> None:
    llm = make_llm(settings(tmp_path, "openai"))  # constructing it opens no connection
    assert llm is not None and llm.name == "openai"
