"""The LLM parser with the real embedded model: llama.cpp's JSON-schema grammar gives a reply that parses and
validates against the catalogue (integration: loads the 1.1 GB model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.settings import Settings
from assistant.pipeline import AnswerService
from assistant.plan import store_view
from assistant.schemas import Question
from assistant.understand.llm_parser import (
    KINDS,
    area_candidates,
    indicator_candidates,
    messages,
    needs_parser,
    read_reply,
    resolve_open,
    schema,
)
from assistant.wiring import build_deps

QUESTIONS = (  # each left open by the rules: no indicator word they know
    ("Moerwijk: hoe zit het met de woningen?", []),
    ("Moerwijk: van wie zijn de huizen?", [("koopwoningen_pct", 0.8), ("huurwoningen_pct", 0.7), ("woz_waarde", 0.5)]),
    ("Hoe zit het met de centen in Transvaal?", [("inkomen_per_inwoner", 0.8), ("laag_inkomen_pct", 0.7)]),
)


@pytest.mark.integration
def test_embedded_parser_output_parses_and_validates(den_haag_dir: Path) -> None:
    from assistant.llm.embedded import EmbeddedLLM

    settings = Settings(data_dir=den_haag_dir, llm="embedded", llm_timeout_s=300, embedder="fake")
    llm = EmbeddedLLM(settings)
    deps = build_deps(settings, with_llm=False)
    service = AnswerService(deps)
    data = deps.store.load()
    view = store_view(data)
    titles = {d.id: d.title_nl for d in data.catalogue}
    for question, links in QUESTIONS:
        u = service.ask(Question(question=question)).understanding
        assert needs_parser(u), question
        areas = area_candidates(question, u, view.refs)
        inds = indicator_candidates(question, u, view.loaded, lambda q, links=links: links, titles)
        reply = llm.complete_json(messages(question, areas, [(i, titles.get(i, i)) for i in inds], [2019, 2021]),
                                  schema([a.code for a in areas], inds, [2019, 2021]))
        assert set(reply) == {"areas", "indicators", "kind", "highest", "year"}, reply
        assert set(reply["areas"]) <= {a.code for a in areas} and set(reply["indicators"]) <= set(inds), reply
        assert reply["kind"] in KINDS and reply["year"] in (None, 2019, 2021)
        got = read_reply(reply, areas, inds, [2019, 2021])
        assert len(got[0]) == len(reply["areas"]) and len(got[1]) == len(reply["indicators"][:3])
        new, used = resolve_open(llm, u, view.refs, view.loaded, titles, [2019, 2021], lambda q, links=links: links)
        print(f"{question!r} -> {reply} -> used={used} areas={[a.code for a in new.areas]} inds={new.indicators}")
