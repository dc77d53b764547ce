"""One model, many sessions: questions wait for the in-process model in a bounded FIFO with a deadline.

The embedded llama.cpp model answers one question at a time. Without a queue a second session waited on a
lock it could not see and ran into its own answer deadline ("Het taalmodel reageerde niet"). Now it gets
its place in the queue at once (the facts answer is already on screen) and its own deadline starts when
its turn comes; a full queue or a wait past `wait_s` leaves the facts answer with a notice.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator

from assistant.core.errors import BackendUnavailableError

POLL_S = 0.2
BUSY = {"nl": "Het taalmodel is bezig met andere vragen; je ziet het feitenantwoord. Vraag het zo nog eens.",
        "en": "The language model is busy with other questions; you see the facts answer. Ask again shortly."}


class QueueFullError(BackendUnavailableError):
    code = "llm_busy"


class QueueWaitError(BackendUnavailableError):
    code = "llm_busy"


class Ticket:
    def __init__(self, queue: LLMQueue) -> None:
        self._queue = queue

    def wait(self) -> Iterator[int]:
        """Yield this ticket's place (1 = next) each time it changes, until its turn; raise after the deadline."""
        yield from self._queue._wait(self)

    def release(self) -> None:
        self._queue._release(self)


class LLMQueue:
    def __init__(self, max_waiting: int = 4, wait_s: float = 90.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_waiting, self.wait_s, self.clock = max_waiting, wait_s, clock
        self._line: deque[Ticket] = deque()  # the first ticket is being served
        self._cond = threading.Condition()

    def ticket(self) -> Ticket:
        with self._cond:
            if len(self._line) > self.max_waiting:
                raise QueueFullError(f"{len(self._line) - 1} questions are already waiting for the language model",
                                     "ask again in a minute; the facts answer is shown meanwhile")
            ticket = Ticket(self)
            self._line.append(ticket)
            return ticket

    def waiting(self) -> int:
        with self._cond:
            return max(0, len(self._line) - 1)

    def _wait(self, ticket: Ticket) -> Iterator[int]:
        deadline, told = self.clock() + self.wait_s, -1
        while True:
            with self._cond:
                place = self._line.index(ticket) if ticket in self._line else 0
                if place == 0:
                    return
                if self.clock() > deadline:
                    self._line.remove(ticket)
                    self._cond.notify_all()
                    raise QueueWaitError(f"no turn for the language model within {self.wait_s:g} s",
                                         "ask again later; the facts answer is shown meanwhile")
                if place != told:
                    told = place
                else:
                    self._cond.wait(POLL_S)
                    continue
            yield place  # outside the lock: the consumer may take its time

    def _release(self, ticket: Ticket) -> None:
        with self._cond:
            if ticket in self._line:
                self._line.remove(ticket)
            self._cond.notify_all()
