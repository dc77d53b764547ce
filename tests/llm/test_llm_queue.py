"""One in-process model, many sessions: a bounded FIFO with a deadline, and what the answer stream shows."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.settings import Settings
from assistant.events import Done, Event, FactsReady, Queued, SentenceReleased
from assistant.llm.base import default_reply
from assistant.llm.queue import BUSY, LLMQueue, QueueFullError, QueueWaitError
from assistant.pipeline import AnswerService
from assistant.schemas import Question
from assistant.wiring import build_deps

QUESTION = "Hoeveel procent van de jongeren in Weverskwartier krijgt jeugdzorg?"


def test_the_second_ticket_waits_its_turn_and_learns_its_place() -> None:
    queue = LLMQueue(max_waiting=2, wait_s=10)
    first, second = queue.ticket(), queue.ticket()
    assert list(first.wait()) == []  # nobody before it
    places: list[int] = []
    done = threading.Event()

    def wait_second() -> None:
        places.extend(second.wait())
        done.set()

    threading.Thread(target=wait_second, daemon=True).start()
    time.sleep(0.5)
    assert places == [1] and not done.is_set()
    first.release()
    assert done.wait(5) and queue.waiting() == 0
    second.release()


def test_a_full_queue_says_no_at_once_and_a_long_wait_gives_up() -> None:
    queue = LLMQueue(max_waiting=1, wait_s=0.5)
    serving, waiting = queue.ticket(), queue.ticket()
    with pytest.raises(QueueFullError):
        queue.ticket()
    started = time.monotonic()
    with pytest.raises(QueueWaitError):
        list(waiting.wait())
    assert 0.4 < time.monotonic() - started < 5
    serving.release()
    assert list(queue.ticket().wait()) == []  # the one that gave up left the line


class SlowEcho:
    """An in-process model that writes its (checkable) reply word by word, slowly."""

    name, model = "slow-echo", "echo"

    def __init__(self, delay_s: float) -> None:
        self.delay_s = delay_s

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        for word in default_reply(messages).split(" "):
            time.sleep(self.delay_s)
            yield word + " "

    def available(self) -> tuple[bool, str]:
        return True, "slow echo"


def _service(demo_dir: Path, queue: LLMQueue) -> AnswerService:
    deps = build_deps(Settings(data_dir=demo_dir, llm="none", embedder="fake"), with_llm=False)
    deps.llm, deps.llm_queue = SlowEcho(0.05), queue  # type: ignore[assignment]
    return AnswerService(deps)


def _run(service: AnswerService, out: list[tuple[Event, float]], started: float) -> None:
    for event in service.stream(Question(question=QUESTION)):
        out.append((event, time.monotonic() - started))


def test_two_sessions_at_once_both_get_facts_at_once_and_take_turns(demo_dir: Path) -> None:
    service = _service(demo_dir, LLMQueue(max_waiting=4, wait_s=60))
    runs: list[list[tuple[Event, float]]] = [[], []]
    started = time.monotonic()
    threads = [threading.Thread(target=_run, args=(service, run, started)) for run in runs]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    for run in runs:
        facts_at = next(t for e, t in run if isinstance(e, FactsReady))
        assert facts_at < 2.0  # the facts answer never waits for the model
        final = next(e for e, _ in run if isinstance(e, Done)).answer
        assert final.llm_text and not final.llm.fallback_used  # both got checked LLM text
        assert any(isinstance(e, SentenceReleased) for e, _ in run)
    queued = [e for run in runs for e, _ in run if isinstance(e, Queued)]
    assert [q.position for q in queued] == [1]  # exactly one of the two waited, as number 1


def test_a_full_queue_leaves_the_facts_answer_with_a_notice(demo_dir: Path) -> None:
    queue = LLMQueue(max_waiting=0, wait_s=60)
    blocker = queue.ticket()  # another session holds the model
    try:
        answer = _service(demo_dir, queue).ask(Question(question=QUESTION)).answer
    finally:
        blocker.release()
    assert answer.llm.fallback_used and answer.answer == answer.deterministic and not answer.llm_text
    assert BUSY["nl"] in answer.notices
