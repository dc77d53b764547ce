"""`duiding tokens add NAME` / `list` / `revoke NAME`: per-user API tokens, hashed in the data dir."""

from __future__ import annotations

import click

from assistant.cli.stories import friendly_errors
from assistant.core.messages import cli_help
from assistant.core.settings import Settings


def _tokens(ctx: click.Context):  # type: ignore[no-untyped-def]
    from assistant.api.tokens import TokenFile

    obj = ctx.find_root().obj
    settings = obj["settings"] if isinstance(obj, dict) and "settings" in obj else Settings()
    return TokenFile(settings.tokens_path)


@click.group(help=cli_help("help.tokens"))
def tokens() -> None:
    """API tokens per user: required when the API listens beyond this machine, optional on 127.0.0.1."""


@tokens.command("add", help=cli_help("help.token_add"))
@click.argument("name")
@click.pass_context
@friendly_errors
def add(ctx: click.Context, name: str) -> None:
    """Make a token for NAME and print it once (only its hash is stored)."""
    token = _tokens(ctx).add(name)
    click.echo(token)
    click.echo(f"Token voor {name.strip()} gemaakt. Bewaar hem nu: Duiding toont hem nooit meer. "
               "Gebruik: `Authorization: Bearer <token>`.", err=True)


@tokens.command("list", help=cli_help("help.token_list"))
@click.pass_context
@friendly_errors
def list_tokens(ctx: click.Context) -> None:
    """The names with a token, and when each was made (never the tokens)."""
    found = _tokens(ctx).list()
    for info in found:
        click.echo(f"{info.name:<32} {info.created}")
    if not found:
        click.echo("Nog geen tokens. Maak er een met `duiding tokens add NAAM`.")


@tokens.command("revoke", help=cli_help("help.token_revoke"))
@click.argument("name")
@click.pass_context
@friendly_errors
def revoke(ctx: click.Context, name: str) -> None:
    """Withdraw NAME's token; a running server refuses it from the next request on."""
    _tokens(ctx).revoke(name)
    click.echo(f"Token van {name} ingetrokken.")
