"""Chat conversations: in memory, bounded (LRU) and expiring (TTL), and the chat service on top.

A conversation keeps the last Understanding (so "en in Ypenburg?" follows on) and the answers (for the
export). Nothing is written to disk: questions can hold personal context.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from assistant.core.errors import DuidingError, NotFoundError, log_unexpected
from assistant.core.messages import Lang, as_lang, render
from assistant.deps import Deps
from assistant.events import Done, Event, FactsReady, Failed, Reset, SentenceReleased
from assistant.pipeline import AnswerService
from assistant.schemas import Answer, Question
from assistant.understand.question import Understanding

log = logging.getLogger("duiding.api")

MAX_CONVERSATIONS = 500
TTL_SECONDS = 4 * 3600
MAX_TURNS = 50


@dataclass
class Conversation:
    id: str
    answers: list[Answer] = field(default_factory=list)
    understanding: Understanding | None = None
    touched: float = 0.0


class ConversationStore:
    """Thread-safe: sync routes run in a thread pool."""

    def __init__(self, max_conversations: int = MAX_CONVERSATIONS, ttl_s: float = TTL_SECONDS,
                 max_turns: int = MAX_TURNS, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_conversations, self.ttl_s, self.max_turns, self.clock = max_conversations, ttl_s, max_turns, clock
        self._items: OrderedDict[str, Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._items)

    def get(self, conversation_id: str | None) -> Conversation | None:
        """The live conversation with this id (and mark it used); None when unknown or expired."""
        with self._lock:
            self._expire()
            conv = self._items.get(conversation_id or "")
            if conv is not None:
                conv.touched = self.clock()
                self._items.move_to_end(conv.id)
            return conv

    def require(self, conversation_id: str) -> Conversation:
        conv = self.get(conversation_id)
        if conv is None:
            raise NotFoundError(key="conversation.unknown", conversation=conversation_id[:64])
        return conv

    def open(self, conversation_id: str | None) -> Conversation:
        """The existing conversation, else a new one under a fresh id (never one the client picked)."""
        found = self.get(conversation_id)
        if found is not None:
            return found
        conv = Conversation(secrets.token_urlsafe(16), touched=self.clock())
        with self._lock:
            self._items[conv.id] = conv
            while len(self._items) > self.max_conversations:
                self._items.popitem(last=False)
        return conv

    def record(self, conv: Conversation, answer: Answer, understanding: Understanding | None) -> None:
        with self._lock:
            conv.answers = [*conv.answers, answer][-self.max_turns:]
            conv.understanding = understanding or conv.understanding
            conv.touched = self.clock()

    def complete(self, conv: Conversation, started: Answer, answer: Answer) -> None:
        """Replace a turn recorded when its facts were ready by its final (or cut-off) answer."""
        with self._lock:
            found = next((i for i, a in enumerate(conv.answers) if a is started), None)
            if found is None:
                conv.answers = [*conv.answers, answer][-self.max_turns:]
            else:
                conv.answers[found] = answer
            conv.touched = self.clock()

    def _expire(self) -> None:
        cutoff = self.clock() - self.ttl_s
        for cid in [cid for cid, c in self._items.items() if c.touched < cutoff]:
            del self._items[cid]


@dataclass
class ChatStream:
    conversation_id: str
    events: Iterator[Event]


class ChatService:
    """Questions in a conversation. LLM trouble never becomes a 5xx: the facts answer stands."""

    def __init__(self, deps: Deps, conversations: ConversationStore) -> None:
        self.deps = deps
        self.conversations = conversations

    def ask(self, q: Question) -> Answer:
        conv = self.conversations.open(q.conversation_id)
        try:
            result = AnswerService(self.deps).ask(q, conv.understanding)
        except DuidingError as exc:
            exc.lang = exc.lang or _question_lang(q)  # the API shows it in the question's language
            raise
        except Exception as exc:
            if self.deps.llm is None:
                raise
            log_unexpected(exc, "chat (LLM part); answering without the LLM")
            result = AnswerService(replace(self.deps, llm=None)).ask(q, conv.understanding)
            result.answer.notices.append(_notice("notice.llm_failed", result.answer))
        answer = result.answer
        answer.conversation_id = conv.id
        self.conversations.record(conv, answer, result.understanding)
        return answer

    def stream(self, q: Question) -> ChatStream:
        """The first event is computed here, so bad input still fails as a plain HTTP error."""
        conv = self.conversations.open(q.conversation_id)
        events = AnswerService(self.deps).stream(q, conv.understanding)
        try:
            first = next(events)
        except DuidingError as exc:
            exc.lang = exc.lang or _question_lang(q)
            raise
        return ChatStream(conv.id, self._events(conv, first, events))

    def _events(self, conv: Conversation, first: Event, rest: Iterator[Event]) -> Iterator[Event]:
        """The turn is stored as soon as its facts exist, so a new question while the model still writes
        (the client goes away) keeps this turn and its context; the final answer then replaces it."""
        started = _started(first, conv.id)
        self.conversations.record(conv, started, getattr(first, "understanding", None))
        yield first
        shown: list[str] = []
        try:
            for event in rest:
                if isinstance(event, SentenceReleased):
                    shown.append(event.text)
                elif isinstance(event, Reset):
                    shown.clear()
                if isinstance(event, Done):
                    answer = event.answer.model_copy(update={"conversation_id": conv.id})
                    self.conversations.complete(conv, started, answer)
                    yield Done(answer, event.understanding)
                    return
                yield event
        except GeneratorExit:  # the client stopped reading: keep what was checked, marked as cut off
            self.conversations.complete(conv, started, _cut_off(started, shown))
            raise
        except Exception as exc:  # noqa: BLE001 - mid-stream: say so, then end with the facts answer
            log_unexpected(exc, "chat stream")
            yield _failed(exc, as_lang(started.language))
            answer = _fallback(started, conv.id)
            self.conversations.complete(conv, started, answer)
            yield Done(answer)


def _started(first: Event, conversation_id: str) -> Answer:
    facts = first.answer if isinstance(first, FactsReady) else Answer(question="")
    return facts.model_copy(update={"conversation_id": conversation_id, "answer": facts.deterministic})


def _cut_off(started: Answer, shown: list[str]) -> Answer:
    """A turn whose stream was cut off: the facts answer plus the checked sentences it had."""
    answer = started.model_copy(deep=True)
    answer.llm_text = " ".join(shown)
    answer.notices.append(_notice("notice.cut_off", answer))
    return answer


def _question_lang(q: Question) -> Lang:
    from assistant.understand.question import detect_language

    return as_lang(detect_language(q.question))


def _notice(code: str, answer: Answer) -> str:
    return render(code, as_lang(answer.language))[0]


def _failed(exc: Exception, lang: Lang) -> Failed:
    if isinstance(exc, DuidingError):
        return Failed(exc.code, *exc.text(exc.lang or lang))
    return Failed("internal", *render("api.stream_failed", lang))


def _fallback(facts_answer: Answer, conversation_id: str) -> Answer:
    answer = facts_answer.model_copy(deep=True)
    answer.answer = answer.deterministic
    answer.llm = answer.llm.model_copy(update={"fallback_used": True, "reason": "stream failed"})
    answer.notices.append(_notice("notice.llm_failed", answer))
    answer.conversation_id = conversation_id
    return answer
