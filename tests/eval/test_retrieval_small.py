"""The small-collection eval's held-out split, ranking ceiling, calibration and the 12-story set."""

from __future__ import annotations

from eval.retrieval_eval import load_story_queries
from eval.retrieval_metrics import Candidate, Run
from eval.retrieval_small import calibrate, ceiling, half, small_scores, split
from eval.retrieval_twelve import load_twelve, twelve_runs, twelve_scores
from retrieval.search.embeddings import FakeEmbedder
from retrieval.search.floor import StoryFloor


def _run(query: str, gold: tuple[str, ...], sims: list[tuple[str, float]], n: int = 10) -> Run:
    mean = sum(s for _, s in sims) / len(sims)
    cands = tuple(Candidate(i, (s - mean) / 0.01, 0.0, s) for i, s in sims)
    return Run(query, gold, cands, n)


def test_half_splits_the_eval_queries_in_two_stable_halves() -> None:
    queries = [q.query for q in load_story_queries()]
    parts = [half(q) for q in queries]
    assert parts == [half(q) for q in queries]  # a hash of the text, not the order
    assert 0.3 < sum(parts) / len(parts) < 0.7
    runs = {10: [Run(q, (), ()) for q in queries]}
    a, b = split(runs, 0)[10], split(runs, 1)[10]
    assert len(a) + len(b) == len(queries) and not {r.query for r in a} & {r.query for r in b}


def test_ceiling_is_recall_without_a_floor() -> None:
    runs = [_run("a", ("g",), [("x", 0.9), ("y", 0.89), ("z", 0.88), ("g", 0.87)]),
            _run("b", ("g",), [("g", 0.9), ("y", 0.8)]), _run("off", (), [("x", 0.9)])]
    assert ceiling(runs, (1, 3, 5)) == {"recall@1": 0.5, "recall@3": 0.5, "recall@5": 1.0}


def test_calibrate_keeps_off_topic_empty_where_cosines_separate() -> None:
    genuine = [_run(f"q{i}", ("g",), [("g", 0.87), ("x", 0.80), ("y", 0.79)] * 1) for i in range(10)]
    off = [_run(f"o{i}", (), [("x", 0.83), ("y", 0.80), ("z", 0.79)]) for i in range(10)]
    base = StoryFloor(z=-1.0, similarity=0.80)
    assert small_scores(genuine + off, base)["empty_off_topic"] == 0.0
    floor = calibrate({10: genuine + off}, base)
    scores = small_scores(genuine + off, floor)
    assert scores["empty_off_topic"] == 1.0 and scores["recall@3"] == 1.0


def test_twelve_story_set_runs_on_real_chroma_and_scores_floors() -> None:
    stories, paraphrases, off_topic = load_twelve()
    assert len(stories) == 12 and len(paraphrases) == 10 and off_topic
    runs = twelve_runs(FakeEmbedder())
    assert len(runs) == len(paraphrases) + len(off_topic)
    assert all({c.id for c in r.candidates} == {s.id for s in stories} for r in runs)
    assert twelve_scores(runs, None)["answered"] == 1.0
    closed = twelve_scores(runs, StoryFloor(z=9.0, similarity=1.01, coverage=1.01))
    assert closed["answered"] == 0.0 and closed["empty_off_topic"] == 1.0
