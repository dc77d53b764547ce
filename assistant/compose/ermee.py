"""'Wat kun je ermee': one practical line per theme (a question to ask in the wijk, a partner to talk to).

The lines are curated in retrieval/data/wat_kun_je_ermee.yaml; they carry no numbers.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

import yaml

import retrieval
from assistant.core.errors import BadInputError

ERMEE_PATH = Path(retrieval.__file__).parent / "data" / "wat_kun_je_ermee.yaml"
FALLBACK = "overig"
HEAD = {"nl": "Wat kun je ermee", "en": "What you can do with it"}


@dataclass(frozen=True)
class Line:
    nl: str
    en: str


@dataclass(frozen=True)
class ThemeLines:
    questions: tuple[Line, ...]
    partners: tuple[Line, ...]


@cache
def ermee_catalogue(path: Path = ERMEE_PATH) -> dict[str, ThemeLines]:
    """Theme -> its lines; a theme without both kinds of line is an error naming the theme."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))["themes"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise BadInputError(f"Cannot read {path}: {exc}", "fix the YAML; it needs a 'themes:' mapping") from exc
    out = {}
    for theme, body in raw.items():
        lines = [tuple(Line(str(x["nl"]), str(x["en"])) for x in (body or {}).get(k) or [])
                 for k in ("vragen", "partners")]
        if not lines[0] or not lines[1]:
            raise BadInputError(f"Theme '{theme}' in {path} needs both 'vragen' and 'partners'",
                                "add at least one line of each")
        out[str(theme)] = ThemeLines(lines[0], lines[1])
    return out


def ermee_line(theme: str, area_name: str, lang: str, seed: str = "") -> str:
    """One line for this theme and area; the seed (area and indicator) picks it, the same one every time."""
    catalogue = ermee_catalogue()
    lines = catalogue.get(theme) or catalogue[FALLBACK]
    pool = [*lines.questions, *lines.partners]
    pick = pool[zlib.crc32(seed.encode("utf-8")) % len(pool)]
    return Template(pick.nl if lang == "nl" else pick.en).safe_substitute(wijk=area_name)


def ermee_sentence(theme: str, area_name: str, lang: str, seed: str = "") -> str:
    line = ermee_line(theme, area_name, lang, seed)
    return f"{HEAD[lang]}: {line[:1].lower()}{line[1:]}"
