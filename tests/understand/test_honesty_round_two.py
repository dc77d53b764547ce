"""Issue 27, answer honesty: 'de buurt X' asks back when X is also a wijk; '3 wijken' gives 3; a trend to a
year that is not loaded says that year is missing. Expectations come from the real KWB CSV (pandas)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support.kwb import code_of, kwb_wijken
from support.paths import KWB2019, NAMES2022

from assistant.cli.main import cli


@pytest.fixture(scope="module")
def only_2019(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("dh2019") / "data"
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "ingest", "tables", str(real_data / KWB2019),
                                      "--format", "cbs", "--names", str(real_data / NAMES2022)])
    assert result.exit_code == 0, result.output
    return data_dir


def _ask(data_dir: Path, question: str) -> str:
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "ask", question, "--llm", "none"],
                                env={"DUIDING_EMBEDDER": "fake"})
    assert result.exit_code == 0, result.output
    return result.output


def _nl(n: float) -> str:
    return f"{int(n):,}".replace(",", ".")


def test_de_buurt_x_asks_back_when_x_is_also_a_wijk(only_2019: Path, real_data: Path) -> None:
    wijken = kwb_wijken(real_data)
    wijk, buurt = code_of(wijken, "Zorgvliet", "wijk"), code_of(wijken, "Zorgvliet", "buurt")
    out = _ask(only_2019, "Hoeveel inwoners heeft de buurt Zorgvliet?")
    assert "Welk gebied bedoel je" in out and "Zorgvliet (buurt" in out and "Zorgvliet (wijk" in out, out
    assert "[F1]" not in out  # nothing answered before the user chose
    for code, asked in ((wijk, "Hoeveel inwoners heeft de wijk Zorgvliet?"),
                        (wijk, "Hoeveel inwoners heeft Zorgvliet?"),
                        (buurt, f"Hoeveel inwoners heeft de buurt Zorgvliet? ({buurt})")):
        value = wijken.loc[wijken["code"] == code, "AantalInwoners"].iloc[0]
        assert f"(2019): {_nl(value)}" in _ask(only_2019, asked)


@pytest.mark.parametrize(("question", "n"), [
    ("Welke 3 wijken hebben de meeste inwoners?", 3),
    ("Welke drie wijken hebben de meeste inwoners?", 3),
    ("Which 4 districts have the most inhabitants?", 4),
    ("Welke wijken hebben de meeste inwoners?", 5),
])
def test_n_wijken_gives_n(only_2019: Path, real_data: Path, question: str, n: int) -> None:
    wijken = kwb_wijken(real_data)
    ranked = wijken[wijken["level"] == "wijk"].sort_values("AantalInwoners", ascending=False)
    out = _ask(only_2019, question)
    line = next(ln for ln in out.splitlines() if "[F" in ln and f"{ranked['name'].iloc[0]} (" in ln)
    shown = [name for name in ranked["name"] if f"{name} (" in line]
    assert shown == list(ranked["name"].iloc[:n]), line


@pytest.mark.parametrize(("question", "said"), [
    ("Hoe is het aantal inwoners in Moerwijk veranderd van 2019 tot 2021?", "in 2021: dat jaar is niet geladen"),
    ("How did the number of inhabitants in Moerwijk change from 2019 to 2021?", "2021"),
])
def test_a_trend_to_a_year_not_loaded_says_it_is_missing(only_2019: Path, question: str, said: str) -> None:
    out = _ask(only_2019, question)
    assert said in out and ("niet geladen" in out or "not loaded" in out), out
