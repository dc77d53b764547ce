"""UI pieces without a page: SSE parsing, chart data (gaps stay gaps), Dutch numbers, and `duiding run`."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.cli.launcher import port_free, settings_env
from assistant.core.settings import Settings
from assistant.schemas import ChartSeries
from ui.browser import free_ports
from ui.charts import chart_for, format_value, frame, missing_names
from ui.client import parse_sse

SOURCE = "Bron: Demo Duinhaven (fictief, gegenereerd door Duiding)"


def series(kind: str, rows: list[dict], unit: str = "percent") -> ChartSeries:
    return ChartSeries(kind=kind, title="Jongeren met jeugdzorg, 2023", indicator="jeugdzorg_pct", unit=unit,
                       rows=rows, source_line=SOURCE)  # type: ignore[arg-type]


def test_sse_events_are_parsed_across_crlf_comments_and_multiline_data() -> None:
    lines = ["event: facts", 'data: {"answer":', 'data:  {"deterministic": "x"}}', "", ": keep-alive", "",
             "event: sentence\r", 'data: {"text": "Zin [F1]."}\r', "\r", "event: reset", "data: {}", "",
             "event: done", 'data: {"conversation_id": "c1"}']
    events = list(parse_sse(lines))
    assert [e.kind for e in events] == ["facts", "sentence", "reset", "done"]
    assert events[0].data == {"answer": {"deterministic": "x"}}
    assert events[1].data["text"] == "Zin [F1]." and events[3].data["conversation_id"] == "c1"


@pytest.mark.parametrize(("value", "unit", "lang", "shown"), [
    (18.0, "percent", "nl", "18,0%"), (11113, "count", "nl", "11.113"), (71.0, "per_1000", "nl", "71,0 per 1.000"),
    (10.85, "percent", "nl", "10,85%"), (18.0, "percent", "en", "18.0%"), (None, "percent", "nl", "geen cijfer"),
])
def test_values_read_the_dutch_way(value: float | None, unit: str, lang: str, shown: str) -> None:
    assert format_value(value, unit, lang) == shown  # type: ignore[arg-type]


def test_suppressed_values_stay_gaps_in_every_chart_never_zero() -> None:
    reference = series("reference", [{"code": "WK990110", "name": "Weverskwartier", "value": None, "is_target": True},
                                     {"code": "GM9901", "name": "Duinhaven", "value": 10.3, "is_target": False}])
    trend = series("trend", [{"year": 2021, "value": 17.4, "provisional": False},
                             {"year": 2022, "value": None, "provisional": False},
                             {"year": 2023, "value": 18.0, "provisional": True}])
    for chart in (reference, trend):
        spec = chart_for(chart).to_dict()
        rows = next(iter(spec["datasets"].values()))
        missing = [r for r in rows if r["missing"]]
        assert len(missing) == 1 and missing[0]["value"] is None and missing[0]["label"] == "geen cijfer"
        assert spec["title"]["subtitle"] == [SOURCE]
    assert missing_names(trend) == ["2022"]
    assert frame(trend)["value"].isna().tolist() == [False, True, False]


def test_trend_marks_the_provisional_year_and_siblings_highlight_the_area() -> None:
    trend = chart_for(series("trend", [{"year": 2022, "value": 17.7, "provisional": False},
                                       {"year": 2023, "value": 18.0, "provisional": True}])).to_dict()
    rows = next(iter(trend["datasets"].values()))
    assert [r["status"] for r in rows] == ["definitief", "voorlopig"]
    siblings = chart_for(series("siblings", [
        {"code": "WK990110", "name": "Weverskwartier", "value": 18.0, "is_target": True},
        {"code": "WK990111", "name": "Lindenhove", "value": 9.6, "is_target": False},
        {"code": "WK990112", "name": "Molenwijk", "value": None, "is_target": False}])).to_dict()
    assert [layer["mark"]["type"] for layer in siblings["layer"]] == ["tick", "tick", "text"]
    assert len(next(iter(siblings["datasets"].values()))) == 2  # Molenwijk has no figure: no tick at 0


def test_children_get_every_setting_as_a_duiding_variable(tmp_path: Path) -> None:
    env = settings_env(Settings(data_dir=tmp_path, llm="none", embedder="fake", cors_origins=["http://x"]))
    assert env["DUIDING_DATA_DIR"] == str(tmp_path) and env["DUIDING_LLM"] == "none"
    assert json.loads(env["DUIDING_CORS_ORIGINS"]) == ["http://x"] and "DUIDING_API_TOKEN" not in env


def _lines(stream: object, out: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        out.put(line)


def test_duiding_run_starts_both_and_stops_both_on_sigterm(tmp_path: Path) -> None:
    api_port, ui_port = free_ports(2)
    env = dict(os.environ, DUIDING_DATA_DIR=str(tmp_path), DUIDING_LLM="none", DUIDING_EMBEDDER="fake",
               DUIDING_API_PORT=str(api_port))
    cmd = [sys.executable, "-c", "from assistant.cli.main import main; main()", "run", "--ui-port", str(ui_port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, out), daemon=True).start()
    try:
        seen = ""
        while "Duiding draait op" not in seen:
            seen = out.get(timeout=240)
            assert proc.poll() is None, seen
        assert f"http://127.0.0.1:{ui_port}" in seen
        assert not port_free("127.0.0.1", api_port) and not port_free("127.0.0.1", ui_port)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert port_free("127.0.0.1", api_port) and port_free("127.0.0.1", ui_port)
