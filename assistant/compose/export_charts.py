"""PNG charts for the export, drawn from an answer's ChartSeries with Altair and vl-convert."""

from __future__ import annotations

import io
import threading
from typing import Any

from assistant.facts.numbers import UNIT_NL
from assistant.schemas import ChartSeries

WIDTH = 520
_render_lock = threading.Lock()  # one Vega runtime per process; keep renders in line


def _axis_title(unit: str) -> str:
    return {"percent": "%", "euro_x1000": "x € 1.000"}.get(unit, UNIT_NL.get(unit, "") or "aantal")


def chart_spec(series: ChartSeries) -> dict[str, Any]:
    """A Vega-Lite spec: a line over the years for a trend, else bars with the asked area highlighted."""
    import altair as alt
    import pandas as pd

    rows = [r for r in series.rows if r.get("value") is not None]
    frame = pd.DataFrame(rows)
    title = alt.TitleParams(series.title, subtitle=[series.source_line], anchor="start")
    value = alt.Y("value:Q", title=_axis_title(series.unit)) if series.kind == "trend" else alt.X(
        "value:Q", title=_axis_title(series.unit))
    if series.kind == "trend":
        chart = alt.Chart(frame).mark_line(point=True).encode(x=alt.X("year:O", title="jaar"), y=value)
    else:
        highlight = alt.condition("datum.is_target", alt.value("#c2410c"), alt.value("#64748b"))
        chart = alt.Chart(frame).mark_bar().encode(y=alt.Y("name:N", sort=None, title=None), x=value,
                                                   color=highlight)
    spec: dict[str, Any] = chart.properties(title=title, width=WIDTH).to_dict()
    return spec


def chart_png(series: ChartSeries, scale: float = 1.5) -> bytes | None:
    """The chart as a small PNG (a palette of 64 colours: charts have few); None when nothing is published."""
    if not any(r.get("value") is not None for r in series.rows):
        return None
    import vl_convert as vlc

    spec = chart_spec(series)
    with _render_lock:
        png: bytes = vlc.vegalite_to_png(spec, scale=scale)
    return _compact(png)


def _compact(png: bytes) -> bytes:
    """vl-convert writes 32-bit PNGs; a palette PNG is a tenth of the size. Without Pillow the PNG stays."""
    try:
        from PIL import Image
    except ImportError:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue() if out.tell() < len(png) else png
