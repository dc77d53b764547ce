"""Checks every table reader runs on its values before anything reaches the store.

What each check does, and why:
- A percentage above 100 rejects the whole file. It almost always means the column has the wrong unit
  (a count, or per 1.000, labelled as a percentage), so every row of that column is suspect.
- A negative count, percentage or rate skips that one cell, with the reason in the report. Statistical
  exports often use codes like -99 or -1 for "missing"; the rest of the file is still good.
- Two rows for the same area, indicator, year and source with different values reject the file, naming
  both lines: we cannot know which one is right. Exact repeats are dropped with a warning.
- A year outside 1990 to next year rejects the file: one row for 9999 would become every area's "latest
  year" and push the real figures out of every default answer.
- A name, code or source that starts with =, +, - or @ rejects the file: it is a spreadsheet formula
  (formula injection), and it would be shown in lists and exported to Excel as written.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from assistant.core.errors import BadInputError
from assistant.core.messages import At, Pick
from retrieval.models import ImportReport
from retrieval.tables.store import KEY

NON_NEGATIVE = {"count", "percent", "per_1000"}
FIRST_YEAR = 1990
NAME_COLUMNS = ("area_code", "area_name", "source_key", "source")
FORMULA_START = ("=", "+", "-", "@")


def last_year() -> int:
    """The latest year a table may hold: next year (a prognosis), never later."""
    return dt.date.today().year + 1
PLACE_COLUMNS = ["line", "column"]


def place(file: str, line: object, column: object, where: str = "line") -> At:
    """The place of a cell as an error field, shown in the reader's language."""
    shown_line = None if line is None or pd.isna(line) else str(line).removesuffix(".0")
    return At(file, shown_line, column if isinstance(column, str) and column else None, row=where == "row")


def location(line: object, column: object, where: str = "line") -> str:
    """'line 4, column Jeugdzorg %' — the words every error uses to point at a cell."""
    text = f"{where} {line}"
    return f"{text}, column {column}" if isinstance(column, str) and column else text


def validate_values(
    values: pd.DataFrame, units: dict[str, str], file: str, report: ImportReport, where: str = "line"
) -> pd.DataFrame:
    """Return the rows that may be stored; raise BadInputError when the file must be rejected.

    `values` has the store's value columns plus `line` and `column`, which point back into the file.
    """
    if values.empty:
        return values
    _check_years(values, file, where)
    _check_formulas(values, file, where)
    unit = values["indicator"].map(units).fillna("count")
    _check_percentages(values, unit, file, where)
    values = _skip_negatives(values, unit, report, where)
    return _drop_duplicates(values, file, report, where)


def _first_bad(bad: pd.DataFrame) -> tuple[pd.Series, Pick | str]:
    """The first offending row (errors name it) and how many more there are."""
    return bad.iloc[0], Pick(f" (en nog {len(bad) - 1})", f" (and {len(bad) - 1} more)") if len(bad) > 1 else ""


def _check_percentages(values: pd.DataFrame, unit: pd.Series, file: str, where: str) -> None:
    bad = values[(unit == "percent") & (values["value"] > 100)]
    if bad.empty:
        return
    row, more = _first_bad(bad)
    raise BadInputError(key="validate.above_100", at=place(file, row["line"], row["column"], where),
                        value=f"{row['value']:g}", indicator=row["indicator"], more=more)


def _check_years(values: pd.DataFrame, file: str, where: str) -> None:
    years = pd.to_numeric(values["year"], errors="coerce")
    bad = values[(years < FIRST_YEAR) | (years > last_year()) | years.isna()]
    if bad.empty:
        return
    row, more = _first_bad(bad)
    raise BadInputError(key="validate.year_range", at=place(file, row["line"], None, where), year=row["year"],
                        first=FIRST_YEAR, last=last_year(), more=more)


def _check_formulas(values: pd.DataFrame, file: str, where: str) -> None:
    for col in NAME_COLUMNS:
        if col not in values:
            continue
        text = values[col].astype("string").str.lstrip()
        bad = values[text.str.startswith(FORMULA_START).fillna(False).astype(bool)]
        if not bad.empty:
            row = bad.iloc[0]
            raise BadInputError(key="validate.formula", at=place(file, row["line"], None, where), text=repr(row[col]),
                                char=repr(str(row[col]).lstrip()[0]))


def _skip_negatives(values: pd.DataFrame, unit: pd.Series, report: ImportReport, where: str) -> pd.DataFrame:
    neg = unit.isin(NON_NEGATIVE) & (values["value"] < 0)
    for _, row in values[neg].iterrows():
        report.skipped.append(
            f"{location(row['line'], row['column'], where)}: {row['indicator']} = {row['value']:g} skipped — "
            "a count, percentage or rate cannot be negative (often a missing-value code such as -99)"
        )
    return values[~neg]


def _drop_duplicates(values: pd.DataFrame, file: str, report: ImportReport, where: str) -> pd.DataFrame:
    dup = values.duplicated(KEY, keep=False)
    if not dup.any():
        return values
    for _, group in values[dup].groupby(KEY, sort=False):
        first = group.iloc[0]
        for _, other in group.iloc[1:].iterrows():
            if not _same_value(first["value"], other["value"]):
                raise BadInputError(
                    key="validate.duplicate", at=place(file, first["line"], first["column"], where),
                    other=place("", other["line"], other["column"], where),
                    what=f"{first['area_code']} / {first['indicator']} / {first['year']}",
                    first=_show(first["value"]), second=_show(other["value"]))
    again = values[values.duplicated(KEY)]
    lines = ", ".join(str(x) for x in sorted(set(again["line"]))[:5])
    report.warnings.append(f"{len(again)} values repeat an earlier one exactly ({where} {lines}"
                           f"{', ...' if again['line'].nunique() > 5 else ''}); imported once")
    return values.drop_duplicates(KEY, keep="first")


def _same_value(a: float, b: float) -> bool:
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _show(value: float) -> str:
    return "no value" if pd.isna(value) else f"{value:g}"
