"""End to end: the real API (uvicorn) and Streamlit as processes, driven in Debian's Chromium by Playwright.

Marked `browser`; CI runs it (.ci/run installs chromium). Elsewhere it skips when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from support.browser import browser_app
from support.paths import ARTIFACTS

from ui.browser import CHART, QUESTION, ask, chromium, open_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with browser_app(tmp_path_factory, "browser-data") as url:
        yield url


def test_question_in_a_real_browser_shows_facts_chart_badge_and_sources(app_url: str,
                                                                       demo_value_line: Callable[[str], str]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium() as page:
        open_app(page, app_url)
        badge = ask(page, QUESTION)
        assert badge.inner_text().strip() == "✓ alle cijfers gecontroleerd"
        answer = page.locator('[data-testid="stChatMessage"]').last
        answer.get_by_text(demo_value_line(QUESTION)).first.wait_for()
        answer.locator(CHART).first.wait_for(state="visible")
        sources = answer.locator('[data-testid="stExpander"]').filter(has_text="Bronnen")
        sources.locator("summary").click()
        detail = sources.get_by_text("Weverskwartier (WK990110)").first
        detail.wait_for(state="visible")
        assert "jeugdzorg_pct" in sources.inner_text()
        page.screenshot(path=str(ARTIFACTS / "ui-e2e.png"), full_page=True)


def test_follow_up_button_in_a_real_browser(app_url: str) -> None:
    with chromium() as page:
        open_app(page, app_url)
        ask(page, QUESTION)
        # the follow-up for the trend of this figure, as the answer offers it
        page.get_by_role("button", name=re.compile(r"^Hoe is .*veranderd")).first.click()
        page.get_by_text("✓ alle cijfers gecontroleerd").nth(1).wait_for(state="visible")
        trend = page.locator('[data-testid="stChatMessage"]').last.locator(CHART)
        trend.first.wait_for(state="visible")
        page.screenshot(path=str(ARTIFACTS / "ui-e2e-follow-up.png"))
