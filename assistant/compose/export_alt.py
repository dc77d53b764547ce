"""A chart as the export shows it: its title, an alt text written from its data, and its data as a table."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.facts.numbers import fmt_value
from assistant.schemas import ChartSeries

MAX_ALT_ROWS = 6


@dataclass
class ChartView:
    series: ChartSeries
    title: str
    alt: str
    table: list[tuple[str, str]]  # (label, value) for every row with a value
    image: bytes | None = None  # PNG, filled in when images are wanted


def _label(row: dict[str, str | float | int | bool | None]) -> str:
    return str(row.get("name") or row.get("year") or row.get("code") or "")


def chart_view(series: ChartSeries, lang: str = "nl") -> ChartView:
    rows = [r for r in series.rows if isinstance(r.get("value"), int | float)]
    shown = [(_label(r), fmt_value(float(r["value"]), series.unit, _decimals(series), lang))  # type: ignore[arg-type]
             for r in rows]
    return ChartView(series, _title(series, lang), alt_text(series, shown, lang), shown)


def _title(series: ChartSeries, lang: str) -> str:
    """Two charts of one figure (against the reference areas, and all areas in order) get different titles."""
    tail = {"reference": ("vergeleken met grotere gebieden", "compared with larger areas"),
            "siblings": ("alle gebieden op volgorde", "all areas in order")}.get(series.kind)
    return f"{series.title} ({tail[0] if lang == 'nl' else tail[1]})" if tail else series.title


def _decimals(series: ChartSeries) -> int:
    values = [float(v) for r in series.rows if isinstance(v := r.get("value"), int | float)]
    return 1 if any(abs(v - round(v)) > 1e-9 for v in values) else 0


def alt_text(series: ChartSeries, shown: list[tuple[str, str]], lang: str) -> str:
    """What a screen reader says: the kind of chart, what it shows, and the values (the first few)."""
    nl = lang == "nl"
    target = next((_label(r) for r in series.rows if r.get("is_target")), "")
    if series.kind == "trend":
        kind = "Lijngrafiek" if nl else "Line chart"
        body = "; ".join(f"{label}: {value}" for label, value in shown)
    else:
        kind = "Staafgrafiek" if nl else "Bar chart"
        head = shown[:MAX_ALT_ROWS]
        body = "; ".join(f"{label}: {value}" for label, value in head)
        rest = len(shown) - len(head)
        if rest > 0:
            body += f"; en nog {rest} andere" if nl else f"; and {rest} more"
        if target:
            own = next((v for label, v in shown if label == target), None)
            body += (f". Gemarkeerd: {target}" if nl else f". Highlighted: {target}") + (f" ({own})" if own else "")
    source = f" {series.source_line}." if series.source_line else ""
    return f"{kind}: {_title(series, lang)}. {body}.{source}".replace("..", ".")
