"""Area lookup through the per-list index gives what a plain scan over the names gives."""

from __future__ import annotations

import difflib

import pandas as pd

from retrieval.demo.city import DEMO_DIR
from retrieval.tables.areas import AreaRef, _prefer_wijk, area_index, area_table, candidates, normalize


def scan(refs: list[AreaRef], text: str) -> list[AreaRef]:
    """The lookup without an index, written out: code, exact normalized name, else the closest name."""
    by_code = [r for r in refs if r.code.lower() == text.strip().lower()]
    if by_code:
        return by_code
    exact = [r for r in refs if normalize(r.name) == normalize(text)]
    if exact:
        return _prefer_wijk(exact)
    close = difflib.get_close_matches(normalize(text), list({normalize(r.name) for r in refs}), n=3, cutoff=0.85)
    return _prefer_wijk([r for r in refs if normalize(r.name) in close[:1]])


def test_the_index_finds_what_a_scan_finds_and_is_built_once() -> None:
    refs = area_table(pd.read_csv(DEMO_DIR / "areas.csv", comment="#").assign(source="demo"))
    asked = ["Moerwijk", "WK990111", "wk990111", "Lindenhov", "lindenhove", "het Weverskwartier", "Zuid",
             "Oosterkade", "Oosterkde", "inwoners", "jeugdzorg", "Kerkbuurt", "Duinhaven", "Nergensland"]
    for text in asked * 2:  # the second round comes from the remembered fuzzy results
        assert candidates(refs, text) == scan(refs, text), text
    assert area_index(refs) is area_index(refs)
    assert area_index(list(refs)) is not area_index(refs)  # another list, another index
