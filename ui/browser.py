"""Drive the real app in Debian's Chromium with Playwright: the E2E test and the README screenshots.

`python -m ui.browser docs/screenshots [--llm none|embedded] [--view answer|llm]` starts API + UI on free
ports with a fresh demo data dir and saves one screenshot per audience.
Playwright is a dev dependency; never `playwright install`.
"""

from __future__ import annotations

import argparse
import re
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.cli.launcher import Child, ensure_demo, start, stop, wait_ready
from assistant.core.settings import Settings
from ui.i18n import audience_label, audiences

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUESTION = "Is de jeugdzorg in Weverskwartier hoog?"
BADGE = re.compile("alle cijfers gecontroleerd|terugval op feitenantwoord|feitenantwoord \\(zonder taalmodel\\)")
CHART = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'


def free_ports(n: int = 2) -> list[int]:
    """n distinct free ports: all sockets stay bound until every port is known."""
    socks = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(n)]
    try:
        for sock in socks:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in socks]
    finally:
        for sock in socks:
            sock.close()


@contextmanager
def running_app(data_dir: Path, llm: str = "fake", embedder: str = "fake") -> Iterator[list[Child]]:
    """The real API (uvicorn) and Streamlit as child processes on free ports, stopped on exit."""
    api_port, ui_port = free_ports(2)
    settings = Settings(data_dir=data_dir, llm=llm, embedder=embedder, api_port=api_port)  # type: ignore[arg-type]
    ensure_demo(settings)
    children = start(settings, ui_port=ui_port)
    try:
        wait_ready(children, timeout_s=300)
        yield children
    finally:
        stop(children)


@contextmanager
def chromium(width: int = 1280, height: int = 900, timeout_s: float = 120) -> Iterator[Any]:
    """A Playwright page in /usr/bin/chromium with the flags this machine needs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, locale="nl-NL")
            page.set_default_timeout(timeout_s * 1000)
            yield page
        finally:
            browser.close()


def open_app(page: Any, url: str) -> None:
    page.goto(url)
    page.locator('[data-testid="stChatInputTextArea"]').wait_for(state="visible")


def choose_audience(page: Any, audience: str) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(audience_label(audience), exact=True).click()
    idle(page)


def idle(page: Any) -> None:
    """Wait until Streamlit has finished the current run (its running indicator is gone) and has removed or
    refreshed the elements of the run before (a stale element is drawn faded: no contrast to judge)."""
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached")
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")


def ask(page: Any, question: str) -> Any:
    """Type the question, send it and wait for the check badge of the new answer; returns the badge."""
    before = page.get_by_text(BADGE).count()
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill(question)
    box.press("Enter")
    badge = page.get_by_text(BADGE).nth(before)
    badge.wait_for(state="visible")
    idle(page)
    return badge


SCROLL = {  # where the screenshot frames the answer
    "answer": "e.scrollIntoView({block: 'start'})",
    # the first chart just above the chat input, so the LLM text and the badge sit right above it
    "llm": "e.style.scrollMarginBottom = '150px'; e.scrollIntoView({block: 'end'})",
}
# Streamlit keeps a chat scrolled to the bottom while content grows: scroll until the position holds.
SETTLE = "e => { const top = String(Math.round(e.getBoundingClientRect().top)); const held = e.dataset.top === top; " \
         "e.dataset.top = top; if (!held) { %s; } return held; }"


def frame(page: Any, view: str) -> None:
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for i in range(charts.count()):
        charts.nth(i).locator("canvas, svg").first.wait_for(state="visible")
    target = charts.first if view == "llm" else page.locator('[data-testid="stChatMessage"]').first
    page.wait_for_function(SETTLE % SCROLL[view], arg=target.element_handle(), polling=300)


def screenshots(out_dir: Path, llm: str, embedder: str, view: str = "answer") -> list[Path]:
    """One screenshot per audience answering QUESTION: the answer's start, or (view=llm) the LLM part."""
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp), llm, embedder) as children, \
            chromium(1280, 1100, timeout_s=900) as page:
        for audience in audiences():
            open_app(page, children[1].url)
            choose_audience(page, audience)
            ask(page, QUESTION)
            frame(page, view)
            path = out_dir / f"antwoord-{audience}.png"
            page.screenshot(path=str(path))
            saved.append(shrink(path))
    return saved


def shrink(path: Path) -> Path:
    """A 256-colour palette keeps interface screenshots sharp at a third of the size."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--llm", default="fake", help="LLM backend for the screenshots (default fake)")
    parser.add_argument("--embedder", default="fake")
    parser.add_argument("--view", choices=list(SCROLL), default="answer", help="frame the answer or the LLM part")
    args = parser.parse_args()
    for path in screenshots(args.out_dir, args.llm, args.embedder, args.view):
        print(path)


if __name__ == "__main__":
    main()
