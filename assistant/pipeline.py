"""One question: understand -> facts -> retrieve -> compose -> LLM (gated) -> checked answer."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator

from assistant.compose.cause import cause_notices
from assistant.compose.composer import Parts, compose
from assistant.compose.figures import places_for
from assistant.compose.follow_ups import follow_ups
from assistant.compose.replies import ask_gemeente_parts, clarify_parts, no_area_parts, no_indicator_parts, title_for
from assistant.core.errors import BackendUnavailableError
from assistant.deps import Deps
from assistant.events import AnswerResult, Checked, Done, Event, FactsReady
from assistant.facts.build import FactSet, build_facts
from assistant.facts.index import index_for
from assistant.facts.kinds import many_area_facts, year_notice
from assistant.facts.patterns import pattern_charts, pattern_facts, stories_in, voices_gap
from assistant.llm_part import llm_events
from assistant.plan import StoreView, context_area, fact_request, plan_scope, store_view
from assistant.schemas import Answer, ChartSeries, Fact, LLMInfo, Question, StoryExcerpt
from assistant.understand.lexicon import STORY_THEMES
from assistant.understand.question import Understanding, understand
from assistant.understand.scope import Scope
from assistant.understand.themes import story_themes, theme_indicators
from assistant.understand.units import unit_notice
from retrieval.models import IndicatorDef
from retrieval.stories.instructions import instruction_signs
from retrieval.tables.areas import AreaRef
from retrieval.tables.catalogue import Catalogue
from retrieval.tables.store import StoreData

log = logging.getLogger("duiding.pipeline")


def _labels(u: Understanding, catalogue: Catalogue) -> dict[str, str]:
    defs = [d for d in (catalogue.get(i) for i in u.indicators) if d is not None]
    return {d.id: d.title_nl if u.language == "nl" else d.title_en for d in defs}


def _defs(u: Understanding, catalogue: Catalogue) -> dict[str, IndicatorDef]:
    return {d.id: d for d in (catalogue.get(i) for i in u.indicators) if d is not None}


class AnswerService:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def ask(self, q: Question, prev: Understanding | None = None) -> AnswerResult:
        """The whole answer at once (the LLM part runs to its end)."""
        for event in self.stream(q, prev):
            if isinstance(event, Done):
                return AnswerResult(event.answer, event.understanding)
        raise AssertionError("the answer stream ends with Done")

    def stream(self, q: Question, prev: Understanding | None = None) -> Iterator[Event]:
        t0 = time.perf_counter()
        answer, u, facts, parts = self._deterministic(q, prev)
        answer.timings_ms["deterministic"] = round((time.perf_counter() - t0) * 1000, 1)
        yield FactsReady(answer.model_copy(deep=True), u)
        llm = self.deps.llm
        if llm is None or not facts.facts or answer.clarify:
            answer.llm = LLMInfo(backend=self.deps.settings.llm if llm is None else llm.name, fallback_used=False,
                                 reason="" if llm else "deterministic only")
            answer.answer = answer.deterministic
        else:
            yield from self._llm_part(answer, u, facts, parts, t0)
        answer.timings_ms["total"] = round((time.perf_counter() - t0) * 1000, 1)
        yield Checked(answer.check, answer.llm)
        yield Done(answer, u)

    def _deterministic(
        self, q: Question, prev: Understanding | None
    ) -> tuple[Answer, Understanding, FactSet, Parts]:
        deps = self.deps
        data = deps.store.load()
        view = store_view(data)
        refs, loaded = view.refs, view.loaded
        context = context_area(refs, q.area)
        u = understand(q.question, refs, loaded, view.units, match_terms=deps.glossary.match,
                       link=deps.link_indicators, prev=prev, context_area=context)
        u, by_llm = self._parse_open(u, view, data)
        if q.year and not u.years:
            u.years = [q.year]
        u.explained = list(prev.explained) if prev else []
        note = unit_notice(u.unit, u.indicators, u.share, data.catalogue.get, u.language)
        if note and note not in u.notices:
            u.notices.append(note)
        if u.wants_stories and not u.indicators:  # voices first, then the figure that matches the theme
            u.indicators = theme_indicators(u.themes, loaded)[:1]
        answer = Answer(question=q.question, language=u.language, audience=q.audience,  # type: ignore[arg-type]
                        areas=[a.code for a in u.areas], indicators=u.indicators, years=u.years,
                        understood_by="llm" if by_llm else "rules")
        scope = plan_scope(u, refs, context, prev)
        many = u.kind in ("top", "need", "filter")
        if scope is not None and scope.how == "ask":
            parts = ask_gemeente_parts(u, answer, scope.gemeenten)
        # an unknown wijk next to its city ("Moerwijk (Den Haag)") is asked back, never answered for the city
        elif u.clarify or u.unknown_area or (not u.areas and not many and u.kind != "term"):
            parts = clarify_parts(u, answer, refs) if u.clarify else no_area_parts(u, refs, loaded, data.catalogue)
        elif not u.indicators and u.kind not in ("term", "story", "need") and not u.wants_stories:
            parts = no_indicator_parts(u, loaded, data.catalogue)
        else:
            facts, listed = self._facts(data, u, refs, scope)
            winner = listed[0] if listed else next((f.source.area_code for f in facts.facts
                                                    if f.kind == "top" and f.source), None)
            u.named_area = view.by_code.get(winner) if winner else None
            parts = self._fill(answer, u, facts, [view.by_code[c] for c in listed[:3] if c in view.by_code])
            return answer, u, facts, parts
        answer.deterministic = compose(parts)
        return answer, u, FactSet([], [], [], [], []), parts

    def _parse_open(self, u: Understanding, view: StoreView, data: StoreData) -> tuple[Understanding, bool]:
        """The LLM parser bound to the catalogue, only for what the rules left open (see llm_parser)."""
        from assistant.understand.llm_parser import needs_parser, resolve_open

        if self.deps.llm is None or not needs_parser(u):
            return u, False
        titles = data.cached("parser_titles", lambda: {d.id: d.title_nl for d in data.catalogue})
        years = data.cached("parser_years", lambda: sorted(int(y) for y in data.values["year"].unique()))
        return resolve_open(self.deps.llm, u, view.refs, view.loaded, titles, years, self.deps.link_indicators)

    def _facts(self, data: StoreData, u: Understanding, refs: list[AreaRef],
               scope: Scope | None) -> tuple[FactSet, list[str]]:
        """Facts for the question's kind, and the areas a list or ranking names (best first)."""
        listed: list[str] = []
        if u.kind in ("need", "filter"):
            facts, listed = many_area_facts(data, u, [g.code for g in scope.gemeenten] if scope else [],
                                            self.deps.settings)
        else:
            facts = build_facts(data, fact_request(u, refs, scope), self.deps.settings)
        names = {r.code: r.name for r in ([*u.areas, *scope.gemeenten] if scope else u.areas)}
        note = year_notice(facts.facts, names, u.language)
        u.notices += [note] if note else []
        return facts, listed

    def _fill(self, answer: Answer, u: Understanding, facts: FactSet, listed: list[AreaRef] | None = None) -> Parts:
        deps = self.deps
        fact_terms = deps.glossary.for_facts(facts.facts)
        # A question about a term explains that term first; otherwise alternate: the statistics term the
        # facts need (procentpunt) and the topic term the question names (jeugdzorg in natura).
        # The words of the indicators asked about come first among the topic terms, so a follow-up
        # ("En in Bloemendries?") still explains "laag inkomen".
        topic = [t for i in u.indicators for t in deps.glossary.match(i.replace("_", " "))]
        topic = list(dict.fromkeys(topic + u.terms))
        first, then = (u.terms, fact_terms) if u.kind == "term" else (fact_terms, topic)
        mixed = [t for pair in zip(first, then, strict=False) for t in pair] + first[len(then):] + then[len(first):]
        terms = list(dict.fromkeys(mixed))
        answer.glossary = deps.glossary.entries(terms)[:4]
        answer.stories, story_notice = self._stories(u, listed or [])
        patterns, pattern_charts_, gap = self._patterns(u, len(facts.facts) + 1)
        facts.facts.extend(patterns)
        caveats = facts.said("caveat", u.language)  # one language per message: English answers, English caveats
        answer.facts, answer.charts, answer.caveats = facts.facts, facts.charts + pattern_charts_, caveats
        answer.attribution = facts.attribution
        notices = list(u.notices) + facts.said("no_data", u.language) + ([story_notice] if story_notice else [])
        notices += cause_notices(u.question, u.indicators, facts.facts, deps.store.load().catalogue, u.language)
        parts = Parts(language=u.language, audience=answer.audience, facts=facts.facts, stories=answer.stories,
                      glossary=answer.glossary, caveats=caveats, notices=notices,
                      attribution=facts.attribution, title=title_for(u, deps.store.load().catalogue),
                      focus="compare" if len(u.areas) > 1 and u.kind == "value" else u.kind,
                      areas=[a.code for a in u.areas], indicators=u.indicators, need=u.need,
                      labels=_labels(u, deps.store.load().catalogue), voices_first=u.wants_stories,
                      no_voices=gap if not answer.stories else "",
                      seen_terms=[t for t in u.explained if t not in u.terms])  # asked again: in full again
        answer.notices = notices
        data = deps.store.load()
        parts.places, parts.defs = places_for(index_for(data), facts.facts), _defs(u, data.catalogue)
        answer.follow_ups = parts.follow_ups = follow_ups(u, answer, index_for(data), data.catalogue)
        answer.deterministic, answer.lead = compose(parts), parts.lead
        u.explained = list(dict.fromkeys(u.explained + parts.explained))
        return parts

    def _stories(self, u: Understanding, listed: list[AreaRef]) -> tuple[list[StoryExcerpt], str]:
        """The stories for the answer, and a notice when the story index cannot be reached."""
        search = self.deps.stories_search
        if search is None or not (u.areas or listed):
            return [], ""
        try:
            if listed:  # a need ranking or a list: one story from each of the first areas listed, on its themes
                themes = list(dict.fromkeys(t for i in u.indicators for t in STORY_THEMES.get(i, [])))
                hits = [h for a in listed for h in search(" ".join(themes) or u.question, a.code, [], 1)]
            else:  # asked for voices: up to four quotes, on the question's themes
                themes = u.themes if u.wants_stories and u.themes else story_themes(u.themes, u.indicators)
                hits = search(u.question, u.areas[0].code, themes, 4 if u.wants_stories else 2)
        except BackendUnavailableError as exc:  # a Chroma server that is down: the figures still answer
            from assistant.story_search import unavailable_notice

            log.info("story search unavailable: %s", exc)  # the answer carries the one notice
            return [], unavailable_notice(self.deps.settings, u.language, exc)
        hits = [h for h in hits if not instruction_signs(h.text)]  # an order to the model: never prompted or quoted
        return [h.model_copy(update={"id": f"S{i}"}) for i, h in enumerate(hits, start=1)], ""

    def _patterns(self, u: Understanding, first_id: int) -> tuple[list[Fact], list[ChartSeries], str]:
        """Story patterns for the asked area and themes (counts below settings.min_story_count withheld),
        their signifier charts, and for a voices question a note on where stories on the theme do exist."""
        if self.deps.story_list is None or not u.areas:
            return [], [], ""
        refs = store_view(self.deps.store.load()).by_code
        stories = [s for s in self.deps.story_list() if not s.flags]  # an instruction is no experience to count
        themes = u.themes or (story_themes([], u.indicators) if u.kind != "profile" else [])
        if not themes and (u.wants_stories or u.kind == "profile"):  # the themes told most often there
            local = stories_in(stories, u.areas[0], refs)
            themes = [t for t, _ in Counter(t for s in local for t in s.themes).most_common(2)]
        themes, minimum = themes[:2], self.deps.settings.min_story_count
        gap = voices_gap(stories, u.areas[0], refs, themes, u.language) if u.wants_stories else ""
        return (pattern_facts(stories, u.areas[0], refs, themes, minimum, first_id),
                pattern_charts(stories, u.areas[0], refs, themes, minimum), gap)

    def _llm_part(self, answer: Answer, u: Understanding, facts: FactSet, parts: Parts,
                  t0: float) -> Iterator[Event]:
        yield from llm_events(self.deps, answer, u, facts, parts, t0)
