"""Exercises: every kind builds from facts, the key is right, and every number shown is a fact's number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.api import assert_error, make_app

from assistant.compose.exercises import Exercise

KINDS = ["procentpunt", "ecologische_valkuil", "kleine_aantallen", "vergelijking"]
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?")



def numbers_in(text: str) -> set[float]:
    return {float(whole.replace(".", "") + (f".{frac}" if frac else "")) for whole, frac in NUMBER.findall(text)}


def fact_numbers(ex: Exercise) -> set[float]:
    found = {round(abs(n.value), 6) for f in ex.facts for n in f.numbers}
    years = {float(s.year) for f in ex.facts for s in [f.source, *f.extra_sources] if s and s.year}
    return found | years | {float(f.year) for f in ex.facts if f.year}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("area", ["Oude Haven", "GM9901"])
def test_every_kind_builds_from_facts(client: TestClient, kind: str, area: str) -> None:
    r = client.post("/v1/exercises", json={"area": area, "kind": kind})
    assert r.status_code == 200, r.text
    ex = Exercise.model_validate(r.json())
    assert ex.kind == kind and ex.facts and ex.attribution
    assert len(ex.options) >= 3 and len(set(ex.options)) == len(ex.options)
    assert 0 <= ex.answer_key.correct < len(ex.options) and ex.answer_key.explanation
    assert client.get(f"/v1/glossary/{ex.answer_key.glossary_term}").status_code == 200
    shown = numbers_in(ex.question) | {n for o in ex.options for n in numbers_in(o)}
    assert shown <= fact_numbers(ex), shown - fact_numbers(ex)


def test_procentpunt_key_is_the_difference_and_the_trap_is_the_relative_difference(client: TestClient) -> None:
    ex = Exercise.model_validate(client.post("/v1/exercises", json={"area": "WK990101", "kind": "procentpunt"}).json())
    fact = ex.facts[0]
    roles = {n.role: n for n in fact.numbers}
    right = ex.options[ex.answer_key.correct]
    assert right.endswith("procentpunt") and numbers_in(right) == {abs(roles["difference"].value)}
    assert any(o.endswith("%") and numbers_in(o) == {abs(roles["relative"].value)} for o in ex.options)


def test_kleine_aantallen_uses_a_buurt_under_the_small_population_limit(client: TestClient) -> None:
    ex = Exercise.model_validate(client.post("/v1/exercises", json={"area": "Centrum",
                                                                     "kind": "kleine_aantallen"}).json())
    people = next(f for f in ex.facts if f.indicator == "inwoners")
    assert ex.area.startswith("BU") and people.value is not None and people.value < 1000
    assert "kleine aantallen" in ex.answer_key.glossary_term


def test_any_kind_when_none_is_asked_and_errors_in_the_error_shape(client: TestClient) -> None:
    assert client.post("/v1/exercises", json={"area": "Oude Haven"}).json()["kind"] in KINDS
    assert_error(client.post("/v1/exercises", json={"area": "Atlantis"}), 404, "not_found")
    assert_error(client.post("/v1/exercises", json={"area": "Oude Haven", "kind": "quiz"}), 422)


def test_exercise_on_real_den_haag_figures(den_haag_dir: Path) -> None:
    app, _ = make_app(den_haag_dir, llm=None)
    with TestClient(app) as c:
        r = c.post("/v1/exercises", json={"area": "Moerwijk", "kind": "procentpunt"})
    assert r.status_code == 200, r.text
    ex = Exercise.model_validate(r.json())
    assert any("CBS" in a for a in ex.attribution)
    assert numbers_in(ex.question) <= fact_numbers(ex)
