"""The LLM part of one answer: wait for the in-process model, stream it through the gate, record the outcome."""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator
from typing import Literal

from assistant.check.gate import GateLimits, gated_sentences
from assistant.check.references import References
from assistant.compose.composer import Parts, prompt_facts
from assistant.core.errors import BackendUnavailableError
from assistant.deps import Deps
from assistant.events import Event, Queued, Reset, SentenceReleased
from assistant.facts.build import FactSet
from assistant.llm.prompting import build_messages
from assistant.llm.queue import BUSY, Ticket
from assistant.llm.role import Role, bounded, nothing_to_add, role_of
from assistant.plan import store_view
from assistant.schemas import Answer, LLMInfo
from assistant.understand.question import Understanding

log = logging.getLogger("duiding.pipeline")


def llm_events(deps: Deps, answer: Answer, u: Understanding, facts: FactSet, parts: Parts,
               t0: float) -> Iterator[Event]:
    """Wait for the model, then stream its answer through the gate into `answer`."""
    assert deps.llm is not None
    role = role_of(deps.llm)
    skip = nothing_to_add(role, answer.stories)
    if skip:  # a small model would only repeat the facts: nobody waits for it
        answer.llm = LLMInfo(backend=deps.llm.name, model=deps.llm.model, fallback_used=False, reason=skip)
        answer.answer = answer.deterministic
        return
    ticket = yield from _take_turn(deps, answer)
    if ticket is False:
        return
    try:
        yield from _gated(deps, answer, u, facts, parts, t0, role)
    finally:
        if ticket is not None:
            ticket.release()


def _gated(deps: Deps, answer: Answer, u: Understanding, facts: FactSet, parts: Parts, t0: float,
           role: Role) -> Iterator[Event]:
    assert deps.llm is not None
    given = prompt_facts(parts, role.facts)
    given = given[:role.facts] if role.size == "small" else given  # small: no pattern or caveat line
    messages = build_messages(answer.audience, answer.question, given, answer.stories[:role.stories],  # type: ignore[arg-type]
                              answer.glossary[:role.terms], u.language, size=role.size)
    shown: list[str] = []
    data = deps.store.load()
    # 17,000 name patterns at all-NL scale: compiled once per store snapshot, not per question
    refs = data.cached("references", lambda: References({r.code: r.name for r in store_view(data).refs}))
    for ev in gated_sentences(bounded(deps.llm, role), messages, facts.facts, answer.stories, u.language,  # type: ignore[arg-type]
                              limits=GateLimits.from_settings(deps.settings), refs=refs):
        if ev.kind == "sentence":
            if not shown:
                answer.timings_ms["llm_first_sentence"] = round((time.perf_counter() - t0) * 1000, 1)
            shown.append(ev.text)
            yield SentenceReleased(ev.text)
        elif ev.kind == "reset":
            shown.clear()
            yield Reset(retry=ev.text == "retry")
        elif ev.outcome is not None:
            out = ev.outcome
            answer.check, answer.llm = out.check, out.info
            answer.check_summary = "" if out.info.fallback_used else out.check.coverage.badge(u.language)
            answer.llm_text = out.text
            if out.notice:
                answer.notices.append(out.notice)
                log.info("LLM fallback: %s", out.info.reason)
    answer.answer = answer.llm_text if answer.llm_text and not answer.llm.fallback_used else answer.deterministic


def _take_turn(deps: Deps, answer: Answer) -> Generator[Event, None, Ticket | None | Literal[False]]:
    """Wait for the in-process model (Queued events with the place); False when the queue says no."""
    if deps.llm_queue is None:
        return None
    try:
        ticket = deps.llm_queue.ticket()
        for place in ticket.wait():
            yield Queued(place)
        return ticket
    except BackendUnavailableError as exc:
        log.info("LLM queue: %s", exc)
        answer.llm = LLMInfo(backend=deps.llm.name if deps.llm else "none", fallback_used=True, reason=exc.message)
        answer.notices.append(BUSY[answer.language if answer.language in BUSY else "nl"])
        answer.answer = answer.deterministic
        return False
