"""Real servers as subprocesses for tests: `chroma run`, `duiding serve`, `llama_cpp.server`.

Each binds 127.0.0.1 on a free port, is waited for until it answers, and is killed (by its own pid) on exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from eval.load import free_port

VENV_BIN = Path(sys.executable).parent


def chroma_binary() -> Path | None:
    """The `chroma` CLI that ships with the chromadb package (next to this Python, or on PATH)."""
    here = VENV_BIN / "chroma"
    if here.exists():
        return here
    import shutil

    found = shutil.which("chroma")
    return Path(found) if found else None


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:]


@contextmanager
def running(cmd: list[str], ready_url: str, log: Path, timeout_s: float = 60.0,
            env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """Start cmd, wait until GET ready_url answers 200, and kill the process (and only it) on exit."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}: {_tail(log)}")
            try:
                if httpx.get(ready_url, timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{cmd[0]} not ready within {timeout_s:g} s: {_tail(log)}")
            time.sleep(0.1)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@contextmanager
def chroma_server(root: Path) -> Iterator[str]:
    """`chroma run --path root/db` on a free loopback port; yields its URL."""
    binary = chroma_binary()
    if binary is None:
        raise RuntimeError("the `chroma` CLI is missing: reinstall chromadb (`pip install -e .`)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [str(binary), "run", "--path", str(root / "db"), "--host", "127.0.0.1", "--port", str(port)]
    with running(cmd, f"{url}/api/v2/heartbeat", root / "chroma.log"):
        yield url


@contextmanager
def duiding_serve(data_dir: Path, log: Path, *args: str, env: dict[str, str] | None = None,
                  timeout_s: float = 120.0) -> Iterator[str]:
    """`duiding serve` (real uvicorn) in a subprocess on a free loopback port; yields its base URL."""
    port = free_port()
    root = Path(__file__).resolve().parents[2]
    cmd = [sys.executable, "-c", "from assistant.cli.main import main; main()", "--data-dir", str(data_dir), "serve",
           "--host", "127.0.0.1", "--port", str(port), *args]
    full_env = {"PYTHONPATH": str(root), "ANONYMIZED_TELEMETRY": "False", **(env or {})}
    with running(cmd, f"http://127.0.0.1:{port}/healthz", log, timeout_s, env=full_env):
        yield f"http://127.0.0.1:{port}"
