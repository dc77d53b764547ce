"""Datasets end to end on the real extracts: list, remove exactly one (atomically), answers stop using it.

Counts and figures are recomputed here from the CSVs with pandas.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from support.api import make_app
from support.paths import KWB_FIVE
from support.store import tree_digest

import retrieval.tables.store as store_module
from assistant.cli.main import cli
from retrieval.tables.store import IndicatorStore

pytestmark = pytest.mark.real_data
AMSTERDAM = 4


def run(data_dir: Path, *args: str) -> tuple[int, str]:
    out = CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args])
    return out.exit_code, out.output


@pytest.fixture
def loaded(tmp_path: Path, real_data: Path) -> Path:
    """The five files imported through the CLI, without name lists."""
    data_dir = tmp_path / "data"
    for path, year in KWB_FIVE:
        code, text = run(data_dir, "ingest", "tables", str(real_data / path), "--format", "cbs", "--year", str(year))
        assert code == 0, text
    return data_dir


def csv_rows(real_data: Path, i: int) -> pd.DataFrame:
    return pd.read_csv(real_data / KWB_FIVE[i][0], sep=";", dtype=str, encoding="utf-8-sig")


def ask(data_dir: Path, question: str) -> str:
    code, text = run(data_dir, "ask", question, "--llm", "none")
    assert code == 0, text
    return text


def test_cli_lists_each_import_and_removes_exactly_one(loaded: Path, real_data: Path) -> None:
    code, text = run(loaded, "datasets", "--json")
    listed = json.loads(text)
    assert code == 0 and len(listed) == 5  # three files share one name: still five datasets
    assert [d["rows"] for d in listed] == [len(csv_rows(real_data, i)) for i in range(5)]
    assert [(d["gemeenten"], d["years"]) for d in listed] == [
        (["GM0518"], [2019]), (["GM0518"], [2021]), (["GM0344"], [2019]), (["GM0344"], [2021]), (["GM0363"], [2019])]
    ams = listed[AMSTERDAM]
    assert ams["file"] == listed[2]["file"] and ams["id"] != listed[2]["id"]

    df = csv_rows(real_data, AMSTERDAM)
    people = int(df.loc[df["Codering_3"].str.strip() == "WK036376", "AantalInwoners_5"].iloc[0].strip())
    assert f"{people:,}".replace(",", ".") in ask(loaded, "Hoeveel inwoners heeft Slotermeer-Noordoost?")

    before = IndicatorStore(loaded / "indicators").load().values
    code, text = run(loaded, "datasets", "remove", ams["id"])
    assert code == 0 and text.startswith(f"Verwijderd: {ams['id']}")
    after = IndicatorStore(loaded / "indicators").load().values
    assert not after["area_code"].str.contains("0363").any()
    kept = before[before["dataset"] != ams["id"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(after.reset_index(drop=True), kept)  # the others untouched
    assert [d["id"] for d in json.loads(run(loaded, "datasets", "--json")[1])] == [d["id"] for d in listed[:4]]
    assert f"{people:,}".replace(",", ".") not in ask(loaded, "Hoeveel inwoners heeft Slotermeer-Noordoost?")


def test_unknown_id_is_a_clear_error_that_lists_the_ids_and_changes_nothing(loaded: Path) -> None:
    root = loaded / "indicators"
    digest = tree_digest(root)
    code, text = run(loaded, "datasets", "remove", "d99")
    assert code != 0 and "Traceback" not in text
    assert "There is no dataset 'd99'" in text and all(f"d{i} (" in text for i in range(1, 6))
    assert tree_digest(root) == digest


def test_an_interrupted_removal_leaves_the_store_as_it_was(loaded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = loaded / "indicators"
    store = IndicatorStore(root)
    digest, snapshot, rows = tree_digest(root), store.current_snapshot(), len(store.load().values)
    real_write = store_module.write_json

    def cut(path: Path, data: object) -> None:
        if path.name == "datasets.json":  # the parquet files of the new snapshot are written by now
            raise OSError("disk full (simulated)")
        real_write(path, data)

    monkeypatch.setattr(store_module, "write_json", cut)
    with pytest.raises(OSError):
        IndicatorStore(root).remove_dataset("d3")
    orphans = {p.name for p in root.iterdir() if p.name.startswith(".tmp-")}
    assert orphans, "the removal was not interrupted half-way"
    assert {k: v for k, v in tree_digest(root).items() if k.split("/")[0] not in orphans} == digest
    reopened = IndicatorStore(root)
    assert reopened.current_snapshot() == snapshot and len(reopened.load().values) == rows
    monkeypatch.undo()
    reopened.remove_dataset("d3")  # the next write works and cleans the leftovers
    assert not any(p.name.startswith(".tmp-") for p in root.iterdir())
    assert "d3" not in [d.id for d in reopened.datasets()]


def test_api_lists_and_removes_datasets(loaded: Path) -> None:
    app, _ = make_app(loaded, llm=None)
    with TestClient(app) as client:
        listed = client.get("/v1/datasets").json()
        assert [d["id"] for d in listed] == ["d1", "d2", "d3", "d4", "d5"]
        gone = client.delete("/v1/datasets/d5")
        assert gone.status_code == 200 and gone.json()["gemeenten"] == ["GM0363"]
        assert [d["id"] for d in client.get("/v1/datasets").json()] == ["d1", "d2", "d3", "d4"]
        missing = client.delete("/v1/datasets/d5")
        assert missing.status_code == 404 and "d4 (" in missing.json()["error"]["message"]


def test_api_upload_with_a_name_list_names_areas_and_keeps_the_users_file_name(tmp_path: Path,
                                                                               real_data: Path) -> None:
    app, _ = make_app(tmp_path / "data", llm=None, upload_limit_mb=5)
    path, year = KWB_FIVE[2]  # Utrecht 2019, codes only
    names = b'"Key";"Title"\n"WK034401  ";"Wijk 01 West (eigen naam)"\n'
    with TestClient(app) as client:
        sent = client.post("/v1/ingest/tables", data={"format": "cbs", "year": str(year)},
                           files={"file": ("utrecht.csv", (real_data / path).read_bytes()),
                                  "names": ("namen.csv", names)})
        assert sent.status_code == 200, sent.text
        assert not any("no name" in w for w in sent.json()["warnings"])  # the shipped list named the rest
        assert [d["file"] for d in client.get("/v1/datasets").json()] == ["utrecht.csv"]
        area = client.get("/v1/areas/WK034401").json()
        assert area["name"] == "West (eigen naam)"
