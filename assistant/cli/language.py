"""The CLI speaks one language per run (DUIDING_LANG, default Dutch): its errors, its --help, click's own words."""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

from assistant.core.errors import DuidingError
from assistant.core.messages import Lang, env_lang, render

# click's own words (it asks gettext for them); the Dutch ones, so `--help` is one language
CLICK_NL = {
    "Usage:": "Gebruik:", "Options": "Opties", "Commands": "Opdrachten", "Arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.", "Error": "Fout",
    "Try {command!r} for help.": "Probeer {command!r} voor hulp.",
    "Missing argument {param_hint}.": "Het argument {param_hint} ontbreekt.",
    "Missing option {param_hint}.": "De optie {param_hint} ontbreekt.",
    "Missing parameter: {param_name}": "De waarde {param_name} ontbreekt.",
    "No such command {name!r}.": "De opdracht {name!r} bestaat niet.",
    "No such option: {name}": "De optie {name} bestaat niet.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} is not a valid integer.": "{value!r} is geen geheel getal.",
    "Option {name!r} requires an argument.": "De optie {name!r} heeft een waarde nodig.",
    "default": "standaard", "required": "verplicht",
}
_MODULES = (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types)


def use_language(lang: Lang) -> None:
    """Point click's texts at `lang` (English is click's own)."""
    table = CLICK_NL if lang == "nl" else {}

    def translate(text: str) -> str:
        return table.get(text, text)

    for module in _MODULES:
        if hasattr(module, "_"):
            module._ = translate  # type: ignore[attr-defined]


def error_line(exc: DuidingError, lang: Lang | None = None) -> str:
    """'Fout: … — wat je kunt doen' / 'Error: … — what to do', in one language."""
    lang = lang or env_lang()
    return f"{render('cli.error', lang)[0]}: {exc.line(lang)}"
