"""The paraphrase battery (issues 23 and 33): how well Duiding understands questions as people ask them.

    python -m eval.battery --llm none                      # all sections, rules only
    python -m eval.battery --llm embedded --unresolved --limit 20   # the parser's gain on what rules leave open

Each section gets a fresh data dir filled through Duiding's own import (Den Haag, Amsterdam, and the three
cities together); gold comes from the CSVs (eval/battery_gold.py), never from Duiding's answers.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant.core.errors import BackendUnavailableError, DuidingError
from assistant.core.settings import Settings
from assistant.llm.base import Size
from eval.battery_gold import STORES, props_path
from eval.battery_model import BQuestion
from eval.battery_score import BScore, describe, figure_shown, judge, wanted
from eval.gold_real import real_root

REPORTS = Path(__file__).parent / "reports"
LINK = False  # --link: wire semantic indicator linking as the app does
Progress = Callable[[str], None]


class ParseOnlyLLM:
    """Lends a backend's JSON parsing to the pipeline but writes no prose (the facts answer is shown)."""

    size: Size = "large"  # asked as before; its stream writes nothing

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.model = inner, inner.name, getattr(inner, "model", "")

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> dict[str, Any]:
        return self.inner.complete_json(messages, schema)  # type: ignore[no-any-return]

    def available(self) -> tuple[bool, str]:
        return self.inner.available()  # type: ignore[no-any-return]

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        raise BackendUnavailableError("parse-only run: no prose", "")


def prepare(root: Path, section: str, settings: Settings) -> None:
    from eval.battery_gold import NAMES_NL
    from retrieval.tables.ingest import ingest_table
    from retrieval.tables.store import IndicatorStore

    store = IndicatorStore(settings.indicator_dir)
    for path, year in STORES[section]:
        ingest_table(store, root / path, "cbs", year=year, names=root / NAMES_NL, metadata=props_path(root))


def unresolved(u: Any) -> bool:
    try:
        from assistant.understand.llm_parser import needs_parser
    except ImportError:
        return False
    return bool(needs_parser(u))


def ask_question(service: Any, q: BQuestion) -> list[BScore]:
    from assistant.schemas import Question

    prev, out = None, []
    for i, turn in enumerate(q.turns):
        s = BScore(q.id, q.category, q.section, q.lang, i, turn.question[:200], wanted=wanted(turn))
        t0 = time.perf_counter()
        try:
            result = service.ask(Question(question=turn.question), prev)
            answer, prev = result.answer, result.understanding
            kind = str(getattr(answer, "kind", "") or getattr(prev, "kind", ""))
            reason = judge(turn, answer, kind)
            s.understood, s.reason, s.nonempty = not reason, reason, bool(answer.answer.strip())
            s.got, s.figure_ok = describe(answer, kind), figure_shown(turn, answer)
            s.understood_by = str(getattr(answer, "understood_by", "rules"))
            s.unresolved = unresolved(prev)
        except DuidingError as exc:  # a clear error message is a reply (the API and CLI show it)
            s.error = f"{type(exc).__name__}: {exc}"
            s.nonempty = bool(exc.message)
            s.understood = turn.check == "nonempty" and s.nonempty
            s.reason = "" if s.understood else "error"
        except Exception as exc:  # noqa: BLE001 - one broken question must not end the run; it is reported
            s.error, s.reason = f"{type(exc).__name__}: {exc}"[:300], "crash"
        s.ms = round((time.perf_counter() - t0) * 1000, 1)
        out.append(s)
    return out


def make_service(settings: Settings, llm: Any) -> Any:
    from assistant.pipeline import AnswerService
    from assistant.wiring import build_app_deps

    deps = build_app_deps(settings.model_copy(update={"llm": "none"}))
    deps.llm = ParseOnlyLLM(llm) if llm is not None else None
    if not LINK:  # as eval/run.py: the semantic linker's first index build takes minutes on a busy machine
        deps.link_indicators = None
    return AnswerService(deps)


def run_battery(backend: str = "none", limit: int | None = None, sections: tuple[str, ...] = tuple(STORES),
                only_unresolved: bool = False, out_dir: Path = REPORTS, progress: Progress | None = None
                ) -> dict[str, Any]:
    from eval.battery_build import build_battery
    from eval.battery_report import write_reports

    say = progress or (lambda line: print(line, file=sys.stderr, flush=True))
    root = real_root()
    if root is None:
        raise SystemExit("The battery needs the real extracts: set DUIDING_REAL_DATA")
    questions = [q for q in build_battery(root) if q.section in sections]
    llm = _backend(backend)
    if not only_unresolved:
        questions = spread(questions, limit) if limit else questions
    scores: list[BScore] = []
    baseline: list[BScore] = []
    for section in sections:
        todo = [q for q in questions if q.section == section]
        if todo:
            got, base = _run_section(root, section, todo, llm, say, only_unresolved, limit)
            scores, baseline = scores + got, baseline + base
    n = len({s.qid for s in scores})
    extra = {"baseline": [s.as_dict() for s in baseline]} if only_unresolved else {}
    return write_reports(scores, backend, n, only_unresolved, extra, out_dir)


def spread(questions: list[BQuestion], limit: int) -> list[BQuestion]:
    """The first `limit` questions taken round-robin over categories, so a small run still covers each."""
    by_cat: dict[str, list[BQuestion]] = {}
    for q in questions:
        by_cat.setdefault(q.category, []).append(q)
    out: list[BQuestion] = []
    while len(out) < min(limit, len(questions)):
        for group in by_cat.values():
            if group and len(out) < limit:
                out.append(group.pop(0))
    order = {q.id: n for n, q in enumerate(questions)}
    return sorted(out, key=lambda q: order[q.id])


def _run_section(root: Path, section: str, questions: list[BQuestion], llm: Any, say: Progress,
                 only_unresolved: bool = False, limit: int | None = None) -> tuple[list[BScore], list[BScore]]:
    """(scores, rules-only scores of the same questions when only_unresolved) on one fresh store."""
    with tempfile.TemporaryDirectory(prefix=f"duiding-battery-{section}-") as tmp:
        settings = Settings(data_dir=Path(tmp), llm="none")
        say(f"{section}: importing {len(STORES[section])} file(s) into {tmp} ...")
        prepare(root, section, settings)
        baseline: list[BScore] = []
        if only_unresolved:  # the rules first, on the same store: the subset they leave open, and their score
            rules = _ask_all(make_service(settings, None), section, questions, say)
            open_ids = {s.qid for s in rules if s.unresolved and s.turn == 0}
            questions = [q for q in questions if q.id in open_ids]
            questions = spread(questions, limit) if limit else questions
            baseline = [s for s in rules if s.qid in {q.id for q in questions}]
        return _ask_all(make_service(settings, llm), section, questions, say), baseline


def _ask_all(service: Any, section: str, questions: list[BQuestion], say: Progress) -> list[BScore]:
    scores: list[BScore] = []
    for n, q in enumerate(questions, start=1):
        got = ask_question(service, q)
        scores += got
        ok = all(s.understood for s in got)
        say(f"[{section} {n}/{len(questions)}] {q.id:<30} {'ok  ' if ok else 'MISS'} "
            f"{sum(s.ms for s in got):7.0f} ms  {q.text[:70]!r} {'' if ok else got[-1].reason}")
    return scores


def _backend(name: str) -> Any:
    if name == "none":
        return None
    from eval.run_llm import make_backend

    recorder, _ = make_backend(Settings(llm=name))  # type: ignore[arg-type]
    return recorder.inner if recorder is not None else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--llm", choices=("none", "embedded", "fake", "ollama"), default="none")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--section", action="append", choices=tuple(STORES), default=None)
    parser.add_argument("--unresolved", action="store_true",
                        help="Only questions the rules leave unresolved (run with the rules first).")
    parser.add_argument("--out", type=Path, default=REPORTS)
    parser.add_argument("--merge", type=Path, nargs="*", default=None,
                        help="Join the reports of per-section runs (run in parallel) into one report in --out.")
    parser.add_argument("--link", action="store_true", help="Wire semantic indicator linking (slow first use).")
    args = parser.parse_args(argv)
    global LINK
    LINK = args.link
    if args.merge:
        merge(args.merge, args.llm, args.out)
        return 0
    run_battery(args.llm, args.limit, tuple(args.section or STORES), args.unresolved, args.out)
    return 0


def merge(dirs: list[Path], backend: str, out_dir: Path) -> dict[str, Any]:
    import json

    from eval.battery_report import write_reports

    scores: list[BScore] = []
    n = 0
    for d in dirs:
        payload = json.loads((d / f"battery-{backend}.json").read_text(encoding="utf-8"))
        scores += [BScore(**row) for row in payload["scores"]]
        n += payload["questions"]
    return write_reports(scores, backend, n, False, {}, out_dir)


if __name__ == "__main__":
    sys.exit(main())
