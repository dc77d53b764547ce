"""Issue 27: implausible rows are refused with their row number (or imported with a warning where the value
is legitimately odd), and a year-9999 row can never become the latest year of real data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.kwb import code_of, kwb_wijken
from support.paths import KWB2019, NAMES2022
from support.store import tree_digest

from assistant.cli.main import cli
from assistant.core.errors import BadInputError
from retrieval.tables.ingest import ingest_table
from retrieval.tables.store import IndicatorStore

HEAD = "area;indicator;year;value\n"
NEXT_YEAR = dt.date.today().year + 1


def _file(tmp_path: Path, body: str, name: str = "rijen.csv") -> Path:
    f = tmp_path / name
    f.write_text(HEAD + body, encoding="utf-8")
    return f


@pytest.fixture
def store(tmp_path: Path) -> IndicatorStore:
    s = IndicatorStore(tmp_path / "ind")
    ingest_table(s, _file(tmp_path, "WK051836;jeugdzorg_pct;2019;14,1\n", "goed.csv"))
    return s


@pytest.mark.parametrize(("body", "message"), [
    ("WK051837;inwoners;2019;20350\nWK051837;inwoners;9999;20350\n", "line 3: the year 9999 is outside 1990–"),
    ("WK051837;inwoners;2099;1\n", "line 2: the year 2099 is outside 1990–"),
    ("WK051837;inwoners;1989;1\n", "line 2: the year 1989 is outside 1990–"),
    (f"WK051837;inwoners;{NEXT_YEAR + 1};1\n", f"the year {NEXT_YEAR + 1} is outside 1990–{NEXT_YEAR}"),
    ("WK051837;=cmd|'/c calc'!A1;2019;5\n", "line 2: \"=cmd|'/c calc'!A1\" starts with '='"),
    ("WK051837;+inwoners;2019;5\n", "line 2: '+inwoners' starts with '+'"),
    ("WK051837;@SUM(A1);2019;5\n", "line 2: '@SUM(A1)' starts with '@'"),
    ("WK051837;jeugdzorg_pct;2019;140\n", "line 2, column value: 140 is above 100"),
    ("WK051837;inwoners;2019;5\nWK051837;inwoners;2019;6\n", "line 2, column value and line 3, column value both"),
])
def test_implausible_rows_are_refused_with_the_row_and_change_nothing(
    store: IndicatorStore, tmp_path: Path, body: str, message: str
) -> None:
    before = tree_digest(store.root)
    with pytest.raises(BadInputError) as exc:
        ingest_table(store, _file(tmp_path, body))
    assert message in exc.value.message and exc.value.fix
    assert tree_digest(store.root) == before


def test_formula_in_a_wide_header_or_an_area_name_is_refused(store: IndicatorStore, tmp_path: Path) -> None:
    wide = tmp_path / "breed.csv"
    wide.write_text("area;year;=HYPERLINK(\"x\")\nWK051837;2019;5\n", encoding="utf-8")
    named = _file(tmp_path, "WK051837;inwoners;2019;5\n", "naam.csv")
    named.write_text("area;area_name;indicator;year;value\nWK051837;-Moerwijk;inwoners;2019;5\n", encoding="utf-8")
    before = tree_digest(store.root)
    for f, message in ((wide, "starts with '='"), (named, "line 2: '-Moerwijk' starts with '-'")):
        with pytest.raises(BadInputError, match=message):
            ingest_table(store, f)
    assert tree_digest(store.root) == before


def test_odd_but_possible_rows_import_with_a_warning(store: IndicatorStore, tmp_path: Path) -> None:
    body = (f"WK051837;inwoners;2019;-99\nWK051837;inwoners;{NEXT_YEAR};20000\n"
            "WK051838;inwoners;2019;16160\nWK051838;inwoners;2019;16160\n")
    report = ingest_table(store, _file(tmp_path, body))
    assert report.skipped == ["line 2, column value: inwoners = -99 skipped — a count, percentage or rate cannot "
                              "be negative (often a missing-value code such as -99)"]
    assert any("repeat an earlier one exactly (line 5)" in w for w in report.warnings)
    assert report.years == [2019, NEXT_YEAR] and report.values == 2


def test_year_9999_next_to_real_data_is_refused_and_answers_keep_the_real_latest_year(
    real_data: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    runner = CliRunner()
    load = runner.invoke(cli, ["--data-dir", str(data_dir), "ingest", "tables", str(real_data / KWB2019),
                               "--format", "cbs", "--names", str(real_data / NAMES2022)])
    assert load.exit_code == 0, load.output
    wijken = kwb_wijken(real_data)
    code = code_of(wijken, "Moerwijk")
    real = int(wijken.loc[wijken["code"] == code, "AantalInwoners"].iloc[0])
    bad = _file(tmp_path, f"{code};inwoners;2019;{real}\n{code};inwoners;9999;{real - 950}\n", "nieuw.csv")
    before = tree_digest(data_dir)
    result = runner.invoke(cli, ["--data-dir", str(data_dir), "ingest", "tables", str(bad)])
    assert result.exit_code == 1 and "line 3: the year 9999 is outside 1990–" in result.output
    assert tree_digest(data_dir) == before
    answer = runner.invoke(cli, ["--data-dir", str(data_dir), "ask", "Hoeveel inwoners heeft Moerwijk?",
                                 "--llm", "none"])
    assert answer.exit_code == 0, answer.output
    shown = f"{real:,}".replace(",", ".")
    assert f"(2019): {shown}" in answer.output and "9999" not in answer.output
