"""Interpretation exercises for trainers: a question, options, and a hidden key computed from facts."""

from __future__ import annotations

import difflib
import random
import uuid
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.compose.exercise_ctx import Ctx, Draft
from assistant.compose.exercise_kinds import ecologische_valkuil, kleine_aantallen, procentpunt, vergelijking
from assistant.core.errors import DuidingError, NotFoundError
from assistant.deps import Deps
from assistant.schemas import Fact
from retrieval.tables.areas import AreaRef, area_table, candidates, resolve

ExerciseKind = Literal["procentpunt", "ecologische_valkuil", "kleine_aantallen", "vergelijking"]
BUILDERS: dict[ExerciseKind, Callable[[Ctx, AreaRef], Draft | None]] = {
    "procentpunt": procentpunt,
    "ecologische_valkuil": ecologische_valkuil,
    "kleine_aantallen": kleine_aantallen,
    "vergelijking": vergelijking,
}
NEEDS = {
    "procentpunt": "een percentage van het gebied (of een wijk erin) en van een groter gebied in hetzelfde jaar",
    "ecologische_valkuil": "een wijk of buurt waar een cijfer over mensen (inkomen, uitkering, zorg, leeftijd) "
                           "hoger ligt dan in de gemeente",
    "kleine_aantallen": "een wijk of buurt met inwoners, maar minder dan de grens voor kleine aantallen, "
                        "met een cijfer in twee jaren",
    "vergelijking": "een wijk met een cijfer in twee jaren, en de gemeente in dezelfde jaren",
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
    asked: str = Field(default="", description="Code of the area that was asked for.")
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
        ref = _resolve(refs, req.area)
        ctx = Ctx(data, {r.code: r for r in refs}, self.deps.settings, self.rng)
        kinds: list[ExerciseKind] = [req.kind] if req.kind else self.rng.sample(list(BUILDERS), len(BUILDERS))
        for kind in kinds:
            draft = BUILDERS[kind](ctx, ref)
            if draft is not None:
                return self._exercise(ctx, kind, draft, ref)
        raise _impossible(ctx, ref, req.kind)

    def _exercise(self, ctx: Ctx, kind: ExerciseKind, draft: Draft, asked: AreaRef) -> Exercise:
        options = list(dict.fromkeys([draft.correct, *draft.wrong]))
        self.rng.shuffle(options)
        sources = [_attribution(s.source_name) for f in draft.facts for s in [f.source, *f.extra_sources] if s]
        question = draft.question
        if draft.area.code != asked.code:  # never a silent switch of area: say which one the exercise is about
            question = f"{_where(ctx, draft.area, asked)} {question}"
        return Exercise(id=uuid.uuid4().hex[:12], kind=kind, area=draft.area.code, area_name=draft.area.name,
                        asked=asked.code, question=question, options=options,
                        answer_key=AnswerKey(correct=options.index(draft.correct), explanation=draft.explanation,
                                             glossary_term=draft.glossary_term),
                        facts=draft.facts, attribution=list(dict.fromkeys(sources)))


LEVEL_NL = {"wijk": "een wijk", "buurt": "een buurt", "stadsdeel": "een stadsdeel", "gemeente": "een gemeente"}


def _where(ctx: Ctx, area: AreaRef, asked: AreaRef) -> str:
    kind = LEVEL_NL.get(area.level, "een gebied")
    if ctx.within(area, asked.code):
        return f"Deze oefening gaat over {area.name}, {kind} in {asked.name}."
    city = ctx.gemeente_of(area)
    where = f", {kind} in {city.name}" if city else ""
    return (f"In {asked.name} is geen gebied waar deze oefening met de geladen cijfers kan; ze gaat daarom over "
            f"{area.name}{where}.")


def _resolve(refs: list[AreaRef], text: str) -> AreaRef:
    """The area, or a Dutch message with the nearest names ("Bedoel je …?")."""
    try:
        return resolve(refs, text)
    except DuidingError as exc:
        if candidates(refs, text):
            raise NotFoundError(exc.message, "geef de code van het gebied, bijvoorbeeld WK051836") from exc
    names = sorted({r.name for r in refs if r.level in ("gemeente", "wijk", "buurt")})
    near = difflib.get_close_matches(text, names, n=3, cutoff=0.5)
    hint = f"Bedoel je {' of '.join(near)}? " if near else ""
    raise NotFoundError(f"Het gebied '{text[:100]}' staat niet in de geladen cijfers",
                        f"{hint}Kies een gemeente, wijk of buurt uit de geladen cijfers (GET /v1/areas).")


def _impossible(ctx: Ctx, ref: AreaRef, asked: ExerciseKind | None) -> NotFoundError:
    """Say why, and which kinds are possible there instead."""
    possible = [k for k in BUILDERS if k != asked and BUILDERS[k](ctx, ref) is not None] if asked else []
    what = f"een oefening '{asked}'" if asked else "een oefening"
    needs = f" (daarvoor is nodig: {NEEDS[asked]})" if asked else ""
    fix = (f"kies een andere soort: hier kan wel {', '.join(possible)}" if possible else
           "kies een ander gebied: een wijk met inwoners en cijfers in twee jaren werkt het best")
    return NotFoundError(f"Voor {ref.name} kan met de geladen cijfers geen {what.removeprefix('een ')} gemaakt "
                         f"worden{needs}", fix)


def _attribution(source_name: str) -> str:
    return f"{source_name} (CC BY 4.0)" if source_name.startswith("Bron: CBS") else source_name
