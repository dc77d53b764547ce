"""Run the evaluation: `duiding eval [--set demo|real|all] [--llm none|embedded|fake|ollama|openai] [--limit N]`.

`--llm openai` talks to DUIDING_OPENAI_BASE_URL (e.g. `python -m llama_cpp.server` with the embedded GGUF);
DUIDING_LLM_SIZE=small|large sets the role a backend plays (assistant/llm/role.py).

Each set gets a fresh temporary data dir filled through Duiding's own import (the system under test):
the demo city with its stories, or the Den Haag KWB 2019 + 2021 extracts. Gold comes from
eval/questions_demo.yaml (demo truth) and eval/questions_real.py (pandas on the CSVs).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from assistant.core.settings import Settings
from eval.gold_questions import EvalQuestion, load_yaml
from eval.metrics import Context, TurnScore, score_turn
from eval.run_llm import BACKENDS, RecordingLLM, make_backend

EVAL_DIR = Path(__file__).parent
REPORTS = EVAL_DIR / "reports"
Progress = Callable[[str], None]


@dataclass
class SetRun:
    name: str
    questions: list[EvalQuestion]
    ctx: Context
    prepare: Callable[[Settings], None]


def pick(questions: list[EvalQuestion], limit: int | None) -> list[EvalQuestion]:
    """The first `limit` questions taken round-robin over types, so a small run still covers every type."""
    if not limit or limit >= len(questions):
        return questions
    by_type: dict[str, list[EvalQuestion]] = defaultdict(list)
    for q in questions:
        by_type[q.type].append(q)
    out: list[EvalQuestion] = []
    while len(out) < limit:
        for group in by_type.values():
            if group and len(out) < limit:
                out.append(group.pop(0))
    return out


def demo_set() -> SetRun:
    from eval.gold_demo import GEMEENTE, STORIES, demo_gold

    def prepare(settings: Settings) -> None:
        from retrieval.demo.city import load_demo
        from retrieval.search.indexing import open_story_store
        from retrieval.stories.ingest import ingest_stories
        from retrieval.tables.store import IndicatorStore

        store = IndicatorStore(settings.indicator_dir)
        load_demo(store)
        known = set(store.load().areas["area_code"].astype(str))
        ingest_stories(STORIES, open_story_store(settings), known, settings)

    questions = load_yaml(EVAL_DIR / "questions_demo.yaml", "demo")
    return SetRun("demo", questions, Context.of(demo_gold(), GEMEENTE, STORIES), prepare)


def real_set() -> SetRun | None:
    from eval.gold_real import FILES, GEMEENTE, NAMES, PROPS, real_gold, real_root
    from eval.questions_real import build

    root = real_root()
    if root is None:
        return None

    def prepare(settings: Settings) -> None:
        from retrieval.tables.ingest import ingest_table
        from retrieval.tables.store import IndicatorStore

        store = IndicatorStore(settings.indicator_dir)
        for path, year in FILES:
            ingest_table(store, root / path, "cbs", year=year, names=root / NAMES, metadata=root / PROPS)

    return SetRun("real", build(root), Context.of(real_gold(root), GEMEENTE), prepare)


def ask_all(run: SetRun, settings: Settings, llm: RecordingLLM | None, progress: Progress,
            checkpoint: Callable[[list[TurnScore], int], None] | None = None) -> list[TurnScore]:
    from assistant.pipeline import AnswerService
    from assistant.wiring import build_deps

    deps = build_deps(settings, with_llm=False)
    deps.llm = llm
    deps.stories_search = story_search(settings, deps)
    service, scores = AnswerService(deps), []
    for n, q in enumerate(run.questions, start=1):
        start = time.perf_counter()
        qscores = ask_one(service, q, run.ctx, llm)
        scores += qscores
        ok = all(s.understood is not False and not s.error for s in qscores)
        progress(f"[{run.name} {n}/{len(run.questions)}] {q.id:<28} {'ok ' if ok else 'MISS'} "
                 f"{(time.perf_counter() - start) * 1000:7.0f} ms  {q.text[:70]}")
        if checkpoint is not None:
            checkpoint(scores, n)
    return scores


def story_search(settings: Settings, deps: Any) -> Any:
    """Stories wired as the app's entry points wire them (assistant/api_server.py), when available."""
    try:
        from assistant.wiring import build_story_search
    except ImportError:
        return None
    return build_story_search(settings, deps)


def ask_one(service: Any, q: EvalQuestion, ctx: Context, llm: RecordingLLM | None) -> list[TurnScore]:
    from assistant.schemas import Question

    prev, out = None, []
    for i, turn in enumerate(q.turns):
        try:
            result = service.ask(Question(question=turn.question, audience=q.audience), prev)
            answer, prev = result.answer, result.understanding
            out.append(score_turn(q, i, turn, answer, llm.take() if llm else None, ctx))
        except Exception as exc:  # noqa: BLE001 - one broken question must not end the run; it is reported
            if llm:
                llm.take()
            out.append(TurnScore(q.id, q.type, q.set, q.lang, q.audience, i, turn.question, understood=False,
                                 refusal_expected=turn.expect.refusal, error=f"{type(exc).__name__}: {exc}"))
    return out


def run_eval(set_name: str = "demo", backend: str = "none", limit: int | None = None,
             out_dir: Path = REPORTS, progress: Progress | None = None, retrieval: bool = True) -> dict[str, Any]:
    from eval.run_report import retrieval_figures, write_reports

    say = progress or (lambda line: print(line, file=sys.stderr, flush=True))
    runs = [r for r in ([demo_set()] if set_name in ("demo", "all") else []) +
            ([real_set()] if set_name in ("real", "all") else []) if r is not None]
    if set_name in ("real", "all") and not any(r.name == "real" for r in runs):
        say("real set skipped: DUIDING_REAL_DATA is not set or not a directory")
    llm, note = make_backend(Settings(llm=backend))  # type: ignore[arg-type]  # fail fast, load once
    scores: list[TurnScore] = []
    n_questions = 0
    for run in runs:
        run.questions = pick(run.questions, limit)
        with tempfile.TemporaryDirectory(prefix=f"duiding-eval-{run.name}-") as tmp:
            settings = Settings(data_dir=Path(tmp), llm=backend)  # type: ignore[arg-type]
            say(f"{run.name}: importing data into {tmp} ...")
            run.prepare(settings)
            # a report after every question, so a run cut off by a timeout still leaves one
            checkpoint = partial(_partial_report, list(scores), n_questions, backend, set_name, note, out_dir)
            scores += ask_all(run, settings, llm, say, checkpoint)
        n_questions += len(run.questions)
    is_demo = retrieval and any(r.name == "demo" for r in runs)
    extra = retrieval_figures(is_demo, say) | {"backend_note": note}
    return write_reports(scores, backend, set_name, n_questions, extra, out_dir)


def _partial_report(done: list[TurnScore], asked: int, backend: str, set_name: str, note: str, out_dir: Path,
                    so_far: list[TurnScore], n: int) -> None:
    from eval.run_report import write_reports

    write_reports(done + so_far, backend, set_name, asked + n, {"backend_note": note + " (partial)"}, out_dir,
                  quiet=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", dest="set_name", choices=["demo", "real", "all"], default="demo")
    parser.add_argument("--llm", choices=BACKENDS, default="none")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=REPORTS)
    parser.add_argument("--skip-retrieval", action="store_true", help="leave out the story/glossary recall figures")
    args = parser.parse_args(argv)
    run_eval(args.set_name, args.llm, args.limit, args.out, retrieval=not args.skip_retrieval)
    return 0


if __name__ == "__main__":
    sys.exit(main())
