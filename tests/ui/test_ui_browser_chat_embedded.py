"""The four-turn conversation in Debian's Chromium with the real embedded model (llama.cpp + Qwen) behind the
API's queue: the second question is typed while the model still writes the first answer.

Integration: loads the 1.1 GB model; run it alone (`flock /work/llm.lock pytest -m integration …`).
The fake-LLM twin, with a slow OpenAI-protocol server, is tests/ui/test_ui_browser_chat.py.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from typing import Any

import pytest
from support.browser import browser_app
from support.paths import ARTIFACTS

from ui.browser import BADGE, chromium, idle, open_app

pytestmark = [pytest.mark.integration, pytest.mark.browser]
FIRST = "Hoeveel procent van de jongeren in Weverskwartier krijgt jeugdzorg?"
TURNS = [FIRST, "En in 2021?", "En vergeleken met Nederland?", "En in Lindenhove?"]
CUT_OFF = "Onderbroken door je volgende vraag"
# One turn may wait for the answer before it (at most LLM_TIMEOUT_S, the server finishes a cut-off turn) and
# then write its own: 2 × 180 s, well inside the 600 s a page waits. Bounded, never forever.
LLM_TIMEOUT_S, TURN_TIMEOUT_S = 180, 600


@pytest.fixture(scope="module")
def embedded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama_cpp not installed: pip install 'duiding[embedded]'")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DUIDING_LLM_TIMEOUT_S", str(LLM_TIMEOUT_S))
        env.setenv("DUIDING_LLM_QUEUE_WAIT_S", str(2 * LLM_TIMEOUT_S))
        with browser_app(tmp_path_factory, "chat-embedded", llm="embedded") as url:
            yield url


def _send(page: Any, question: str) -> None:
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill(question)
    box.press("Enter")


def test_four_turns_with_the_embedded_model_stay_in_order_and_in_context(embedded_app: str) -> None:
    with chromium(timeout_s=TURN_TIMEOUT_S) as page:
        open_app(page, embedded_app)
        _send(page, FIRST)
        # The facts answer is on screen; the model has not finished (it needs seconds for its first token).
        page.locator('[data-testid="stChatMessage"]').nth(1).get_by_text("Weverskwartier").first.wait_for()
        first_done_before = page.get_by_text(BADGE).count()
        for n, question in enumerate(TURNS[1:], start=1):
            _send(page, question)
            answer = page.locator('[data-testid="stChatMessage"]').nth(2 * n + 1)
            answer.get_by_text(BADGE).wait_for(state="visible")
            idle(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "ui-chat-four-turns-embedded.png"), full_page=True)
        found = page.locator('[data-testid="stChatMessage"]')
        shown = [found.nth(i).inner_text() for i in range(found.count())]
    (ARTIFACTS / "ui-chat-four-turns-embedded.txt").write_text("\n=====\n".join(shown))
    assert first_done_before == 0, "the second question should come while the first answer is being written"
    assert len(shown) == 8, len(shown)
    questions, answers = shown[0::2], shown[1::2]
    assert [q.strip().splitlines()[-1] for q in questions] == TURNS  # all four questions, in order
    assert "Weverskwartier" in answers[0] and "eugdzorg" in answers[0]  # the interrupted turn kept its facts
    assert CUT_OFF in answers[0] or BADGE.search(answers[0])  # cut off, or finished server-side
    assert "2021" in answers[1] and "Weverskwartier" in answers[1] and "eugdzorg" in answers[1]
    assert "Nederland" in answers[2] and "Weverskwartier" in answers[2] and "eugdzorg" in answers[2]
    assert "Lindenhove" in answers[3] and "eugdzorg" in answers[3]
    for answer in answers:
        assert "Fout" not in answer and "Traceback" not in answer
