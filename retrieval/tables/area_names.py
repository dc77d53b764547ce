"""Names for area codes at import: a user's list wins, then the store's names, then the shipped CBS list."""

from __future__ import annotations

import pandas as pd

from retrieval.models import ImportReport
from retrieval.tables.regions import shipped_regions

SHOWN = 5  # codes named in a warning; the rest are counted


class AreaNames(dict[str, str]):
    """code -> name; `explicit` holds the codes a user's name list (--names) named, which win over the file."""

    def __init__(self, names: dict[str, str], explicit: set[str]) -> None:
        super().__init__(names)
        self.explicit = explicit


def area_names(known: dict[str, str] | None, given: dict[str, str] | None) -> AreaNames:
    """The shipped national list, overlaid by names already in the store, overlaid by a given list."""
    store = {code: name for code, name in (known or {}).items() if name and name != code}
    return AreaNames({**shipped_regions().names(), **store, **(given or {})}, set(given or {}))


def report_names(areas: pd.DataFrame, report: ImportReport) -> None:
    """Warn about codes without a name and codes the shipped list does not know (other years' codes)."""
    regions = shipped_regions()
    codes = areas.drop_duplicates("area_code")
    nameless = codes.loc[codes["area_name"] == codes["area_code"], "area_code"].tolist()
    unknown = [c for c in codes["area_code"] if c not in regions.by_code]
    if unknown:
        report.warnings.append(
            f"{len(unknown)} area codes are not in the shipped CBS list {regions.table} ({regions.year}): "
            f"{_some(unknown)}; codes of other years differ after mergers or renumbering"
        )
    if nameless:
        report.warnings.append(
            f"{len(nameless)} areas have no name, only a code: {_some(nameless)}; "
            "pass the CBS name list with --names WijkenEnBuurten.csv to name them"
        )


def _some(codes: list[str]) -> str:
    shown = ", ".join(codes[:SHOWN])
    return shown + (f" and {len(codes) - SHOWN} more" if len(codes) > SHOWN else "")
