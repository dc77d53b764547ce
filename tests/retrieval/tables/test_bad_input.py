"""The bad-input suite: every case in tests/data/bad/cases.yaml gets its one-line error (or row skip).

A rejected file leaves the store byte for byte as it was, and the CLI says one line with the fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from support.paths import DATA
from support.store import tree_digest

from assistant.cli.main import cli
from assistant.core.errors import BadInputError
from assistant.core.settings import Settings
from retrieval.tables.ingest import ingest_table
from retrieval.tables.store import IndicatorStore

BAD = DATA / "bad"
CASES = yaml.safe_load((BAD / "cases.yaml").read_text(encoding="utf-8"))
REJECTED = [c for c in CASES if "error" in c]
SKIPPED = [c for c in CASES if "skipped" in c]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data dir that already holds one good import, so 'unchanged' means something."""
    good = tmp_path / "goed.csv"
    good.write_text("area;indicator;year;value\nWK051836;jeugdzorg_pct;2019;14,1\n", encoding="utf-8")
    ingest_table(IndicatorStore(Settings(data_dir=tmp_path / "data").indicator_dir), good)
    return tmp_path / "data"


def _store(data_dir: Path) -> IndicatorStore:
    return IndicatorStore(Settings(data_dir=data_dir).indicator_dir)


def test_every_file_in_the_suite_has_a_case() -> None:
    files = {p.name for p in BAD.iterdir() if p.name != "cases.yaml"}
    assert files == {c["file"] for c in CASES}
    assert len(REJECTED) >= 12 and SKIPPED


@pytest.mark.parametrize("case", REJECTED, ids=lambda c: c["file"])
def test_rejected_file_names_itself_and_the_fix_and_changes_nothing(case: dict, data_dir: Path) -> None:
    before = tree_digest(data_dir)
    with pytest.raises(BadInputError) as exc:
        ingest_table(_store(data_dir), BAD / case["file"])
    assert case["error"] in exc.value.message
    assert case["fix"] in exc.value.fix
    assert "\n" not in str(exc.value)
    assert tree_digest(data_dir) == before


@pytest.mark.parametrize("case", REJECTED, ids=lambda c: c["file"])
def test_rejected_file_through_the_cli_is_one_line_without_traceback(case: dict, data_dir: Path) -> None:
    before = tree_digest(data_dir)
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "ingest", "tables", str(BAD / case["file"])])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ") and case["error"] in lines[0] and case["fix"] in lines[0]
    assert "Traceback" not in result.output and result.stderr.strip() == lines[0]
    assert tree_digest(data_dir) == before


@pytest.mark.parametrize("case", SKIPPED, ids=lambda c: c["file"])
def test_skipped_row_is_reported_and_the_rest_imported(case: dict, data_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "ingest", "tables", str(BAD / case["file"])])
    assert result.exit_code == 0, result.output
    assert f"  skipped: {case['skipped']}" in result.output
    values = _store(data_dir).load().values
    own = values[values.source == f"eigen bestand ({case['file']})"]
    assert sorted(own.value) == [16160.0, 20350.0]


def test_conflict_far_apart_in_a_large_file(tmp_path: Path) -> None:
    rows = [f"BU0518{i:04d};inwoners;2019;{i}" for i in range(9_000)]
    rows.append("BU05180007;inwoners;2019;8")
    f = tmp_path / "groot.csv"
    f.write_text("area;indicator;year;value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"groot.csv: line 9, column value and line 9002, column value both give "
                                            r"BU05180007 / inwoners / 2019, with 7 and 8"):
        ingest_table(IndicatorStore(tmp_path / "ind"), f)
    assert not (tmp_path / "ind" / "CURRENT").exists()


def test_truncated_large_file(tmp_path: Path) -> None:
    body = "".join(f"BU0518{i:04d};inwoners;2019;{i}\n" for i in range(5_000))
    f = tmp_path / "afgebroken.csv"
    f.write_text("area;indicator;year;value\n" + body + "BU05189999;inwo", encoding="utf-8")
    with pytest.raises(BadInputError, match="afgebroken.csv: line 5002: the last line is cut off"):
        ingest_table(IndicatorStore(tmp_path / "ind"), f)


def test_the_cbs_reader_runs_the_same_checks(tmp_path: Path) -> None:
    head = '"ID";"WijkenEnBuurten";"AantalInwoners_5";"PercentageJongerenMetJeugdzorg_88"\n'
    bad = tmp_path / "kwb_84583NED.csv"
    bad.write_text(head + '"1";"WK051836";"  20350";"  140.0"\n', encoding="utf-8")
    with pytest.raises(BadInputError, match=r"line 2, column PercentageJongerenMetJeugdzorg_88: 140 is above 100"):
        ingest_table(IndicatorStore(tmp_path / "ind"), bad, "cbs")
    neg = tmp_path / "neg_84583NED.csv"
    neg.write_text(head + '"1";"WK051836";"  -99";"  14.1"\n', encoding="utf-8")
    report = ingest_table(IndicatorStore(tmp_path / "ind"), neg, "cbs")
    assert report.skipped == ["line 2, column AantalInwoners_5: inwoners = -99 skipped — a count, percentage or "
                              "rate cannot be negative (often a missing-value code such as -99)"]
