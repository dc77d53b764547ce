"""Derive the shipped region list from CBS's national code list (run once per new KWB table).

    python -m retrieval.tables.regions_build path/to/WijkenEnBuurten_NL.csv [--table 85318NED --year 2022]

The input is CBS's `WijkenEnBuurten` code list of a KWB table (columns Key, Title, ..., Municipality);
the output is `retrieval/data/cbs_regions.csv.gz`: code, name, level, gemeente_code, gemeente_name.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from pathlib import Path

from retrieval.tables.codes import clean_area_name, level_for_code
from retrieval.tables.regions import COLUMNS, REGIONS_PATH


def derive(source: Path, table: str, year: int) -> list[list[str]]:
    """Rows of the shipped list: every region of the code list, names without CBS's 'Wijk 00 ' prefix."""
    with open(source, encoding="utf-8-sig", newline="") as fh:
        rows = [(r["Key"].strip(), r["Title"].strip(), (r.get("Municipality") or "").strip())
                for r in csv.DictReader(fh)]
    gemeente = {code: title for code, title, _ in rows if code.startswith("GM")}
    out = []
    for code, title, municipality in rows:
        gm = code if code.startswith("GM") else municipality
        out.append([code, clean_area_name(title), level_for_code(code), gm, gemeente.get(gm, "")])
    return out


def write(rows: list[list[str]], table: str, year: int, target: Path = REGIONS_PATH) -> None:
    buf = io.StringIO()
    buf.write(f"# CBS Kerncijfers wijken en buurten {year}, table {table}: region codes and names "
              "(CBS metadata, CC BY 4.0, Bron: CBS)\n")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    # mtime=0: the same input gives the same bytes
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="CBS WijkenEnBuurten code list (CSV) of all of NL")
    parser.add_argument("--table", default="85318NED", help="the KWB table id the list belongs to")
    parser.add_argument("--year", type=int, default=2022, help="the KWB year of that table")
    args = parser.parse_args(argv)
    rows = derive(args.source, args.table, args.year)
    write(rows, args.table, args.year)
    print(f"{len(rows)} regions from {args.table} ({args.year}) -> {REGIONS_PATH}")


if __name__ == "__main__":
    main()
