"""`duiding demo`: load the fictional city Duinhaven into the data dir. Registered in assistant/cli.py."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from assistant.core.errors import DuidingError
from assistant.core.messages import cli_help
from assistant.core.settings import Settings
from retrieval.models import ImportReport


def _settings(ctx: click.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj["settings"] if isinstance(obj, dict) and "settings" in obj else Settings()


@click.command("demo", help=cli_help("help.demo"))
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Laad de demostad Duinhaven (fictief). Vervangt de cijfers in de data-map."""
    from retrieval.demo.city import DEMO_DIR, SOURCE, load_demo
    from retrieval.tables.store import IndicatorStore

    settings = _settings(ctx)
    store = IndicatorStore(settings.indicator_dir)
    try:
        report = load_demo(store)
    except DuidingError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{SOURCE}: {report.areas} gebieden, {report.indicators} indicatoren, {report.values} waarden, "
               f"{report.suppressed} geheim (kleine aantallen), jaren {report.years} (2023 voorlopig)")
    click.echo("Let op: Duinhaven bestaat niet; alle cijfers zijn verzonnen om mee te oefenen.")
    click.echo(_load_stories(settings, DEMO_DIR / "stories.jsonl", store))


def _load_stories(settings: Settings, path: Path, store: Any) -> str:
    """The demo stories come from another part of the project; skip quietly until they exist."""
    ingest = _story_ingester()
    if ingest is None or not path.is_file():
        return "stories: not yet available"
    known = set(store.load().areas["area_code"].astype(str))
    report: ImportReport = ingest(path, _story_store(settings), known, settings)
    stored = report.rows - len(report.skipped)
    return f"stories: {stored} van {report.rows} verhalen geladen" + (
        "" if report.changed else " (al geladen)")


def _story_ingester() -> Callable[..., ImportReport] | None:
    for module in ("retrieval.stories.ingest", "retrieval.stories.store"):
        try:
            fn = getattr(importlib.import_module(module), "ingest_stories", None)
        except ImportError:
            continue
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    return None


def _story_store(settings: Settings) -> Any:
    """Prefer the CLI's story store, which attaches the derived (vector) indexes."""
    try:
        from retrieval.search.indexing import open_story_store
    except ImportError:
        from retrieval.stories.store import StoryStore

        return StoryStore.from_settings(settings)
    return open_story_store(settings)
