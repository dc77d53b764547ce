"""Top lists on the real Den Haag figures: ranked in the unit asked, ties at the cut-off, small areas, gaps."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from support.api import make_app
from support.kwb import kwb_wijken
from support.paths import KWB2019, KWB2021

from assistant.core.settings import Settings
from assistant.facts.build import FactRequest, build_facts
from assistant.schemas import Fact
from retrieval.tables.store import IndicatorStore, StoreData


@pytest.fixture(scope="module")
def data(den_haag_dir: Path) -> StoreData:
    return IndicatorStore(Settings(data_dir=den_haag_dir).indicator_dir).load()


def pandas_shares(frame: pd.DataFrame, stem: str, level: str) -> pd.DataFrame:
    """Share of inhabitants per area, rounded as shown; no share where a count is missing or nobody lives."""
    rows = frame[(frame["level"] == level)].copy()
    people = rows["AantalInwoners"].where(rows["AantalInwoners"] > 0)
    rows["share"] = (rows[stem] / people * 100).round(1)
    return rows


def listed_codes(fact: Fact) -> list[str]:
    return list(dict.fromkeys(s.area_code for s in [fact.source, *fact.extra_sources] if s))


def top_fact(data: StoreData, indicator: str, level: str, n: int, highest: bool = True,
             years: list[int] | None = None) -> Fact:
    req = FactRequest(areas=["GM0518"], indicators=[indicator], years=years, top=(level, n, highest),
                      share=(indicator, "inwoners"), trend=False)
    facts = build_facts(data, req, Settings(data_dir=Path("/nonexistent"))).facts
    return next(f for f in facts if f.kind == "top")


def test_a_share_asked_is_ranked_by_share_as_pandas_ranks_it(real_data: Path, den_haag_dir: Path) -> None:
    app, _ = make_app(den_haag_dir, llm=None)
    with TestClient(app) as c:
        answer = c.post("/v1/chat", json={"question": "Welke wijken hebben het hoogste aandeel 65-plussers?",
                                          "audience": "beleid"}).json()
    top = Fact.model_validate(next(f for f in answer["facts"] if f["kind"] == "top"))
    assert top.year == 2021 and top.unit == "percent"
    shares = pandas_shares(kwb_wijken(real_data, KWB2021), "k_65JaarOfOuder", "wijk").dropna(subset=["share"])
    ranked = shares.sort_values(["share", "code"], ascending=[False, True])
    cut = ranked["share"].iloc[4]
    expected = ranked[ranked["share"] >= cut]  # the top 5 and anyone tied with the 5th
    assert listed_codes(top) == expected["code"].tolist()
    values = [n.value for n in top.numbers if n.role == "value"]
    assert values == pytest.approx(expected["share"].tolist())
    by_count = shares.sort_values("k_65JaarOfOuder", ascending=False)["code"].iloc[0]
    assert listed_codes(top)[0] != by_count  # the count leader (Waldeck) is not the share leader
    assert "berekende het aandeel" in top.text  # CBS publishes no share here: said
    missing = int((kwb_wijken(real_data, KWB2021)["level"] == "wijk").sum() - len(shares))
    assert f"{len(shares)} wijken hebben een cijfer, {missing} niet." in top.text


def test_a_top_list_with_a_small_area_and_a_tie_at_the_cut_off(real_data: Path, data: StoreData) -> None:
    frame = kwb_wijken(real_data, KWB2019)
    small = Settings().small_population
    for d in (d for d in data.catalogue if d.unit == "count" and d.denominator == "inwoners" and d.cbs_stems):
        stem = next((s for s in d.cbs_stems if s in frame.columns), None)
        if stem is None:
            continue
        shares = pandas_shares(frame, stem, "buurt").dropna(subset=["share"])
        ranked = shares.sort_values(["share", "code"], ascending=[False, True]).reset_index(drop=True)
        head = ranked.head(12)
        ties = [i for i in range(1, len(head)) if head["share"][i] == head["share"][i - 1]]
        smalls = head[(head["AantalInwoners"] < small)]
        if ties and len(smalls):
            break
    else:
        pytest.skip("no indicator with a tie and a small buurt in the first 12")
    n = ties[0]  # the list is cut between two tied buurten
    fact = top_fact(data, d.id, "buurt", n, years=[2019])
    tied = ranked[ranked["share"] == ranked["share"][n]]
    expected = ranked[ranked["share"] >= ranked["share"][n - 1]]
    assert listed_codes(fact) == expected["code"].tolist() and len(expected) > n
    place = int((ranked["share"] > ranked["share"][n]).sum()) + 1
    assert fact.text.count(f"gedeeld {place}e") == len(tied)
    assert f"Op de {place}e plaats staan er {len(tied)} gelijk" in fact.text
    for _, row in expected[expected["AantalInwoners"] < small].iterrows():
        assert f"maar {int(row['AantalInwoners']):,} inwoners".replace(",", ".") in fact.text
    assert "small_population" in fact.flags or not (expected["AantalInwoners"] < small).any()
    assert np.isfinite(expected["share"]).all()
