"""Asking the real pipeline and reading the expected figures from the KWB CSVs with pandas (issue 23 tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from assistant.pipeline import AnswerService
from assistant.schemas import Answer, Question
from assistant.understand.model import Understanding
from assistant.wiring import build_deps
from support.api import api_settings
from support.paths import KWB_FIVE, NAMES_NL

DH19, DH21, AMS19 = 0, 1, 4


@cache
def service(data_dir: Path) -> AnswerService:
    return AnswerService(build_deps(api_settings(data_dir, llm="none")))


def ask(data_dir: Path, question: str, prev: Understanding | None = None) -> tuple[Answer, Understanding]:
    result = service(data_dir).ask(Question(question=question), prev)
    return result.answer, result.understanding


@cache
def kwb(real_data: Path, file: int) -> pd.DataFrame:
    df = pd.read_csv(real_data / KWB_FIVE[file][0], sep=";", dtype=str, encoding="utf-8-sig")
    return df.assign(code=df["Codering_3"].str.strip()).set_index("code")


def figure(real_data: Path, code: str, column: str) -> int:
    """The latest figure of a count column: the 2021 file when it holds the area, else 2019."""
    for file in (DH21, DH19, AMS19):
        df = kwb(real_data, file)
        if code in df.index and column in df.columns and df.loc[code, column].strip() not in ("", "."):
            return int(df.loc[code, column].strip())
    raise AssertionError(f"{code} has no {column}")


def dutch(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def cbs_title(real_data: Path, code: str) -> str:
    """The CBS name without its 'Wijk 12 ' prefix, from the national list."""
    nl = pd.read_csv(real_data / NAMES_NL, dtype=str)
    title = nl.loc[nl["Key"].str.strip() == code, "Title"].iloc[0].strip()
    return title.split(" ", 2)[2] if title.startswith(("Wijk ", "Buurt ")) and title.split()[1].isdigit() else title
