"""CLI for retrieval: `duiding reindex`, and the search behind `duiding stories --q TEXT`."""

from __future__ import annotations

import json

import click

from assistant.core.messages import cli_help
from assistant.core.settings import Settings


def _area_infos(settings: Settings) -> list:  # type: ignore[type-arg]
    """Areas from the indicator store, so a stadsdeel expands and a thin buurt falls back to its wijk."""
    from retrieval.search.area_scope import AreaInfo
    from retrieval.tables.areas import area_table
    from retrieval.tables.store import IndicatorStore

    refs = area_table(IndicatorStore(settings.indicator_dir).load().areas)
    return [AreaInfo(r.code, r.name, r.level, r.parent_code) for r in refs]


def search_stories_cli(settings: Settings, query: str, area: str | None, theme: str | None,
                       role: str | None, k: int, as_json: bool) -> None:
    """Print the hybrid search result for `duiding stories --q`."""
    from retrieval.search.indexing import open_retriever
    from retrieval.stories.filter import StoryFilter

    retriever = open_retriever(settings, _area_infos(settings))
    flt = StoryFilter(area_codes=(area,) if area else (), themes=(theme,) if theme else (), role=role)
    result = retriever.search_stories(query, flt, k)
    if as_json:
        hits = [{"story_id": h.story_id, "score": round(h.score, 4), "area_code": h.area_code, "date": h.date,
                 "themes": list(h.themes), "role": h.role, "matched_chunk": h.matched_chunk} for h in result.hits]
        click.echo(json.dumps({"hits": hits, "fallback_note": result.fallback_note}, ensure_ascii=False, indent=2))
        return
    if result.fallback_note:
        click.echo(f"Let op: {result.fallback_note}")
    for hit in result.hits:
        text = " ".join(hit.matched_chunk.split())
        short = text if len(text) <= 90 else text[:89] + "…"
        click.echo(f"{hit.story_id:<14} {hit.area_code or '-':<10} {','.join(hit.themes) or '-':<20} {short}")
    if not result.hits:
        click.echo("Geen passende verhalen gevonden.")


@click.command("reindex", help=cli_help("help.reindex"))
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the search index (stories, glossary, indicator definitions); same as `duiding stories reindex`."""
    from retrieval.search.repair import rebuild_index

    obj = ctx.find_root().obj
    settings = obj["settings"] if isinstance(obj, dict) and "settings" in obj else Settings()
    counts, moved = rebuild_index(settings)
    if moved is not None:
        click.echo(f"De oude zoekindex was beschadigd; die staat nu in {moved} (die map mag weg).")
    click.echo(f"Index {settings.embedder}: {counts.stories} verhalen ({counts.chunks} stukken), "
               f"{counts.glossary} begrippen, {counts.indicators} indicatoren.")
