"""The CLI speaks DUIDING_LANG (default Dutch): its errors and its --help, each in one language.

Each case runs the real entry point in its own process, as a user would: the help texts are chosen when
the commands are defined.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.language import language_problem
from support.paths import ROOT

ENTRY = "import sys; from assistant.cli.main import main; sys.argv = ['duiding', *sys.argv[1:]]; main()"


def duiding(lang: str | None, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DUIDING_LANG"}
    env.update(DUIDING_DATA_DIR=str(data_dir), DUIDING_LLM="none", DUIDING_EMBEDDER="fake")
    if lang:
        env["DUIDING_LANG"] = lang
    return subprocess.run([sys.executable, "-c", ENTRY, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def one_line_error(result: subprocess.CompletedProcess[str], lang: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1, line
    assert language_problem(line.split(":", 1)[1], lang) is None, line
    return line


@pytest.mark.parametrize("lang,expected", [
    (None, ("Fout: Het bestand", "bestaat niet — controleer het pad")),
    ("nl", ("Fout: Het bestand", "bestaat niet — controleer het pad")),
    ("en", ("Error: The file", "does not exist — check the path")),
])
def test_a_missing_file(tmp_path: Path, lang: str | None, expected: tuple[str, str]) -> None:
    line = one_line_error(duiding(lang, tmp_path, "ingest", "tables", str(tmp_path / "weg.csv")), lang or "nl")
    assert line.startswith(expected[0]) and expected[1] in line and "weg.csv" in line


@pytest.mark.parametrize("lang,expected", [("nl", "leeg.csv is leeg — zet minstens één verhaal in het bestand"),
                                           ("en", "leeg.csv is empty — put at least one story in the file")])
def test_an_empty_story_file(tmp_path: Path, lang: str, expected: str) -> None:
    (tmp_path / "leeg.csv").write_text("\n\n", encoding="utf-8")
    line = one_line_error(duiding(lang, tmp_path, "ingest", "stories", str(tmp_path / "leeg.csv")), lang)
    assert expected in line


@pytest.mark.parametrize("lang,expected", [
    ("nl", ("regel 3: 2 kolommen, maar de kopregel heeft er 4", "maak elke rij even breed als de kopregel")),
    ("en", ("line 3: 2 columns where the header has 4", "make every row as wide as the header")),
])
def test_a_bad_csv(tmp_path: Path, lang: str, expected: tuple[str, str]) -> None:
    bad = tmp_path / "cijfers.csv"
    bad.write_text("area_code;indicator;year;value\nWK990101;jeugdzorg_pct;2022;12\nWK990102;jeugdzorg_pct\n",
                   encoding="utf-8")
    line = one_line_error(duiding(lang, tmp_path, "ingest", "tables", str(bad), "--format", "long"), lang)
    assert "cijfers.csv" in line and expected[0] in line and expected[1] in line


@pytest.mark.parametrize("lang,usage,options", [("nl", "Gebruik:", "Opties"), ("en", "Usage:", "Options")])
def test_help_is_in_one_language(tmp_path: Path, lang: str, usage: str, options: str) -> None:
    for args in ([], ["ingest", "tables"], ["stories"]):
        result = duiding(lang, tmp_path, *args, "--help")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(usage) and options in result.stdout, result.stdout
        for line in result.stdout.splitlines()[1:]:  # after the usage line, which names the command
            text = line.strip().split("  ")[-1]  # the description column, without the option names
            assert language_problem(text, lang) is None, f"{args}: {line!r}"
