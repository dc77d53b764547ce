"""Collects facts in order, numbers them F1, F2, … and gathers caveats, charts and attribution."""

from __future__ import annotations

import re
from typing import Any, Literal

from assistant.core.settings import Settings
from assistant.facts.index import FactIndex, Row
from assistant.facts.words import label_numbers
from assistant.schemas import ChartSeries, Fact, FactKind, FactNumber, FactSource
from retrieval.models import IndicatorDef
from retrieval.tables.catalogue import Catalogue

_LICENCE = re.compile(r"(CC[ -]|CC0|MIT|ODbL|Apache|GPL|EUPL)")
ChartKind = Literal["reference", "trend", "siblings"]
ChartRow = dict[str, str | float | int | bool | None]


class FactSink:
    """Shared by the fact builders of one request: the index, the settings and everything said so far."""

    def __init__(self, index: FactIndex, catalogue: Catalogue, settings: Settings) -> None:
        self.index = index
        self.catalogue = catalogue
        self.settings = settings
        self.facts: list[Fact] = []
        self.charts: list[ChartSeries] = []
        self.caveats: list[str] = []
        self.no_data: list[str] = []
        self.attribution: list[str] = []
        self._said: set[str] = set()
        self._charted: set[str] = set()

    def add(self, kind: FactKind, text: str, text_en: str, numbers: list[FactNumber], rows: list[Row] | None = None,
            labels: tuple[str | IndicatorDef | None, ...] = (), **fields: Any) -> Fact | None:
        """Append a fact; the same sentence twice (e.g. one caveat for several indicators) is said once."""
        if text in self._said:
            return None
        self._said.add(text)
        sources = [self.source(r) for r in rows or []]
        for row in rows or []:
            self._attribute(row)
        stated = label_numbers(*_strings(labels))
        numbers = numbers + [n for n in stated if all(n.value != m.value for m in numbers)]
        topic = next((f"{d.title_nl} | {d.title_en}" for d in labels if isinstance(d, IndicatorDef)), "")
        fact = Fact(id=f"F{len(self.facts) + 1}", kind=kind, text=text, text_en=text_en, numbers=numbers,
                    source=sources[0] if sources else None, extra_sources=sources[1:], topic=topic, **fields)
        self.facts.append(fact)
        if kind == "caveat":
            self.caveats.append(text)
        elif kind == "no_data":
            self.no_data.append(text)
        return fact

    def chart(self, kind: ChartKind, title: str, indicator: str, unit: str, rows: list[ChartRow],
              source_line: str) -> None:
        """Add a chart unless the same one is already there (an asked share can repeat an automatic one)."""
        key = f"{kind}|{title}|{indicator}|{rows!r}"
        if key in self._charted:
            return
        self._charted.add(key)
        # Rows are built here from numpy values; validating hundreds of sibling rows cost more than the rest.
        self.charts.append(ChartSeries.model_construct(kind=kind, title=title, indicator=indicator, unit=unit,
                                                       rows=rows, source_line=source_line))

    def source(self, row: Row) -> FactSource:
        return FactSource(table=row.table or row.source, indicator=row.indicator, key=row.source_key or None,
                          area_code=row.area_code, year=row.year, source_name=self.source_line(row),
                          dataset=self.dataset(row), family=row.source)

    def dataset(self, row: Row) -> str:
        """'demo' for the fictional demo city, else the table id (or the source name without one)."""
        meta = self.index.sources.get(row.source, {})
        if str(meta.get("fictional", "")).lower() == "true":
            return "demo"
        return row.table or row.source

    def source_line(self, row: Row) -> str:
        meta = self.index.sources.get(row.source, {})
        if row.source.upper().startswith("CBS") or meta.get("attribution", "").startswith("Bron: CBS"):
            return f"Bron: CBS, tabel {row.table}" if row.table else "Bron: CBS"
        return meta.get("attribution") or f"Bron: {meta.get('name') or row.source}"

    def _attribute(self, row: Row) -> None:
        meta = self.index.sources.get(row.source, {})
        line = self.source_line(row)
        licence = "CC BY 4.0" if line.startswith("Bron: CBS") else meta.get("license", "")
        # Only a named licence is added; free text such as "fictief, vrij te gebruiken" is in the source line.
        line = f"{line} ({licence})" if _LICENCE.match(licence) else line
        if line not in self.attribution:
            self.attribution.append(line)


def _strings(labels: tuple[str | IndicatorDef | None, ...]) -> list[str | None]:
    """Names and definitions a sentence quotes; an indicator brings its titles and denominator labels."""
    out: list[str | None] = []
    for item in labels:
        if isinstance(item, IndicatorDef):
            out += [item.title_nl, item.title_en, item.denominator_label_nl, item.denominator_label_en]
        else:
            out.append(item)
    return out
