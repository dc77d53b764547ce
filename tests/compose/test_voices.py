"""Questions that ask what people tell answer with quoted, cited stories first, then patterns and figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli.main import cli
from eval.retrieval_eval import DEMO_STORIES

QUOTE = re.compile(r"^- “(?P<text>.+?)(?: …)?” \((?P<meta>[^)]*)\) \[(?P<sid>S\d+)\]$")


def _demo_rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in DEMO_STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]


def _ask(data_dir: Path, question: str) -> str:
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), "ask", question, "--llm", "none"],
                                env={"DUIDING_EMBEDDER": "fake"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _section(text: str, head: str) -> list[str]:
    block = text.split(f"**{head}**\n", 1)[1].split("\n\n", 1)[0]
    return block.splitlines()


@pytest.mark.parametrize(("question", "head", "patterns"), [
    ("Wat vertellen bewoners in Lindenhove over eenzaamheid?", "Wat bewoners vertellen", "Patronen in de verhalen"),
    ("What do residents of Lindenhove say about loneliness?", "What residents say", "Patterns in the stories"),
])
def test_voices_question_quotes_cited_stories_before_the_figures(demo_dir: Path, question: str, head: str,
                                                                 patterns: str) -> None:
    out = _ask(demo_dir, question)
    wanted = [r for r in _demo_rows() if r["area_code"] == "WK990111" and "eenzaamheid" in r["themes"]]  # type: ignore[operator]
    lines = _section(out, head)
    assert 2 <= len(lines) <= 4, out
    for i, line in enumerate(lines, start=1):
        m = QUOTE.match(line)
        assert m, line
        assert m["sid"] == f"S{i}"
        # the quote is a story's own words, from Lindenhove, on the theme, with its date and role
        source = next((r for r in wanted if str(m["text"]) in str(r["text"])), None)
        assert source is not None, line
        assert m["meta"] == f"Lindenhove, {source['date']}, {source['role']}"
    # counts and patterns come after the quotes, the figures after those; the pattern counts the source
    assert out.index(f"**{head}**") < out.index(f"**{patterns}**") < out.index("[F1]")
    n_local = sum(1 for r in _demo_rows() if r["area_code"] == "WK990111")
    pattern = _section(out, patterns)[0]
    assert f"{len(wanted)} " in pattern and f" {n_local} " in pattern, pattern


def test_voices_question_without_stories_says_where_they_are(demo_dir: Path) -> None:
    rows = _demo_rows()
    # a wijk with stories, none of them on mantelzorg; computed from the source file
    wijken = {r["area_code"] for r in rows}
    with_theme = {r["area_code"] for r in rows if "mantelzorg" in r["themes"]}  # type: ignore[operator]
    assert "WK990116" in wijken - with_theme
    out = _ask(demo_dir, "Wat vertellen bewoners in Oosterkade over mantelzorg?")
    block = " ".join(_section(out, "Wat bewoners vertellen"))
    assert "geen verhalen over mantelzorg" in block
    assert "[S1]" not in out
    named = block.split("zijn er wel uit:", 1)[1]
    assert "Lindenhove" in named  # the wijk with most mantelzorg stories
