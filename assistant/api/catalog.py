"""What the data routes serve: areas, area profiles (facts), indicators, glossary and stories."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant.core.errors import NotFoundError
from assistant.deps import Deps
from assistant.facts.build import FactRequest, build_facts
from assistant.schemas import ChartSeries, Fact
from retrieval.models import GlossaryEntry, Story
from retrieval.search.indexing import open_story_store
from retrieval.stories.filter import wijk_of
from retrieval.tables.areas import LEVEL_RANK, AreaRef, area_index, area_table, candidates, normalize
from retrieval.tables.store import StoreData


class AreaOut(BaseModel):
    code: str
    name: str
    level: str
    parent_code: str | None = None
    dataset: str = Field(default="", description="The dataset the area's figures come from, e.g. 'CBS KWB'.")


class AreaDetail(AreaOut):
    parents: list[AreaOut] = Field(default_factory=list, description="Nearest first, up to Nederland.")
    children: list[AreaOut] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list, description="Years with figures for this area.")


class IndicatorOut(BaseModel):
    id: str
    title_nl: str
    title_en: str
    unit: str
    decimals: int = 0
    theme: str = "overig"
    definition_nl: str = ""
    definition_en: str = ""
    years: list[int] = Field(default_factory=list)


class IndicatorProfile(BaseModel):
    indicator: IndicatorOut
    facts: list[Fact]


class ProfileOut(BaseModel):
    area: AreaOut
    year: int | None = Field(default=None, description="The asked year; empty = the latest per indicator.")
    indicators: list[IndicatorProfile]
    other_facts: list[Fact] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
    charts: list[ChartSeries] = Field(default_factory=list)
    attribution: list[str] = Field(default_factory=list)


class DeletedOut(BaseModel):
    ok: bool = True
    id: str


def _in_area(story: Story, area: str | None) -> bool:
    """A wijk includes its buurten; a gemeente its wijken and buurten (CBS codes nest)."""
    if not area:
        return True
    code, want = (story.area_code or "").upper(), area.upper()
    wijk = wijk_of(code) or ""
    return want in (code, wijk) or (want.startswith("GM") and wijk[2:6] == want[2:6] and bool(wijk))


def _out(ref: AreaRef) -> AreaOut:
    return AreaOut(code=ref.code, name=ref.name, level=ref.level, parent_code=ref.parent_code, dataset=ref.dataset)


class CatalogService:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self._refs: tuple[str, list[AreaRef]] = ("", [])

    def _data(self) -> tuple[StoreData, list[AreaRef]]:
        data = self.deps.store.load()
        if self._refs[0] != data.snapshot or not data.snapshot:
            self._refs = (data.snapshot, area_table(data.areas))
        return data, self._refs[1]

    def areas(self, search: str | None, level: str | None, parent: str | None, limit: int) -> list[AreaOut]:
        _, refs = self._data()
        found = [r for r in refs if (not level or r.level == level)
                 and (not parent or (r.parent_code or "").upper() == parent.upper())]
        if search:
            key = normalize(search)
            hits = [r for r in found if key in normalize(r.name) or r.code.lower().startswith(search.lower())]
            # typos: 'Moerwyk'; a search box also offers the nearest names ('Oude Havn')
            found = hits or candidates(found, search) or area_index(found).nearest(search, None, n=limit)
        found.sort(key=lambda r: (LEVEL_RANK.get(r.level, 9), r.code))
        return [_out(r) for r in found[:limit]]

    def area(self, code: str) -> AreaDetail:
        data, refs = self._data()
        by_code = {r.code.upper(): r for r in refs}
        ref = by_code.get(code.upper())
        if ref is None:
            raise NotFoundError(key="area.not_loaded", code=code[:40])
        parents: list[AreaOut] = []
        cur = ref
        while cur.parent_code and cur.parent_code.upper() in by_code and len(parents) < 6:
            cur = by_code[cur.parent_code.upper()]
            parents.append(_out(cur))
        children = [_out(r) for r in refs if r.parent_code == ref.code]
        years = sorted(int(y) for y in data.values.loc[data.values["area_code"] == ref.code, "year"].unique())
        return AreaDetail(**_out(ref).model_dump(), parents=parents, children=children, years=years)

    def profile(self, code: str, year: int | None) -> ProfileOut:
        area = self.area(code)
        data, _ = self._data()
        own = data.values[(data.values["area_code"] == area.code) & ~data.values["suppressed"]]
        if year is not None:
            own = own[own["year"] == year]
        if own.empty:
            years = ", ".join(map(str, area.years)) or "none"
            raise NotFoundError(key="area.no_figures_year" if year else "area.no_figures", area=area.name, year=year,
                                years=years)
        order = {d.id: i for i, d in enumerate(data.catalogue)}
        ids = sorted(own["indicator"].unique(), key=lambda i: order.get(str(i), 10**6))
        req = FactRequest(areas=[area.code], indicators=[str(i) for i in ids], years=[year] if year else None,
                          trend=year is None)
        facts = build_facts(data, req, self.deps.settings)
        known = {i.id: i for i in self.indicators()}
        groups = [IndicatorProfile(indicator=known[i], facts=[f for f in facts.facts if f.indicator == i])
                  for i in map(str, ids) if i in known]
        rest = [f for f in facts.facts if f.indicator not in known]
        return ProfileOut(area=AreaOut(**area.model_dump(include=set(AreaOut.model_fields))), year=year,
                          indicators=groups, other_facts=rest, caveats=facts.caveats, charts=facts.charts,
                          attribution=facts.attribution)

    def indicators(self) -> list[IndicatorOut]:
        data, _ = self._data()
        if data.is_empty:
            return []
        years = data.values.groupby("indicator")["year"].unique()
        out = []
        for d in data.catalogue:
            if d.id in years.index:
                out.append(IndicatorOut(**d.model_dump(include=set(IndicatorOut.model_fields)),
                                        years=sorted(int(y) for y in years[d.id])))
        return out

    def glossary(self) -> list[GlossaryEntry]:
        return list(self.deps.glossary)

    def term(self, term: str) -> GlossaryEntry:
        entry = self.deps.glossary.get(term)
        if entry is None:
            raise NotFoundError(key="glossary.unknown_term", term=term[:60])
        return entry

    def stories(self, area: str | None, theme: str | None, q: str | None, limit: int) -> list[Story]:
        found = [s for s in open_story_store(self.deps.settings).list(theme=theme) if _in_area(s, area)]
        search = self.deps.stories_search
        if not (q and search):
            return [s for s in found if not q or q.casefold() in s.text.casefold()][:limit]
        by_id = {s.id: s for s in found}  # the retriever ranks; the store decides what exists
        hits = search(q, area or "", [theme] if theme else [], limit)
        return [by_id[h.story_id] for h in hits if h.story_id in by_id]

    def delete_story(self, story_id: str) -> DeletedOut:
        open_story_store(self.deps.settings).delete(story_id)
        return DeletedOut(id=story_id)
