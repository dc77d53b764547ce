"""A plain-text profile of one area: every indicator, per year, beside its references."""

from __future__ import annotations

import pandas as pd

from assistant.facts.numbers import fmt_value
from retrieval.tables.areas import AreaRef, area_table, resolve
from retrieval.tables.store import StoreData


def parent_chain(refs: dict[str, AreaRef], code: str) -> list[AreaRef]:
    """The area's parents up to Nederland, nearest first, as far as they are in the store."""
    chain: list[AreaRef] = []
    ref = refs.get(code)
    while ref and ref.parent_code and ref.parent_code in refs and len(chain) < 6:
        ref = refs[ref.parent_code]
        chain.append(ref)
    return chain


def profile_lines(data: StoreData, area: str, year: int | None = None) -> list[str]:
    refs = area_table(data.areas)
    target = resolve(refs, area)
    by_code = {r.code: r for r in refs}
    refs_up = parent_chain(by_code, target.code)
    vals = data.values
    own = vals[vals["area_code"] == target.code]
    if year is not None:
        own = own[own["year"] == year]
    years = sorted(own["year"].unique())
    lines = [f"{target.name} ({target.code}, {target.level}) — jaren: {', '.join(map(str, years))}"]
    if refs_up:
        lines.append("Vergeleken met: " + ", ".join(f"{r.name} ({r.code})" for r in refs_up))
    lines.append("")
    order = {d.id: i for i, d in enumerate(data.catalogue)}
    for ind_id, rows in sorted(own.groupby("indicator"), key=lambda g: order.get(str(g[0]), 10**6)):
        lines.append(_indicator_line(data, str(ind_id), rows, refs_up))
    sources = sorted({f"{s} {t}" for s, t in zip(own["source"], own["table"], strict=False)})
    lines += ["", "Bron: " + "; ".join(sources) + (" (CBS: CC BY 4.0)" if any("CBS" in s for s in sources) else "")]
    return lines


def _indicator_line(data: StoreData, ind_id: str, rows: pd.DataFrame, refs_up: list[AreaRef]) -> str:
    d = data.catalogue.get(ind_id)
    unit, dec, title = (d.unit, d.decimals, d.title_nl) if d else ("count", 0, ind_id)
    parts = []
    for r in rows.sort_values("year").itertuples():
        shown = "geheim (.)" if r.suppressed else fmt_value(r.value, unit, dec)
        prov = " voorlopig" if r.status == "voorlopig" else ""
        refs = _refs(data.values, ind_id, int(r.year), r.source, refs_up, unit, dec)
        parts.append(f"{r.year}{prov}: {shown}{refs}")
    return f"{title[:44]:<45} " + " | ".join(parts)


def _refs(vals: pd.DataFrame, ind_id: str, year: int, source: str, refs_up: list[AreaRef], unit: str,
          dec: int) -> str:
    out = []
    for ref in refs_up:
        hit = vals[(vals["area_code"] == ref.code) & (vals["indicator"] == ind_id) & (vals["year"] == year)
                   & (vals["source"] == source)]
        if not hit.empty and not hit.iloc[0]["suppressed"]:
            out.append(f"{ref.name} {fmt_value(float(hit.iloc[0]['value']), unit, dec)}")
    return f" ({'; '.join(out)})" if out else ""
