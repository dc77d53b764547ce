"""Altair charts from the answer's chart data. Suppressed values stay gaps (None), never zero."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from assistant.schemas import ChartSeries
from ui.i18n import Lang, t

HIGHLIGHT, MUTED, PROVISIONAL = "#c2410c", "#94a3b8", "#ffffff"
UNITS: dict[str, dict[Lang, str]] = {
    "percent": {"nl": "%", "en": "%"},
    "per_1000": {"nl": "per 1.000", "en": "per 1,000"},
    "count": {"nl": "aantal", "en": "number"},
    "euro_x1000": {"nl": "× € 1.000", "en": "× € 1,000"},
    "average": {"nl": "gemiddelde", "en": "average"},
}
# Vega formats ticks as 1,234.5; Dutch readers expect 1.234,5. Swap the two marks in three steps.
DUTCH_LABELS = ("replace(replace(replace(datum.label, regexp(',', 'g'), '_'), regexp('[.]', 'g'), ','), "
                "regexp('_', 'g'), '.')")


def format_value(value: float | int | None, unit: str, lang: Lang = "nl") -> str:
    """'18,0%', '11.113', '71,0 per 1.000'; None reads 'geen cijfer' (suppressed or missing)."""
    if value is None:
        return t("no_value", lang)
    decimals = 0 if unit == "count" or (float(value).is_integer() and unit not in ("percent", "per_1000")) else 1
    if round(float(value), 1) != round(float(value), 2):
        decimals = 2
    text = f"{float(value):,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    if unit == "percent":
        return f"{text}%"
    return f"{text} {UNITS[unit][lang]}" if unit in ("per_1000", "euro_x1000") else text


def unit_title(unit: str, lang: Lang = "nl") -> str:
    return UNITS.get(unit, {}).get(lang, unit)


def frame(series: ChartSeries, lang: Lang = "nl") -> pd.DataFrame:
    """The rows as a DataFrame with a display label; None stays None (pandas NaN), never 0."""
    rows: list[dict[str, Any]] = [dict(r) for r in series.rows]
    for row in rows:
        value = row.get("value")
        row["value"] = None if value is None else float(value)  # type: ignore[arg-type]
        row["label"] = format_value(row["value"], series.unit, lang)
        row["missing"] = row["value"] is None
    return pd.DataFrame(rows)


def _axis(lang: Lang) -> alt.Axis:
    return alt.Axis(labelExpr=DUTCH_LABELS) if lang == "nl" else alt.Axis()


def _title(series: ChartSeries) -> alt.TitleParams:
    return alt.TitleParams(text=series.title, subtitle=[series.source_line], anchor="start",
                           subtitleColor="#475569", fontSize=14)


def reference_chart(series: ChartSeries, lang: Lang = "nl") -> alt.LayerChart | alt.FacetChart:
    """The area against its stadsdeel, gemeente and Nederland: horizontal bars, the area highlighted."""
    df = frame(series, lang)
    df["bar_value"] = df["value"]
    base = alt.Chart(df).encode(
        y=alt.Y("name:N", sort=list(df["name"]), title=None),
        tooltip=[alt.Tooltip("name:N", title=""), alt.Tooltip("label:N", title=series.title)],
    )
    x = alt.X("bar_value:Q", title=unit_title(series.unit, lang), axis=_axis(lang), scale=alt.Scale(zero=True))
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=x, color=alt.condition("datum.is_target", alt.value(HIGHLIGHT), alt.value(MUTED)))
    labels = base.mark_text(align="left", dx=4, color="#0f172a").encode(
        x=alt.X("text_x:Q", title=None), text="label:N").transform_calculate(
        text_x="isValid(datum.bar_value) ? datum.bar_value : 0")
    return alt.layer(bars, labels).properties(title=_title(series), height=alt.Step(30))


def trend_chart(series: ChartSeries, lang: Lang = "nl") -> alt.LayerChart | alt.FacetChart:
    """The trend as a line with points; gaps stay gaps and the provisional year is an open, labelled point."""
    df = frame(series, lang)
    df["status"] = [t("provisional" if p else "final", lang) for p in df.get("provisional", [False] * len(df))]
    base = alt.Chart(df).encode(x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)))
    y = alt.Y("value:Q", title=unit_title(series.unit, lang), axis=_axis(lang))
    line = base.mark_line(color=HIGHLIGHT).encode(y=y)
    points = base.mark_point(size=70, filled=True, stroke=HIGHLIGHT, strokeWidth=2).encode(
        y=y, fill=alt.Fill("status:N", scale=alt.Scale(domain=[t("final", lang), t("provisional", lang)],
                                                       range=[HIGHLIGHT, PROVISIONAL]),
                           legend=alt.Legend(title=None, orient="bottom")),
        color=alt.value(HIGHLIGHT),
        tooltip=[alt.Tooltip("year:O", title=t("year", lang)), alt.Tooltip("label:N", title=series.title),
                 alt.Tooltip("status:N", title="")])
    labels = base.mark_text(dy=-12, color="#0f172a").encode(y=y, text="label:N")
    gaps = base.transform_filter("datum.missing").transform_calculate(zero="0").mark_text(
        baseline="bottom", dy=-4, color="#64748b").encode(y=alt.Y("zero:Q"), text="label:N")
    return alt.layer(line, points, labels, gaps).properties(title=_title(series), height=220)


def siblings_chart(series: ChartSeries, lang: Lang = "nl") -> alt.LayerChart | alt.FacetChart:
    """A strip of the sibling areas with this one highlighted and named."""
    df = frame(series, lang).dropna(subset=["value"])
    x = alt.X("value:Q", title=unit_title(series.unit, lang), axis=_axis(lang))
    tooltip = [alt.Tooltip("name:N", title=""), alt.Tooltip("label:N", title=series.title)]
    base = alt.Chart(df).encode(x=x, tooltip=tooltip)
    others = base.transform_filter("!datum.is_target").mark_tick(color=MUTED, thickness=2, size=26)
    target = base.transform_filter("datum.is_target").mark_tick(color=HIGHLIGHT, thickness=4, size=34)
    name = base.transform_filter("datum.is_target").mark_text(dy=-24, color=HIGHLIGHT, fontWeight="bold").encode(
        text=alt.Text("name_label:N")).transform_calculate(name_label="datum.name + ' ' + datum.label")
    return alt.layer(others, target, name).properties(title=_title(series), height=130)


def signifiers_chart(series: ChartSeries, lang: Lang = "nl") -> alt.LayerChart | alt.FacetChart:
    """How the tellers on one theme felt: one bar per archetype shown (counts under the minimum are left out)."""
    df = pd.DataFrame([dict(r) for r in series.rows])
    df["label"] = [f"{int(v)} ({int(s)}%)" for v, s in zip(df["value"], df["share"], strict=True)]
    base = alt.Chart(df).encode(
        y=alt.Y("name:N", sort=list(df["name"]), title=None),
        tooltip=[alt.Tooltip("name:N", title=""), alt.Tooltip("label:N", title=t("stories_count", lang))])
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("value:Q", title=t("stories_count", lang), scale=alt.Scale(zero=True), axis=alt.Axis(tickMinStep=1)),
        color=alt.condition("datum.is_target", alt.value(HIGHLIGHT), alt.value(MUTED)))
    labels = base.mark_text(align="left", dx=4, color="#0f172a").encode(x="value:Q", text="label:N")
    return alt.layer(bars, labels).properties(title=_title(series), height=alt.Step(30))


def missing_names(series: ChartSeries) -> list[str]:
    """Areas in the chart without a published figure (shown as a caption, not as zero)."""
    return [str(r.get("name") or r.get("year")) for r in series.rows if r.get("value") is None]


def chart_for(series: ChartSeries, lang: Lang = "nl") -> alt.LayerChart | alt.FacetChart:
    builders = {"reference": reference_chart, "trend": trend_chart, "siblings": siblings_chart,
                "signifiers": signifiers_chart}
    return builders[series.kind](series, lang)
