"""Ingest a story file into the StoryStore: read, validate, scrub, then one atomic write.

Everything is read and checked before the store is touched, so a rejected file leaves it byte-identical.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from assistant.core.errors import BadInputError
from assistant.core.settings import Settings
from retrieval.models import ImportReport
from retrieval.stories.fields import KNOWN_FIELDS, SIGNIFIER_PREFIX, ParsedStory, RowError, build_story
from retrieval.stories.instructions import instruction_signs
from retrieval.stories.readers import RawStory, read_story_source
from retrieval.stories.store import StoryStore


def ingest_stories(
    path: Path,
    store: StoryStore,
    known_areas: Set[str] | None = None,
    settings: Settings | None = None,
) -> ImportReport:
    """Read a CSV, JSONL or Markdown folder of stories and store the scrubbed stories.

    known_areas: area codes the indicator store knows; when given, other codes are skipped per row.
    settings: keep_original_story_text decides whether the unscrubbed text is kept (default: not).
    """
    path = Path(path)
    fmt, rows = read_story_source(path)
    if not rows:
        raise BadInputError(key="story.none", file=path.name)
    areas = {a.upper() for a in known_areas} if known_areas is not None else None
    report = ImportReport(file=str(path), format=fmt, source=path.name, rows=len(rows))
    parsed = _parse_rows(rows, areas, path.name, report)
    keep = settings.keep_original_story_text if settings is not None else False
    stories = [p.story for p in parsed.values()]
    originals = {p.story.id: p.original for p in parsed.values()} if keep else None
    result = store.add_many(stories, originals) if stories else None
    report.changed = bool(result and result.changed)
    report.stored = len(stories)  # distinct ids kept, so a file that repeats an id is counted once
    report.areas = len({s.area_code for s in stories if s.area_code})
    report.flagged = [s.id for s in stories if s.flags]
    report.warnings.extend(_column_warnings(rows))
    if not any("consent" in r.data or "toestemming" in r.data for r in rows):
        report.warnings.append("geen veld consent: aangenomen dat alle vertellers toestemming gaven")
    return report


def _parse_rows(
    rows: list[RawStory], areas: set[str] | None, source: str, report: ImportReport
) -> dict[str, ParsedStory]:
    """Valid rows by story id (a later row with the same id wins); skips and counts go into report."""
    parsed: dict[str, ParsedStory] = {}
    for row in rows:
        try:
            if row.error:
                raise RowError(row.error)
            item = build_story(row.data, areas, source)
        except RowError as exc:
            report.skipped.append(f"{row.where}: {exc}")
            continue
        if item.story.id in parsed:
            report.warnings.append(f"{row.where}: id '{item.story.id}' kwam al eerder voor; deze regel telt")
        signs = instruction_signs(item.story.text) or instruction_signs(item.original or "")
        item.story.flags = signs  # an instruction to a model is no experience: kept for review, never quoted
        parsed[item.story.id] = item
        for kind, n in item.redactions.items():
            report.redactions[kind] = report.redactions.get(kind, 0) + n
    return parsed


def _column_warnings(rows: list[RawStory]) -> list[str]:
    seen = {k for r in rows for k in r.data}
    unknown = sorted(k for k in seen if k not in KNOWN_FIELDS and not k.startswith(SIGNIFIER_PREFIX))
    return [f"onbekend veld '{k}' genegeerd" for k in unknown]

