"""Duiding as an OpenAI-compatible model: chat messages in, the checked answer (with sources) out.

A model id names an audience (`duiding-jongerenwerker`). The conversation lives in the messages, as OpenAI
clients send it: earlier user turns are replayed through understanding (no LLM, no stories), so a
follow-up like "En in 2021?" keeps the area and the indicator; the last user message is answered.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace

from assistant.core import registry
from assistant.core.errors import BadInputError, NotFoundError
from assistant.deps import Deps
from assistant.events import Done, Event, FactsReady, Reset, SentenceReleased
from assistant.pipeline import AnswerService
from assistant.schemas import Answer, Question
from assistant.understand.question import Understanding

PREFIX = "duiding-"
MAX_REPLAYED_TURNS = 6  # earlier user turns that shape the context; older ones rarely matter
RESTART = {"nl": "_(Het taalmodel begint opnieuw; elke zin hierboven was gecontroleerd.)_",
           "en": "_(The language model starts again; every sentence above was checked.)_"}


@dataclass(frozen=True)
class ChatTurn:
    role: str
    content: str


def model_ids() -> list[str]:
    return [f"{PREFIX}{name}" for name in registry.names("audience")]


def audience_of(model: str) -> str:
    name = model.removeprefix(PREFIX)
    if not model.startswith(PREFIX) or name not in registry.names("audience"):
        raise NotFoundError(key="openai.unknown_model", model=model, allowed=", ".join(model_ids()))
    return name


def sources_markdown(answer: Answer) -> str:
    """The sources as a final Markdown list: every fact's table, indicator, area and year; every story."""
    nl = answer.language == "nl"
    lines: list[str] = []
    names: set[str] = set()
    for fact in answer.facts:
        found = [src for src in (fact.source, *fact.extra_sources) if src is not None]
        if not found:
            continue
        first = found[0]
        names.update(src.source_name for src in found)
        areas = ", ".join(dict.fromkeys(src.area_code for src in found))
        year = f", {first.year}" if first.year else ""
        name = first.source_name.removeprefix("Bron: ")
        table = "" if first.table in name else (f"tabel {first.table}" if nl else f"table {first.table}")
        detail = ", ".join(p for p in (table, first.indicator, areas) if p)
        lines.append(f"- [{fact.id}] {name}: {detail}{year}")
    for story in answer.stories:
        where = ", ".join(p for p in (story.area_name or story.area_code, story.date) if p)
        kind = ("verhaal" if nl else "story") + (" (fictief)" if nl and story.fictional else
                                                 " (fictional)" if story.fictional else "")
        lines.append(f"- [{story.id}] {kind} {story.story_id}" + (f" ({where})" if where else ""))
    lines.extend(f"- {line}" for line in answer.attribution if line not in names)
    if not lines:
        return ""
    return ("**Bronnen**" if nl else "**Sources**") + "\n\n" + "\n".join(dict.fromkeys(lines))


def reply_text(answer: Answer) -> str:
    """Facts answer first, then the checked LLM text (when it stood), notices not yet said, then sources."""
    parts = [answer.deterministic.strip()]
    if answer.llm_text and not answer.llm.fallback_used:
        parts.append(answer.llm_text.strip())
    parts.extend(f"_{n}_" for n in answer.notices if n not in answer.deterministic)
    parts.append(sources_markdown(answer))
    return "\n\n".join(p for p in parts if p)


class CompletionService:
    """POST /v1/chat/completions: one answer per request; the messages are the conversation."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def _question(self, model: str, turns: list[ChatTurn]) -> tuple[Question, Understanding | None]:
        audience = audience_of(model)
        asked = [t.content.strip() for t in turns if t.role == "user" and t.content.strip()]
        if not asked:
            raise BadInputError(key="openai.no_question")
        prev = self._replay(asked[:-1][-MAX_REPLAYED_TURNS:], audience)
        return Question(question=asked[-1][:2000], audience=audience), prev

    def _replay(self, earlier: list[str], audience: str) -> Understanding | None:
        """Understanding after the earlier turns, computed from figures only (no LLM, no story search)."""
        quiet = AnswerService(replace(self.deps, llm=None, stories_search=None))
        prev: Understanding | None = None
        for text in earlier:
            prev = quiet.ask(Question(question=text[:2000], audience=audience), prev).understanding or prev
        return prev

    def complete(self, model: str, turns: list[ChatTurn]) -> Answer:
        q, prev = self._question(model, turns)
        return AnswerService(self.deps).ask(q, prev).answer

    def stream(self, model: str, turns: list[ChatTurn]) -> Iterator[str]:
        """Text pieces in order: the facts answer, checked sentences, then notices and sources at the end.

        Computing the first event here makes bad input fail as a plain HTTP error, before the stream starts.
        """
        q, prev = self._question(model, turns)
        events = AnswerService(self.deps).stream(q, prev)
        first = next(events)
        return _pieces(first, events)


def _pieces(first: Event, rest: Iterator[Event]) -> Iterator[str]:
    facts = first.answer if isinstance(first, FactsReady) else None
    if facts is not None:
        yield facts.deterministic.strip()
    lang = facts.language if facts else "nl"
    started = False
    for event in rest:
        if isinstance(event, SentenceReleased):
            yield ("\n\n" if not started else " ") + event.text.strip()
            started = True
        elif isinstance(event, Reset) and started and event.retry:  # shown text cannot be taken back
            yield "\n\n" + RESTART[lang]
            started = False
        elif isinstance(event, Done):
            said = facts.deterministic if facts else ""
            tail = [f"_{n}_" for n in event.answer.notices if n not in said]
            tail.append(sources_markdown(event.answer))
            yield "".join(f"\n\n{t}" for t in tail if t)


def completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex[:24]}"


def now() -> int:
    return int(time.time())
