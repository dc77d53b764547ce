"""`duiding run` (API + Streamlit as child processes) and `duiding smoke` (one demo question in-process)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import httpx
from pydantic import SecretStr

from assistant.core.errors import DuidingError
from assistant.core.messages import Pick
from assistant.core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "ui" / "app.py"
SMOKE_QUESTION = "Is de jeugdzorg in Weverskwartier hoog?"
Echo = Callable[[str], None]


WHO = {"API": Pick("de API", "the API"), "interface": Pick("het chatscherm", "the interface"),
       "UI": Pick("het chatscherm", "the UI")}


class LaunchError(DuidingError):
    """A child process could not start or stopped on its own."""


@dataclass
class Child:
    name: str
    proc: subprocess.Popen[bytes]
    url: str
    health: str


def ensure_demo(settings: Settings) -> bool:
    """Load the demo city (figures and stories) when the data dir has no figures yet; True if it did."""
    from assistant.cli.demo import demo
    from retrieval.tables.store import IndicatorStore

    if not IndicatorStore(settings.indicator_dir).load().is_empty:
        return False
    demo.main(args=[], obj={"settings": settings}, standalone_mode=False)
    return True


def default_area(settings: Settings) -> str | None:
    """settings.default_area, else the wijk with the most stories (ties: the lowest code)."""
    if settings.default_area:
        return settings.default_area
    from retrieval.search.indexing import open_story_store
    from retrieval.stories.filter import wijk_of

    try:
        stories = open_story_store(settings).list()
    except (DuidingError, OSError):
        return None
    counts = Counter(w for w in (wijk_of(s.area_code) for s in stories) if w)
    return max(sorted(counts), key=counts.__getitem__) if counts else None


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) != 0


def _check_port(host: str, port: int, what: str, option: str) -> None:
    if not port_free(host, port):
        raise LaunchError(key="launch.port_in_use", port=port, host=host, what=WHO.get(what, what), option=option)


def settings_env(settings: Settings) -> dict[str, str]:
    """Every setting as its DUIDING_ variable, so the children run with exactly these settings."""
    env: dict[str, str] = {}
    for name, value in settings.model_dump().items():
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        elif isinstance(value, Path):  # children run from the repo root: relative paths would move
            value = value.expanduser().resolve()
        if value is not None:
            env[f"DUIDING_{name.upper()}"] = json.dumps(value) if isinstance(value, list) else str(value)
    return env


def child_env(settings: Settings, api_url: str, area: str | None) -> dict[str, str]:
    env = dict(os.environ, **settings_env(settings), DUIDING_API_URL=api_url, PYTHONUNBUFFERED="1")
    if area:
        env["DUIDING_DEFAULT_AREA"] = area
    return env


def api_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-c", "from assistant.cli.main import main; main()", "serve", "--host", host,
            "--port", str(port)]


def ui_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", host,
            "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]


def start(settings: Settings, ui_port: int, host: str = "127.0.0.1") -> list[Child]:
    """Start the API and the UI; the caller must stop() what this returns."""
    api_port = settings.api_port
    _check_port(host, api_port, "API", "DUIDING_API_PORT")
    _check_port(host, ui_port, "interface", "--ui-port")
    api_url, ui_url = f"http://{host}:{api_port}", f"http://{host}:{ui_port}"
    env = child_env(settings, api_url, default_area(settings))
    children = [Child("API", subprocess.Popen(api_command(host, api_port), env=env, cwd=ROOT),
                      api_url, f"{api_url}/healthz")]
    try:
        children.append(Child("UI", subprocess.Popen(ui_command(host, ui_port), env=env, cwd=ROOT),
                              ui_url, f"{ui_url}/_stcore/health"))
    except OSError:
        stop(children)
        raise
    return children


def wait_ready(children: list[Child], timeout_s: float = 600.0, interval_s: float = 0.25) -> None:
    """Poll each child's health URL until it answers 200; fail fast when a child exits."""
    deadline = time.monotonic() + timeout_s
    for child in children:
        while True:
            code = child.proc.poll()
            if code is not None:
                raise LaunchError(key="launch.stopped", what=WHO.get(child.name, child.name), code=code)
            try:
                if httpx.get(child.health, timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise LaunchError(key="launch.no_answer", what=WHO.get(child.name, child.name), url=child.health,
                                  seconds=f"{timeout_s:.0f}")
            time.sleep(interval_s)


def stop(children: list[Child], grace_s: float = 10.0) -> None:
    """SIGTERM every child that still runs, then SIGKILL what has not exited after grace_s."""
    for child in children:
        if child.proc.poll() is None:
            child.proc.terminate()
    for child in children:
        try:
            child.proc.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            child.proc.kill()
            child.proc.wait()


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(settings: Settings, ui_port: int = 8501, echo: Echo = print) -> int:
    """Demo data if empty, then API and UI until Ctrl-C or SIGTERM; both children are always stopped."""
    ensure_demo(settings)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    children: list[Child] = []
    try:
        children = start(settings, ui_port)
        wait_ready(children)
        echo(f"Duiding draait op {children[1].url}  (API {children[0].url}, taalmodel: {settings.llm}). "
             "Stoppen: Ctrl-C.")
        while all(c.proc.poll() is None for c in children):
            time.sleep(0.5)
        gone = next(c for c in children if c.proc.poll() is not None)
        echo(f"De {gone.name} is gestopt (exit code {gone.proc.returncode}); ik stop de rest.")
        return 1
    except KeyboardInterrupt:
        echo("Duiding stopt…")
        return 0
    finally:
        stop(children)
        signal.signal(signal.SIGTERM, previous)


def smoke(settings: Settings, question: str = SMOKE_QUESTION, echo: Echo = print) -> int:
    """Answer one demo question in-process with the configured LLM backend; 0 when facts came back."""
    from assistant.conversations import ChatService, ConversationStore
    from assistant.schemas import Question
    from assistant.wiring import build_app_deps

    ensure_demo(settings)
    deps = build_app_deps(settings)
    answer = ChatService(deps, ConversationStore()).ask(Question(question=question, audience=settings.audience))
    echo(f"Vraag: {question}\n\n{answer.deterministic}")
    if answer.llm_text and answer.check.ok and not answer.llm.fallback_used:
        echo(f"\n[taalmodel {answer.llm.backend}, ✓ alle cijfers gecontroleerd]\n{answer.llm_text}")
    else:
        echo(f"\n[taalmodel {answer.llm.backend}: feitenantwoord] {answer.llm.reason}".rstrip())
    for notice in answer.notices:
        echo(f"Let op: {notice}")
    if not answer.facts:
        echo("Geen feiten gevonden: laad de demo in een lege map (DUIDING_DATA_DIR) met `duiding demo`.")
        return 1
    return 0
