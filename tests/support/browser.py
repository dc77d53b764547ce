"""The real API and UI for browser tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def browser_app(factory: pytest.TempPathFactory, name: str, llm: str = "fake") -> Iterator[str]:
    """The real API and UI (fake LLM) for one browser test module: skipped without Chromium, failed in CI."""
    from ui.browser import CHROMIUM, running_app

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI; .ci/run must `apt-get install -y chromium`")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    with running_app(factory.mktemp(name), llm=llm) as children:
        yield children[1].url
