"""`duiding datasets`: list the imports in the store, and remove one."""

from __future__ import annotations

import click

from assistant.cli.stories import friendly_errors
from assistant.core.messages import cli_help
from assistant.core.settings import Settings


def _store(ctx: click.Context):  # type: ignore[no-untyped-def]
    from retrieval.tables.store import IndicatorStore

    settings: Settings = ctx.obj["settings"]
    return IndicatorStore(settings.indicator_dir)


@click.group("datasets", invoke_without_command=True, help=cli_help("help.datasets"))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@friendly_errors
def datasets(ctx: click.Context, as_json: bool) -> None:
    """List the datasets (one per import): id, file, table, source, gemeenten, years, rows, import time."""
    if ctx.invoked_subcommand is not None:
        return
    found = _store(ctx).datasets()
    if as_json:
        click.echo("[" + ",\n".join(d.model_dump_json() for d in found) + "]")
        return
    if not found:
        click.echo("Er zijn nog geen datasets. Laad er een met `duiding ingest tables FILE`.")
    for d in found:
        gemeenten = ", ".join(f"{n} ({c})" for c, n in zip(d.gemeenten, d.gemeente_names, strict=False))
        click.echo(f"{d.id}  {d.file}  {d.table}  {d.source}  {gemeenten}  {', '.join(map(str, d.years))}  "
                   f"{d.rows} rows, {d.values} values  {d.imported}")


@datasets.command("remove", help=cli_help("help.dataset_remove"))
@click.argument("dataset_id")
@click.pass_context
@friendly_errors
def remove(ctx: click.Context, dataset_id: str) -> None:
    """Remove one dataset; the answers no longer use its figures."""
    from retrieval.tables.datasets import label

    gone = _store(ctx).remove_dataset(dataset_id)
    click.echo(f"Verwijderd: {gone.id} ({label(gone)}), {gone.values} waarden.")
