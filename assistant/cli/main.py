"""The `duiding` command line. Errors print one line with the fix; no tracebacks."""

from __future__ import annotations

import errno
import json
import sys
from pathlib import Path

import click

from assistant.cli.ask import ask, chat, models
from assistant.cli.datasets import datasets
from assistant.cli.demo import demo
from assistant.cli.language import error_line, use_language
from assistant.cli.retrieval import reindex
from assistant.cli.stories import friendly_errors, ingest_stories_cmd, stories
from assistant.cli.tokens import tokens
from assistant.core import registry
from assistant.core.errors import DuidingError
from assistant.core.messages import cli_help, env_lang, render
from assistant.core.settings import Settings
from retrieval.models import ImportReport


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]  # type: ignore[no-any-return]


def _store(ctx: click.Context):  # type: ignore[no-untyped-def]
    from retrieval.tables.store import IndicatorStore

    return IndicatorStore(_settings(ctx).indicator_dir)


@click.group(help=cli_help("help.cli"))
@click.option("--data-dir", type=click.Path(path_type=Path), help=cli_help("help.data_dir"))
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """Duiding: cijfers en verhalen over je wijk, uitgelegd."""
    settings = Settings(data_dir=data_dir) if data_dir else Settings()
    ctx.obj = {"settings": settings}


@cli.group(help=cli_help("help.ingest"))
def ingest() -> None:
    """Load tables or stories into the data dir."""


@ingest.command("tables", help=cli_help("help.ingest_tables"))
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(registry.names("table_format")),
              default=None, help=cli_help("help.format"))
@click.option("--year", type=int, default=None, help=cli_help("help.year"))
@click.option("--names", type=click.Path(path_type=Path), help=cli_help("help.names"))
@click.option("--metadata", type=click.Path(path_type=Path), help=cli_help("help.metadata"))
@click.option("--status", type=click.Choice(["definitief", "voorlopig"]), default="definitief")
@click.option("--source", default=None, help=cli_help("help.source"))
@click.option("--map", "mapping", default=None,
              help=cli_help("help.map"))
@click.option("--sheet", default=None, help=cli_help("help.sheet"))
@click.option("--gemeente", default=None, help=cli_help("help.gemeente_only"))
@click.option("--json", "as_json", is_flag=True, help=cli_help("help.json_report"))
@click.pass_context
@friendly_errors
def ingest_tables(
    ctx: click.Context, path: Path, fmt: str | None, year: int | None, names: Path | None,
    metadata: Path | None, status: str, source: str | None, mapping: str | None, sheet: str | None,
    gemeente: str | None, as_json: bool,
) -> None:
    """Import an indicator table and print the import report."""
    from retrieval.tables.ingest import ingest_table

    extra = {"source": source, "mapping": mapping, "sheet": sheet, "gemeente": gemeente}
    opts = {"status": status} | {k: v for k, v in extra.items() if v}
    report = ingest_table(_store(ctx), path, fmt, year=year, names=names, metadata=metadata, **opts)
    _print_report(report, as_json)


@cli.command("import-cbs", help=cli_help("help.ingest_online"))
@click.argument("table_id")
@click.option("--gemeente", required=True, help=cli_help("help.gemeente"))
@click.option("--year", type=int, default=None, help=cli_help("help.table_year"))
@click.option("--status", type=click.Choice(["definitief", "voorlopig"]), default="definitief")
@click.option("--json", "as_json", is_flag=True, help=cli_help("help.json_report"))
@click.pass_context
@friendly_errors
def import_cbs_cmd(
    ctx: click.Context, table_id: str, gemeente: str, year: int | None, status: str, as_json: bool
) -> None:
    """Import a CBS KWB table for one gemeente straight from StatLine (needs internet)."""
    from retrieval.tables.cbs_online import import_cbs

    _print_report(import_cbs(_store(ctx), table_id, gemeente, year=year, status=status), as_json)


def _print_report(report: ImportReport, as_json: bool) -> None:
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    lang = env_lang()
    click.echo(render("cli.tables_report", lang, file=report.file, rows=report.rows, areas=report.areas,
                      indicators=report.indicators, values=report.values, suppressed=report.suppressed,
                      years=report.years)[0] + ("" if report.changed else render("cli.no_change", lang)[0]))
    for line in report.skipped:
        click.echo(f"  {render('cli.skipped', lang)[0]}: {line}")
    for line in report.warnings:
        click.echo(f"  {render('cli.warning', lang)[0]}: {line}")


@cli.command(help=cli_help("help.areas"))
@click.option("--level", default=None, help=cli_help("help.level"))
@click.pass_context
def areas(ctx: click.Context, level: str | None) -> None:
    """List the areas in the store."""
    from retrieval.tables.areas import area_table

    refs = area_table(_store(ctx).load().areas)
    for r in refs:
        if level is None or r.level == level:
            click.echo(f"{r.code:<12} {r.level:<10} {r.name:<40} {r.dataset}")
    if not refs:
        click.echo(render("cli.no_areas", env_lang())[0])


@cli.command(help=cli_help("help.indicators"))
@click.pass_context
def indicators(ctx: click.Context) -> None:
    """List the indicators that have values in the store."""
    data = _store(ctx).load()
    for ind_id in sorted(data.values["indicator"].unique()):
        d = data.catalogue.get(ind_id)
        click.echo(f"{ind_id:<32} {d.unit if d else '?':<12} {d.title_nl if d else ind_id}")


@cli.command(help=cli_help("help.show"))
@click.argument("area")
@click.option("--year", type=int, default=None)
@click.pass_context
def show(ctx: click.Context, area: str, year: int | None) -> None:
    """Show all figures for an area (name or code), with its references."""
    from assistant.facts.profile import profile_lines

    for line in profile_lines(_store(ctx).load(), area, year):
        click.echo(line)


@cli.command(help=cli_help("help.serve"))
@click.option("--host", default=None, help=cli_help("help.host"))
@click.option("--port", type=int, default=None, help=cli_help("help.port"))
@click.option("--llm", type=click.Choice(registry.names("llm")), default=None, help=cli_help("help.llm"))
@click.pass_context
@friendly_errors
def serve(ctx: click.Context, host: str | None, port: int | None, llm: str | None) -> None:
    """Run the HTTP API. Off loopback it needs tokens (`duiding tokens add NAME`) or DUIDING_API_TOKEN."""
    from assistant.api.server import serve as run_api

    settings = _settings(ctx)
    run_api(settings.model_copy(update={"llm": llm}) if llm else settings, host, port)


@cli.command("run", help=cli_help("help.run"))
@click.option("--ui-port", type=int, default=8501, show_default=True, help=cli_help("help.ui_port"))
@click.pass_context
@friendly_errors
def run_cmd(ctx: click.Context, ui_port: int) -> None:
    """Start the API and the chat interface (loads the demo city into an empty data dir)."""
    from assistant.cli.launcher import run

    ctx.exit(run(_settings(ctx), ui_port, echo=click.echo))


@cli.command("smoke", help=cli_help("help.smoke"))
@click.option("--question", default=None, help=cli_help("help.question"))
@click.pass_context
@friendly_errors
def smoke_cmd(ctx: click.Context, question: str | None) -> None:
    """Answer one demo question in-process with the configured LLM and exit (a fresh-clone check)."""
    from assistant.cli.launcher import SMOKE_QUESTION, smoke

    ctx.exit(smoke(_settings(ctx), question or SMOKE_QUESTION, echo=click.echo))


@cli.command("eval", help=cli_help("help.eval"))
@click.option("--set", "set_name", type=click.Choice(["demo", "real", "all"]), default="demo")
@click.option("--llm", "backend", type=click.Choice(["none", "embedded", "fake", "ollama", "openai"]), default="none")
@click.option("--limit", type=int, default=None, help=cli_help("help.limit"))
def eval_cmd(set_name: str, backend: str, limit: int | None) -> None:
    """Run the evaluation; writes eval/reports/<date>-<set>-<backend>.md and .json (see eval/run.py).

    --llm openai uses DUIDING_OPENAI_BASE_URL; DUIDING_LLM_SIZE=small|large sets the model's role.
    """
    from eval.run import run_eval

    run_eval(set_name, backend, limit)


# Story commands live in assistant/cli_stories.py.
ingest.add_command(ingest_stories_cmd)
cli.add_command(stories)
cli.add_command(demo)  # assistant/cli_demo.py
cli.add_command(datasets)  # assistant/cli/datasets.py
cli.add_command(ask)  # assistant/cli_ask.py
cli.add_command(chat)
cli.add_command(models)
cli.add_command(reindex)  # assistant/cli_retrieval.py
cli.add_command(tokens)  # assistant/cli/tokens.py


def main() -> None:
    use_language(env_lang())
    try:
        code = cli(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except DuidingError as exc:
        click.echo(error_line(exc), err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(error_line(DuidingError(key="file.unusable", path=exc.filename or "-",
                                           detail=errno.errorcode.get(exc.errno or 0, type(exc).__name__))), err=True)
        sys.exit(1)
    except json.JSONDecodeError as exc:
        click.echo(error_line(DuidingError(key="file.bad_json", line=exc.lineno)), err=True)
        sys.exit(1)


if __name__ == "__main__":  # `python -m assistant.cli.main …` works like `duiding …`
    main()
