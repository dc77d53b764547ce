"""CLI commands for stories: `duiding ingest stories PATH`, `duiding stories`, `duiding stories delete ID`,
`duiding stories reindex`.

Registered on the main group in assistant/cli.py.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assistant.cli.language import error_line
from assistant.core.errors import DuidingError
from assistant.core.messages import cli_help, env_lang, render
from assistant.core.settings import Settings
from retrieval.models import ImportReport, Story
from retrieval.search.indexing import open_story_store

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """A DuidingError shown as one line on stderr ("Fout: … — fix"), exit code 1, no traceback."""

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


def friendly_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DuidingError as exc:
            raise UserError(error_line(exc)) from exc

    return wrapper  # type: ignore[return-value]


def _settings(ctx: click.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj["settings"] if isinstance(obj, dict) and "settings" in obj else Settings()


def _known_areas(settings: Settings) -> set[str] | None:
    """Area codes from the indicator store; None (no check) while no tables are loaded."""
    from retrieval.tables.store import IndicatorStore

    areas = IndicatorStore(settings.indicator_dir).load().areas
    return set(areas["area_code"].astype(str)) if len(areas) else None


def _print_report(report: ImportReport) -> None:
    lang = env_lang()
    redacted = ", ".join(f"{k} {v}" for k, v in sorted(report.redactions.items())) or render("cli.nothing", lang)[0]
    click.echo(render("cli.stories_report", lang, file=report.file, rows=report.rows, stored=report.stored,
                      skipped=len(report.skipped), redacted=redacted)[0]
               + ("" if report.changed else render("cli.no_change", lang)[0]))
    if report.flagged:
        click.echo(f"  {len(report.flagged)} verhalen lijken een opdracht aan het taalmodel; ze worden niet "
                   "gebruikt of geciteerd. Bekijk ze met `duiding stories --flagged`.")
    for line in report.skipped:
        click.echo(f"  overgeslagen: {line}")
    for line in report.warnings:
        click.echo(f"  let op: {line}")


@click.command("stories", help=cli_help("help.ingest_stories"))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=cli_help("help.json_report"))
@click.pass_context
@friendly_errors
def ingest_stories_cmd(ctx: click.Context, path: Path, as_json: bool) -> None:
    """Import stories (CSV, JSONL or a folder of Markdown); personal data is scrubbed first."""
    from assistant.cli.progress import embed_progress
    from retrieval.stories.ingest import ingest_stories

    settings = _settings(ctx)
    with embed_progress() as progress:  # only new or changed stories are embedded (content hash)
        report = ingest_stories(path, open_story_store(settings, progress), _known_areas(settings), settings)
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        _print_report(report)


def _signs(story: Story) -> list[str]:
    """Stored flags, else the check now (stories imported before flagging existed)."""
    from retrieval.stories.instructions import instruction_signs

    return story.flags or instruction_signs(story.text)


def _print_flagged(found: list[Story], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([s.model_dump() | {"flags": _signs(s)} for s in found], ensure_ascii=False, indent=2))
        return
    for story in found:
        click.echo(_story_line(story))
        click.echo(f"{'':<14} reden: {'; '.join(_signs(story))}")
    click.echo(f"{len(found)} verhalen gemarkeerd als opdracht aan het taalmodel: niet gebruikt, niet geciteerd. "
               "Verwijder er een met `duiding stories delete ID`." if found else "Geen gemarkeerde verhalen.")


def _story_line(story: Story) -> str:
    text = " ".join(story.text.split())
    short = text if len(text) <= 80 else text[:79] + "…"
    themes = ",".join(story.themes) or "-"
    return f"{story.id:<14} {story.area_code or '-':<10} {story.date or '-':<10} {themes:<20} {short}"


@click.group("stories", invoke_without_command=True, help=cli_help("help.stories"))
@click.option("--area", default=None, help=cli_help("help.story_area"))
@click.option("--theme", default=None, help=cli_help("help.theme"))
@click.option("--role", default=None, help=cli_help("help.role"))
@click.option("--q", "query", default=None, help=cli_help("help.query"))
@click.option("--json", "as_json", is_flag=True, help=cli_help("help.json_stories"))
@click.option("--flagged", is_flag=True, help=cli_help("help.flagged"))
@click.pass_context
@friendly_errors
def stories(ctx: click.Context, area: str | None, theme: str | None, role: str | None,
            query: str | None, as_json: bool, flagged: bool) -> None:
    """List stored stories; `duiding stories delete ID` removes one everywhere."""
    if ctx.invoked_subcommand:
        return
    if query:
        from assistant.cli.retrieval import search_stories_cli

        search_stories_cli(_settings(ctx), query, area, theme, role, k=10, as_json=as_json)
        return
    found = open_story_store(_settings(ctx)).list(area=area, theme=theme, role=role)
    if flagged:
        _print_flagged([s for s in found if _signs(s)], as_json)
        return
    if as_json:
        click.echo(json.dumps([s.model_dump() for s in found], ensure_ascii=False, indent=2))
        return
    for story in found:
        click.echo(_story_line(story))
    if not found:
        click.echo("Geen verhalen gevonden. Importeer ze met `duiding ingest stories PAD`.")


@stories.command("delete", help=cli_help("help.story_delete"))
@click.argument("story_id")
@click.pass_context
@friendly_errors
def delete_story(ctx: click.Context, story_id: str) -> None:
    """Delete a story from the store and every index."""
    open_story_store(_settings(ctx)).delete(story_id)
    click.echo(f"Verhaal {story_id} is verwijderd.")


@stories.command("reindex", help=cli_help("help.reindex"))
@click.pass_context
@friendly_errors
def reindex_stories(ctx: click.Context) -> None:
    """Rebuild the search index from the stored stories (also when it is corrupt)."""
    from retrieval.search.repair import rebuild_index

    counts, moved = rebuild_index(_settings(ctx))
    if moved is not None:
        click.echo(f"De oude zoekindex was beschadigd; die staat nu in {moved} (die map mag weg).")
    click.echo(f"Zoekindex opnieuw opgebouwd: {counts.stories} verhalen ({counts.chunks} stukken), "
               f"{counts.glossary} begrippen, {counts.indicators} indicatoren.")
