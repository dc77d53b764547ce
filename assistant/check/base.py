"""One shape for every check on LLM text: `problems(sentence, evidence) -> list[Problem]`.

Number checks and text guards alike register here; the gate (assistant/check/gate.py) runs every
registered check on every sentence before it is shown. A new check is one class with `problems` and a
`register_check(...)` call in its module, plus its import line in assistant/check/__init__.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from assistant.check.references import References
from assistant.schemas import Fact, Problem

T = TypeVar("T")


class StoryLike(Protocol):
    """What the checks need of a story: a retrieval Story or an answer's StoryExcerpt."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def date(self) -> str | None: ...


@dataclass
class Notes:
    """What the checks could prove about one sentence (numbers bound, judgements judged or not)."""

    numbers: int = 0
    unbound_numbers: int = 0
    claims: int = 0
    interpretation: bool = False


@dataclass
class Evidence:
    """What one answer's sentences are checked against. Checks keep per-answer work in `memo`.

    `previous` holds the sentences of this answer already released (the subject carries over from them);
    `notes` is what the checks proved about the sentence being checked (the gate resets it per sentence).
    """

    facts: Sequence[Fact]
    stories: Sequence[StoryLike] = ()
    lang: str = "nl"
    refs: References = field(default_factory=lambda: References({}))
    system_prompt: str = ""
    previous: Sequence[str] = ()
    notes: Notes = field(default_factory=Notes)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]  # type: ignore[no-any-return]


class Check(Protocol):
    name: str

    def problems(self, sentence: str, evidence: Evidence) -> list[Problem]: ...


CHECKS: list[Check] = []


def register_check(check: Check) -> Check:
    """Add a check to the list the gate runs, in registration order (numbers first, then text guards)."""
    CHECKS[:] = [c for c in CHECKS if c.name != check.name] + [check]
    return check


def unregister_check(name: str) -> None:
    CHECKS[:] = [c for c in CHECKS if c.name != name]
