"""The story store: scrubbed experience stories as JSONL under settings.story_dir.

The JSONL file is the source of truth. Derived indexes (the vector store) subscribe as listeners and are
told about every add and delete, so that deleting a story removes it everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from assistant.core.errors import NotFoundError
from assistant.core.settings import Settings
from retrieval.models import Story
from retrieval.tables.atomic import remove_stale_temps, write_atomic, writer_lock

STORIES_FILE = "stories.jsonl"
# Unscrubbed text, only written when keep_original_story_text is on; kept apart so it never gets indexed.
ORIGINALS_FILE = "originals.jsonl"


@runtime_checkable
class StoryIndexListener(Protocol):
    """A derived index that mirrors the store. Both calls must be idempotent."""

    def on_added(self, stories: Sequence[Story]) -> None:
        """Upsert these stories (new ones and new versions of known ids)."""

    def on_deleted(self, ids: Sequence[str]) -> None:
        """Remove these ids and every piece of their text; unknown ids are not an error."""


class InMemoryStoryIndex:
    """The shipped fake listener: a dict of what the index would hold."""

    def __init__(self) -> None:
        self.stories: dict[str, Story] = {}
        self.events: list[tuple[str, list[str]]] = []

    def on_added(self, stories: Sequence[Story]) -> None:
        self.stories.update({s.id: s for s in stories})
        self.events.append(("added", [s.id for s in stories]))

    def on_deleted(self, ids: Sequence[str]) -> None:
        for story_id in ids:
            self.stories.pop(story_id, None)
        self.events.append(("deleted", list(ids)))


@dataclass(frozen=True)
class AddResult:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


class StoryStore:
    """Scrubbed stories on disk, with listeners kept in sync."""

    def __init__(self, directory: Path, listeners: Iterable[StoryIndexListener] = ()) -> None:
        self.directory = Path(directory)
        self.listeners: list[StoryIndexListener] = list(listeners)

    @classmethod
    def from_settings(cls, settings: Settings, listeners: Iterable[StoryIndexListener] = ()) -> StoryStore:
        return cls(settings.story_dir, listeners)

    def subscribe(self, listener: StoryIndexListener, replay: bool = True) -> None:
        """Attach an index; with replay it first receives every stored story (a full rebuild)."""
        self.listeners.append(listener)
        if replay:
            listener.on_added(self.list())

    # --- reading ---
    def _load(self) -> dict[str, Story]:
        path = self.directory / STORIES_FILE
        if not path.exists():
            return {}
        lines = path.read_text(encoding="utf-8").splitlines()
        return {s.id: s for s in (Story.model_validate_json(line) for line in lines if line.strip())}

    def _load_originals(self) -> dict[str, str]:
        path = self.directory / ORIGINALS_FILE
        if not path.exists():
            return {}
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return {row["id"]: row["text"] for row in rows}

    def list(self, area: str | None = None, theme: str | None = None, role: str | None = None,
             q: str | None = None) -> list[Story]:
        """Stories in stored order, filtered by area code, theme, role and a plain substring."""
        out = []
        for story in self._load().values():
            if area and (story.area_code or "").upper() != area.upper():
                continue
            if theme and theme.lower() not in (t.lower() for t in story.themes):
                continue
            if role and (story.role or "").lower() != role.lower():
                continue
            if q and q.casefold() not in story.text.casefold():
                continue
            out.append(story)
        return out

    def get(self, story_id: str) -> Story:
        story = self._load().get(story_id)
        if story is None:
            raise NotFoundError(key="story.not_found", story_id=story_id)
        return story

    def count(self) -> int:
        return len(self._load())

    def original_text(self, story_id: str) -> str | None:
        """The unscrubbed text, if it was kept."""
        return self._load_originals().get(story_id)

    # --- writing ---
    def add_many(self, stories: Sequence[Story], originals: Mapping[str, str] | None = None) -> AddResult:
        """Insert or replace by id; writes nothing when every story is already stored as given."""
        with writer_lock(self.directory):
            self._clean_temps()
            current, kept = self._load(), self._load_originals()
            changed = [s for s in stories if current.get(s.id) != s]
            added = sum(1 for s in changed if s.id not in current)
            new_kept = dict(kept)
            for story in stories:
                # Without a fresh original the old one goes too: it may predate a correction.
                if originals and story.id in originals:
                    new_kept[story.id] = originals[story.id]
                else:
                    new_kept.pop(story.id, None)
            current.update({s.id: s for s in changed})
            if changed:
                self._write(current)
            if new_kept != kept:
                self._write_originals(new_kept)
        if changed:
            for listener in self.listeners:
                listener.on_added(changed)
        return AddResult(added, len(changed) - added, len(stories) - len(changed))

    def delete(self, story_id: str) -> None:
        """Remove a story from every listener, then from the store files."""
        # Listeners go first: if one fails, the story is still in the store and a retry can finish the job.
        for listener in self.listeners:
            listener.on_deleted([story_id])
        with writer_lock(self.directory):
            self._clean_temps()
            current, kept = self._load(), self._load_originals()
            if story_id not in current and story_id not in kept:
                raise NotFoundError(key="story.not_found", story_id=story_id)
            if current.pop(story_id, None) is not None:
                self._write(current)
            if kept.pop(story_id, None) is not None:
                self._write_originals(kept)

    def _write(self, stories: Mapping[str, Story]) -> None:
        body = "".join(s.model_dump_json() + "\n" for s in stories.values())
        write_atomic(self.directory / STORIES_FILE, body.encode("utf-8"))

    def _write_originals(self, originals: Mapping[str, str]) -> None:
        path = self.directory / ORIGINALS_FILE
        if not originals:
            path.unlink(missing_ok=True)
            return
        body = "".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n" for k, v in originals.items())
        write_atomic(path, body.encode("utf-8"))

    def _clean_temps(self) -> None:
        remove_stale_temps(self.directory, STORIES_FILE)
        remove_stale_temps(self.directory, ORIGINALS_FILE)
