"""`duiding ask` and `duiding chat`: the answer pipeline on the command line."""

from __future__ import annotations

import json

import click

from assistant.cli.stories import friendly_errors
from assistant.core import registry
from assistant.core.messages import cli_help
from assistant.core.settings import Settings
from assistant.events import Done, FactsReady, Reset, SentenceReleased
from assistant.schemas import Question

LLM_CHOICES = list(registry.names("llm"))
AUDIENCES = list(registry.names("audience"))


def _service(settings: Settings, llm: str | None):  # type: ignore[no-untyped-def]
    from assistant.pipeline import AnswerService
    from assistant.wiring import build_app_deps

    if llm:
        settings = settings.model_copy(update={"llm": llm})
    return AnswerService(build_app_deps(settings))


def _print_stream(service, q: Question, prev):  # type: ignore[no-untyped-def]
    """Facts block first, then checked sentences as they are released."""
    final, understanding = None, prev
    for event in service.stream(q, prev):
        if isinstance(event, FactsReady):
            click.echo(event.answer.deterministic + "\n")
        elif isinstance(event, SentenceReleased):
            click.echo(event.text, nl=False)
        elif isinstance(event, Reset):
            click.echo("\n[taalmodel-tekst ingetrokken]\n")
        elif isinstance(event, Done):
            final, understanding = event.answer, event.understanding
    if final and final.llm_text and not final.llm.fallback_used:
        click.echo("\n\n" + (final.check_summary or "✓ alle cijfers gecontroleerd"))
    elif final and final.llm.fallback_used:
        click.echo("\nterugval op feitenantwoord: " + "; ".join(final.notices[-1:]))
    return understanding


@click.command("ask", help=cli_help("help.ask"))
@click.argument("question")
@click.option("--audience", type=click.Choice(AUDIENCES), default=None)
@click.option("--area", default=None, help=cli_help("help.area"))
@click.option("--year", type=int, default=None)
@click.option("--llm", type=click.Choice(LLM_CHOICES), default=None, help=cli_help("help.llm"))
@click.option("--json", "as_json", is_flag=True, help=cli_help("help.json_answer"))
@click.pass_context
@friendly_errors
def ask(ctx: click.Context, question: str, audience: str | None, area: str | None, year: int | None,
        llm: str | None, as_json: bool) -> None:
    """Answer one question."""
    settings: Settings = ctx.obj["settings"]
    service = _service(settings, llm)
    q = Question(question=question, audience=audience or settings.audience, area=area, year=year)  # type: ignore[arg-type]
    if as_json:
        answer = service.ask(q).answer
        click.echo(json.dumps(answer.model_dump(), ensure_ascii=False, indent=2))
        return
    _print_stream(service, q, None)


@click.command("chat", help=cli_help("help.chat"))
@click.option("--audience", type=click.Choice(AUDIENCES), default=None)
@click.option("--area", default=None)
@click.option("--llm", type=click.Choice(LLM_CHOICES), default=None)
@click.pass_context
@friendly_errors
def chat(ctx: click.Context, audience: str | None, area: str | None, llm: str | None) -> None:
    """An interactive session that keeps context ('en in Ypenburg?'). Empty line or Ctrl-D stops."""
    settings: Settings = ctx.obj["settings"]
    service = _service(settings, llm)
    prev = None
    while True:
        try:
            text = input("\nvraag> ").strip()
        except EOFError:
            break
        if not text:
            break
        q = Question(question=text, audience=audience or settings.audience, area=area)  # type: ignore[arg-type]
        prev = _print_stream(service, q, prev)


@click.command("models", help=cli_help("help.models"))
@click.pass_context
def models(ctx: click.Context) -> None:
    """Show the LLM backends, whether each is available, and how to enable it."""
    from assistant.llm.status import backend_statuses

    settings: Settings = ctx.obj["settings"]
    for st in backend_statuses(settings):
        mark = "✓" if st.available else "✗"
        current = "  ← in gebruik" if st.name == settings.llm else ""
        click.echo(f"{mark} {st.name:<9} {st.detail}{current}\n  {'':<9} inschakelen: {st.enable}")
