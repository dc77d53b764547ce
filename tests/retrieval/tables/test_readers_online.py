"""`duiding import-cbs`: StatLine stood in for at the network boundary (cbsodata.get_data / get_meta)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import cbsodata
import pytest
import requests
from click.testing import CliRunner
from support.paths import KWB2019, NAMES2022, PROPS2022
from support.store import tree_digest

from assistant.cli.main import cli
from assistant.core.errors import BackendUnavailableError
from retrieval.tables.cbs_online import import_cbs
from retrieval.tables.ingest import ingest_table
from retrieval.tables.store import IndicatorStore

AMSTERDAM = "dhzw_synthetic_population/amsterdam_2019_full/marginal_distributions_84583NED.csv"


def _rows(path: Path, delimiter: str = ";") -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def _typed(cell: str) -> Any:
    """What the TypedDataSet holds: numbers as numbers, None for '.', padded strings as they are."""
    s = cell.strip()
    if s == ".":
        return None
    try:
        return int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError:
            return cell


class FakeStatLine:
    """The two cbsodata calls Duiding makes, answered from the real extract."""

    def __init__(self, real: Path) -> None:
        self.titles = {r["Key"].strip(): r["Title"] for r in _rows(real / NAMES2022, ",")}
        self.props = _rows(real / PROPS2022, ",")
        # Den Haag plus Amsterdam: the gemeente filter must keep only Den Haag.
        self.data = _rows(real / KWB2019) + _rows(real / AMSTERDAM)
        self.calls: list[tuple[str, str]] = []

    def get_data(self, table_id: str, typed: bool = False, filters: str | None = None, **_: Any) -> list[dict]:
        self.calls.append((table_id, str(filters)))
        assert typed and filters and "0518" in filters
        rows = [{k: _typed(v) for k, v in r.items()} for r in self.data]
        for r in rows:  # cbsodata puts the code list's title where the key was
            r["WijkenEnBuurten"] = self.titles.get(str(r["WijkenEnBuurten"]).strip(), r["WijkenEnBuurten"])
        return rows

    def get_meta(self, table_id: str, name: str, **_: Any) -> list[dict]:
        self.calls.append((table_id, name))
        return {"DataProperties": self.props, "WijkenEnBuurten": _rows_of(self.titles)}[name]


def _rows_of(titles: dict[str, str]) -> list[dict]:
    return [{"Key": k.ljust(10), "Title": t} for k, t in titles.items()]


@pytest.fixture
def statline(monkeypatch: pytest.MonkeyPatch, real_data: Path) -> FakeStatLine:
    fake = FakeStatLine(real_data)
    monkeypatch.setattr(cbsodata, "get_data", fake.get_data)
    monkeypatch.setattr(cbsodata, "get_meta", fake.get_meta)
    return fake


def test_online_import_equals_the_csv_import(tmp_path: Path, statline: FakeStatLine, real_data: Path) -> None:
    online, offline = IndicatorStore(tmp_path / "online"), IndicatorStore(tmp_path / "csv")
    report = import_cbs(online, "84583NED", "GM0518")
    ingest_table(offline, real_data / KWB2019, "cbs", names=real_data / NAMES2022, metadata=real_data / PROPS2022)
    a, b = online.load(), offline.load()
    assert report.areas == 159 and report.years == [2019] and report.format == "cbs-online"
    assert a.values.equals(b.values)
    assert a.catalogue.get("jeugdzorg_pct") == b.catalogue.get("jeugdzorg_pct")
    assert set(a.values.area_code.str[2:6]) == {"0518"}  # Amsterdam rows dropped
    gm = a.values[(a.values.area_code == "GM0518") & (a.values.indicator == "jeugdzorg_pct")]
    assert gm.value.tolist() == [10.8] and gm.source.tolist() == ["CBS KWB"]
    assert [c[1] for c in statline.calls][1:] == ["DataProperties", "WijkenEnBuurten"]


def test_online_import_through_the_cli(tmp_path: Path, statline: FakeStatLine) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "import-cbs", "84583NED", "--gemeente", "GM0518"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("StatLine 84583NED: 159 rows, 159 areas")


def test_offline_is_a_clear_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, statline: FakeStatLine
) -> None:
    store = IndicatorStore(tmp_path / "indicators")
    import_cbs(store, "84583NED", "GM0518")
    before = tree_digest(tmp_path)

    def offline(*_: Any, **__: Any) -> list[dict]:
        raise requests.ConnectionError("Max retries exceeded with url: /ODataApi/OData/84583NED")

    monkeypatch.setattr(cbsodata, "get_data", offline)
    with pytest.raises(BackendUnavailableError) as e:
        import_cbs(store, "84583NED", "GM0518")
    assert str(e.value) == ("CBS StatLine is not reachable — check your internet connection, or download the CSV "
                            "and use `duiding ingest tables`")
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "import-cbs", "84583NED", "--gemeente", "GM0518"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {e.value}"]  # one language: DUIDING_LANG=en here
    assert "Traceback" not in result.output
    assert tree_digest(tmp_path) == before


def test_bad_gemeente_code_is_refused_before_any_download(tmp_path: Path, statline: FakeStatLine) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "import-cbs", "84583NED", "--gemeente", "0518"])
    assert result.exit_code == 1 and "use a code like GM0518" in result.output
    assert statline.calls == []
