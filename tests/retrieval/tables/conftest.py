"""The table readers' tests pin the English wording of their errors (tests/data/bad/cases.yaml); the Dutch
texts and the one-language rule are checked for every code in tests/core/test_messages_catalogue.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DUIDING_LANG", "en")
    yield
