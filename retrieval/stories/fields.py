"""Validate one raw story row and turn it into a scrubbed Story (or a reason to skip it)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from retrieval.models import Story
from retrieval.stories.pii import scrub

MAX_STORY_CHARS = 20_000
# The "how did you feel" archetypes a teller picks one or two of.
FEELINGS: tuple[str, ...] = (
    "machteloos", "boos", "bezorgd", "hoopvol", "trots", "eenzaam", "gesteund", "opgelucht",
)
FEELING_KEY = "gevoel"
SIGNIFIER_PREFIX = "signifier_"
KNOWN_FIELDS = frozenset((
    "id", "text", "tekst", "verhaal", "area_code", "area", "wijkcode", "date", "datum", "themes", "theme",
    "themas", "thema's", "role", "rol", "source", "bron", "consent", "toestemming", "fictional", "fictief",
    "signifiers",
))
_TRUE = {"true", "ja", "yes", "1", "j", "y", "waar"}
_FALSE = {"false", "nee", "no", "0", "n", "onwaar"}
_SPLIT = re.compile(r"\s*[;|]\s*")


class RowError(ValueError):
    """A row-level problem: the row is skipped with this reason."""


@dataclass(frozen=True)
class ParsedStory:
    story: Story
    original: str
    redactions: dict[str, int]


def _dutch_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _first(data: dict[str, Any], *keys: str) -> Any:
    return next((data[k] for k in keys if data.get(k) not in (None, "")), None)


def story_id(text: str) -> str:
    """A stable id from the text, so re-ingesting a file without ids replaces instead of duplicating."""
    return "s-" + hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def parse_date(value: Any) -> str | None:
    """ISO 'YYYY-MM-DD' or 'YYYY-MM'; also accepts 'DD-MM-YYYY' and YAML dates."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    for fmt, out in (("%Y-%m-%d", "%Y-%m-%d"), ("%d-%m-%Y", "%Y-%m-%d"), ("%Y-%m", "%Y-%m")):
        try:
            return dt.datetime.strptime(text, fmt).strftime(out)
        except ValueError:
            continue
    raise RowError(f"ongeldige datum '{text[:20]}' (gebruik JJJJ-MM-DD of JJJJ-MM)")


def parse_flag(value: Any, name: str, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise RowError(f"{name} moet ja of nee zijn, niet '{text[:20]}'")


def parse_themes(value: Any) -> list[str]:
    items = value if isinstance(value, list) else _SPLIT.split(str(value or ""))
    return [str(t).strip().lower() for t in items if str(t).strip()]


def _feelings(value: Any) -> list[str]:
    items = value if isinstance(value, list) else re.split(r"\s*[;|,]\s*", str(value))
    picked = [str(v).strip().lower() for v in items if str(v).strip()]
    unknown = [p for p in picked if p not in FEELINGS]
    if unknown:
        raise RowError(f"signifier {FEELING_KEY}: '{unknown[0]}' staat niet in de lijst ({', '.join(FEELINGS)})")
    if not 1 <= len(picked) <= 2:
        raise RowError(f"signifier {FEELING_KEY}: kies één of twee gevoelens, niet {len(picked)}")
    return picked


def _slider(key: str, value: Any) -> float | None:
    """A slider position 0–1; None when the value is not a number at all."""
    if isinstance(value, bool):
        raise RowError(f"signifier {key}: gebruik een getal tussen 0 en 1")
    if isinstance(value, int | float):
        number = float(value)
    elif re.fullmatch(r"\s*-?\d+(?:[.,]\d+)?\s*", str(value)):
        number = float(str(value).strip().replace(",", "."))
    else:
        return None
    if not 0.0 <= number <= 1.0:
        raise RowError(f"signifier {key}: {number:g} ligt niet tussen 0 en 1")
    return number


def parse_signifiers(data: dict[str, Any], counts: dict[str, int]) -> dict[str, list[str] | float | str]:
    """Signifiers from a 'signifiers' mapping or signifier_* columns; free text is scrubbed too."""
    raw = dict(data.get("signifiers") or {}) if isinstance(data.get("signifiers"), dict) else {}
    raw.update({k[len(SIGNIFIER_PREFIX):]: v for k, v in data.items() if k.startswith(SIGNIFIER_PREFIX)})
    out: dict[str, list[str] | float | str] = {}
    for key, value in raw.items():
        key = str(key).strip().lower()
        if not key or value is None or value == "" or value == []:
            continue
        if key == FEELING_KEY:
            out[key] = _feelings(value)
            continue
        number = _slider(key, value) if not isinstance(value, list) else None
        if number is not None:
            out[key] = number
            continue
        texts = value if isinstance(value, list) else [value]
        scrubbed = [_scrub_count(str(v), counts) for v in texts]
        out[key] = scrubbed if isinstance(value, list) else scrubbed[0]
    return out


def _scrub_count(text: str, counts: dict[str, int]) -> str:
    result = scrub(text)
    for kind, n in result.redactions.items():
        counts[kind] = counts.get(kind, 0) + n
    return result.text


def _area(data: dict[str, Any], known_areas: Set[str] | None) -> str | None:
    value = _first(data, "area_code", "area", "wijkcode")
    code = str(value).strip().upper() if value is not None else None
    if code and known_areas is not None and code not in known_areas:
        raise RowError(f"onbekende gebiedscode '{code[:20]}'")
    return code or None


def build_story(data: dict[str, Any], known_areas: Set[str] | None, default_source: str) -> ParsedStory:
    """Validate and scrub one row; raises RowError with the reason to skip it."""
    original = str(_first(data, "text", "tekst", "verhaal") or "").strip()
    if not original:
        raise RowError("geen tekst")
    if len(original) > MAX_STORY_CHARS:
        size, limit = _dutch_int(len(original)), _dutch_int(MAX_STORY_CHARS)
        raise RowError(f"verhaal is te lang ({size} tekens, maximaal {limit})")
    if not parse_flag(_first(data, "consent", "toestemming"), "consent", default=True):
        raise RowError("geen toestemming van de verteller (consent: nee)")
    counts: dict[str, int] = {}
    raw_id = _first(data, "id")
    story = Story(
        id=str(raw_id).strip() if raw_id is not None else story_id(original),
        text=_scrub_count(original, counts),
        area_code=_area(data, known_areas),
        date=parse_date(_first(data, "date", "datum")),
        themes=parse_themes(_first(data, "themes", "theme", "themas", "thema's")),
        role=str(_first(data, "role", "rol") or "").strip().lower() or None,
        signifiers=parse_signifiers(data, counts),
        source=str(_first(data, "source", "bron") or default_source),
        consent=True,
        fictional=parse_flag(_first(data, "fictional", "fictief"), "fictional", default=False),
    )
    return ParsedStory(story, original, counts)
