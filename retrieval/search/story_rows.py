"""What the vector index stores per story: chunk ids, texts, embedding inputs, metadata and a content hash.

The hash covers everything that goes into the index for a story (the embedded inputs and the metadata),
so re-importing a collection embeds only the stories that are new or changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from retrieval.models import Story
from retrieval.search.chunking import split_text
from retrieval.stories.filter import MetaValue, story_context, story_metadata

HASH_KEY = "content_hash"
Progress = Callable[[int, int], None]  # (texts embedded so far, texts to embed)


@dataclass
class StoryRows:
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    metas: list[dict[str, MetaValue]] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)


def story_rows(stories: Sequence[Story], chunk_chars: int) -> StoryRows:
    """One row per chunk; every chunk carries its story's content hash."""
    rows = StoryRows()
    for story in stories:
        base = story_metadata(story)
        chunks = split_text(story.text, chunk_chars)
        inputs = [story_context(story) + chunk for chunk in chunks]
        digest = _digest(inputs, base)
        rows.hashes[story.id] = digest
        for i, (chunk, text_in) in enumerate(zip(chunks, inputs, strict=True)):
            rows.ids.append(f"{story.id}#{i}")
            rows.texts.append(chunk)
            rows.inputs.append(text_in)
            rows.metas.append({**base, "chunk_index": i, HASH_KEY: digest})
    return rows


def content_hashes(stories: Sequence[Story], chunk_chars: int) -> dict[str, str]:
    return story_rows(stories, chunk_chars).hashes


def _digest(inputs: Sequence[str], meta: dict[str, MetaValue]) -> str:
    body = json.dumps([list(inputs), sorted(meta.items())], ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]
