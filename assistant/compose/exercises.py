"""Interpretation exercises for trainers: a question, options, and a hidden key computed from facts."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.compose.exercise_kinds import (
    Ctx,
    Draft,
    ecologische_valkuil,
    kleine_aantallen,
    procentpunt,
    vergelijking,
)
from assistant.core.errors import NotFoundError
from assistant.deps import Deps
from assistant.schemas import Fact
from retrieval.tables.areas import AreaRef, area_table, resolve

ExerciseKind = Literal["procentpunt", "ecologische_valkuil", "kleine_aantallen", "vergelijking"]
BUILDERS: dict[ExerciseKind, Callable[[Ctx, AreaRef], Draft | None]] = {
    "procentpunt": procentpunt,
    "ecologische_valkuil": ecologische_valkuil,
    "kleine_aantallen": kleine_aantallen,
    "vergelijking": vergelijking,
}
NEEDS = {
    "procentpunt": "a percentage with a reference area",
    "ecologische_valkuil": "a wijk or buurt with a rate above its reference",
    "kleine_aantallen": "a buurt under the small-population limit with percentages over several years",
    "vergelijking": "a wijk with a rate over several years and its gemeente's figure",
}


class ExerciseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    area: str = Field(min_length=1, max_length=100, description="Area name or code.")
    kind: ExerciseKind | None = Field(default=None, description="Default: any kind the area's figures allow.")


class AnswerKey(BaseModel):
    correct: int = Field(description="Index of the right option in `options`.")
    explanation: str
    glossary_term: str = Field(description="The glossary entry to read next (GET /v1/glossary/{term}).")


class Exercise(BaseModel):
    id: str
    kind: ExerciseKind
    area: str = Field(description="Code of the area the exercise is about (the asked one or one inside it).")
    area_name: str
    question: str
    options: list[str]
    answer_key: AnswerKey = Field(description="Hide this in the UI until the trainee has answered.")
    facts: list[Fact] = Field(description="The facts every number in the exercise comes from, with sources.")
    attribution: list[str] = Field(default_factory=list)


class ExerciseService:
    def __init__(self, deps: Deps, rng: random.Random | None = None) -> None:
        self.deps = deps
        self.rng = rng or random.Random()

    def create(self, req: ExerciseRequest) -> Exercise:
        data = self.deps.store.load()
        refs = area_table(data.areas)
        ref = resolve(refs, req.area)
        ctx = Ctx(data, {r.code: r for r in refs}, self.deps.settings, self.rng)
        kinds: list[ExerciseKind] = [req.kind] if req.kind else self.rng.sample(list(BUILDERS), len(BUILDERS))
        for kind in kinds:
            draft = BUILDERS[kind](ctx, ref)
            if draft is not None:
                return self._exercise(kind, draft)
        needs = NEEDS[req.kind] if req.kind else "figures for any of the exercise kinds"
        raise NotFoundError(f"No exercise can be made for {ref.name} from the loaded figures (it needs {needs})",
                            "choose another area (a wijk with several years of percentages works best) or kind")

    def _exercise(self, kind: ExerciseKind, draft: Draft) -> Exercise:
        options = list(dict.fromkeys([draft.correct, *draft.wrong]))
        self.rng.shuffle(options)
        sources = [_attribution(s.source_name) for f in draft.facts for s in [f.source, *f.extra_sources] if s]
        return Exercise(id=uuid.uuid4().hex[:12], kind=kind, area=draft.area.code, area_name=draft.area.name,
                        question=draft.question,
                        options=options,
                        answer_key=AnswerKey(correct=options.index(draft.correct), explanation=draft.explanation,
                                             glossary_term=draft.glossary_term),
                        facts=draft.facts, attribution=list(dict.fromkeys(sources)))


def _attribution(source_name: str) -> str:
    return f"{source_name} (CC BY 4.0)" if source_name.startswith("Bron: CBS") else source_name
