"""Indicator catalogue: stable ids, titles, units and the CBS key stems that map to them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from retrieval.models import IndicatorDef

DATA = Path(__file__).parents[1] / "data"
_SUFFIX = re.compile(r"^(?P<stem>.+?)_(?P<n>\d+)$")


def key_stem(key: str) -> str:
    """'AantalInwoners_5' -> 'AantalInwoners'; keys without a numeric suffix stay as they are."""
    m = _SUFFIX.match(key.strip())
    return m.group("stem") if m else key.strip()


def qualified_stems(keys: Iterable[str]) -> dict[str, str]:
    """Map each key to a stem that is unique within its table.

    A stem that occurs more than once (CBS repeats 'Appartement' under electricity and under gas) is
    qualified with the nearest preceding stem that is unique: its group anchor. A repeated stem with
    no anchor before it stays unqualified and is flagged by the caller as ambiguous.
    """
    keys = list(keys)
    counts = Counter(key_stem(k) for k in keys)
    out: dict[str, str] = {}
    anchor: str | None = None
    for key in keys:
        stem = key_stem(key)
        if counts[stem] == 1:
            anchor = stem
            out[key] = stem
        else:
            out[key] = f"{anchor}.{stem}" if anchor else stem
    return out


class Catalogue:
    """The curated indicator definitions plus any added by imports."""

    def __init__(self, indicators: Iterable[IndicatorDef]) -> None:
        self._by_id: dict[str, IndicatorDef] = {}
        self._by_stem: dict[str, str] = {}
        for ind in indicators:
            self.add(ind)

    def add(self, ind: IndicatorDef) -> None:
        self._by_id[ind.id] = ind
        for stem in ind.cbs_stems:
            self._by_stem[stem] = ind.id

    def get(self, indicator_id: str) -> IndicatorDef | None:
        return self._by_id.get(indicator_id)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def id_for_stem(self, qualified_stem: str) -> str | None:
        return self._by_stem.get(qualified_stem)

    def ambiguous_stems(self) -> set[str]:
        """Bare stems that only exist qualified ('Appartement'): never map these without a group."""
        bare = Counter(s.split(".")[-1] for s in self._by_stem if "." in s)
        return {s for s in bare if s not in self._by_stem}


def _row_to_def(row: list) -> IndicatorDef:  # type: ignore[type-arg]
    ind_id, unit, decimals, theme, title_nl, title_en, denom, denom_label, stems = row
    return IndicatorDef(
        id=ind_id, unit=unit, decimals=decimals, theme=theme, title_nl=title_nl, title_en=title_en,
        denominator=denom, denominator_label_nl=denom_label, cbs_stems=list(stems),
    )


@lru_cache(maxsize=1)
def _base_rows() -> tuple[IndicatorDef, ...]:
    rows: list[IndicatorDef] = []
    for name in ("indicators.yaml", "indicators_extra.yaml", "indicators_ggdh.yaml", "indicators_eenzaamheid.yaml"):
        path = DATA / name
        if not path.exists():
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            rows.append(_row_to_def(item) if isinstance(item, list) else IndicatorDef(**item))
    return tuple(rows)


def base_catalogue() -> Catalogue:
    """A fresh catalogue with the curated definitions (callers may add to it)."""
    return Catalogue(d.model_copy(deep=True) for d in _base_rows())
