"""Data routes: areas, profiles, indicators, glossary, stories, health; on the demo city and real Den Haag."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from support.api import assert_error, make_app

from assistant.api.catalog import AreaDetail, ProfileOut
from retrieval.models import GlossaryEntry, Story

DH001 = "De muren in deze flat zijn van papier. Mijn bovenbuurman draait 's nachts muziek."


def test_areas_search_level_and_parent(client: TestClient) -> None:
    wijken = client.get("/v1/areas", params={"level": "wijk", "parent": "SD990101"}).json()
    assert {a["code"] for a in wijken} == {"WK990101", "WK990102", "WK990103", "WK990104"}
    found = client.get("/v1/areas", params={"search": "oude haven"}).json()
    assert found[0]["code"] == "WK990101"
    assert client.get("/v1/areas", params={"search": "Oude Havn"}).json()[0]["code"] == "WK990101"  # typo
    assert client.get("/v1/areas", params={"search": "zzzz"}).json() == []
    assert_error(client.get("/v1/areas", params={"level": "planet"}), 422, "invalid_request")


def test_area_detail_has_parents_children_and_years(client: TestClient) -> None:
    area = AreaDetail.model_validate(client.get("/v1/areas/wk990101").json())
    assert area.name == "Oude Haven" and [p.code for p in area.parents] == ["SD990101", "GM9901", "NL00"]
    assert len(area.children) == 4 and area.years == [2019, 2020, 2021, 2022, 2023]
    err = assert_error(client.get("/v1/areas/WK000000"), 404, "not_found")
    assert "/v1/areas?search=" in err["fix"]


def test_profile_has_every_indicator_with_comparison_facts(client: TestClient) -> None:
    profile = ProfileOut.model_validate(client.get("/v1/areas/WK990101/profile").json())
    ids = {p.indicator.id for p in profile.indicators}
    assert {"laag_inkomen_pct", "jeugdzorg_pct", "inwoners"} <= ids
    low = next(p for p in profile.indicators if p.indicator.id == "laag_inkomen_pct")
    kinds = {f.kind for f in low.facts}
    assert {"value", "comparison", "trend"} <= kinds
    assert all(f.source and f.source.area_code == "WK990101" for f in low.facts if f.kind == "value")
    assert profile.attribution and profile.charts
    one_year = ProfileOut.model_validate(client.get("/v1/areas/WK990101/profile", params={"year": 2021}).json())
    assert all(f.year == 2021 for p in one_year.indicators for f in p.facts if f.kind == "value")
    err = assert_error(client.get("/v1/areas/WK990101/profile", params={"year": 1999}), 404)
    assert "2019" in err["fix"]


def test_indicators_and_glossary(client: TestClient) -> None:
    indicators = client.get("/v1/indicators").json()
    low = next(i for i in indicators if i["id"] == "laag_inkomen_pct")
    assert low["unit"] == "percent" and low["years"] == [2019, 2020, 2021, 2022, 2023]
    terms = [GlossaryEntry.model_validate(e).term for e in client.get("/v1/glossary").json()]
    assert "procentpunt" in terms and "ecologische valkuil" in terms
    assert client.get("/v1/glossary/Procentpunten").json()["term"] == "procentpunt"
    assert_error(client.get("/v1/glossary/flapdrol"), 404, "not_found")


def test_stories_filter_and_delete(client: TestClient) -> None:
    wijk = [Story.model_validate(s) for s in client.get("/v1/stories", params={"area": "WK990101"}).json()]
    assert wijk and all((s.area_code or "").startswith(("WK990101", "BU990101")) for s in wijk)
    themed = client.get("/v1/stories", params={"theme": "eenzaamheid", "limit": 5}).json()
    assert 0 < len(themed) <= 5 and all("eenzaamheid" in s["themes"] for s in themed)
    hits = client.get("/v1/stories", params={"q": "muziek"}).json()
    assert hits and all("muziek" in s["text"].lower() for s in hits)
    victim = hits[0]["id"]
    assert client.delete(f"/v1/stories/{victim}").json() == {"ok": True, "id": victim}
    assert victim not in {s["id"] for s in client.get("/v1/stories", params={"q": "muziek"}).json()}
    assert_error(client.delete(f"/v1/stories/{victim}"), 404, "not_found")


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"ok": True, "status": "up"}
    ready = client.get("/readyz").json()
    assert ready["ok"] and ready["indicators"]["count"] > 80 and ready["stories"]["count"] == 173
    assert ready["llm"] == {"backend": "fake", "model": "fake-echo", "reachable": True,
                            "detail": "fake LLM (fake-echo), 0 scripted replies queued"}


def test_readiness_reports_an_unreachable_llm_without_failing(demo_dir: Path) -> None:
    from assistant.core.settings import Settings
    from assistant.llm.openai_compat import OpenAICompatibleLLM

    app, _ = make_app(demo_dir, llm=OpenAICompatibleLLM(Settings(openai_base_url="http://127.0.0.1:9/v1")))
    with TestClient(app) as c:
        r = c.get("/readyz")
    assert r.status_code == 200 and r.json()["ok"] and r.json()["llm"]["reachable"] is False
    assert "start it" in r.json()["llm"]["detail"]


def test_readiness_is_503_when_a_store_is_broken(demo_dir: Path) -> None:
    app, _ = make_app(demo_dir)
    (demo_dir / "stories" / "stories.jsonl").write_text("{not json\n", encoding="utf-8")
    with TestClient(app) as c:
        r = c.get("/readyz")
    assert r.status_code == 503 and r.json()["ok"] is False and not r.json()["stories"]["ok"]
    assert "{not json" not in r.text


def test_real_den_haag_profile_carries_the_cbs_attribution(den_haag_dir: Path) -> None:
    app, _ = make_app(den_haag_dir, llm=None)
    with TestClient(app) as c:
        moerwijk = c.get("/v1/areas", params={"search": "Moerwijk", "level": "wijk"}).json()[0]
        profile = c.get(f"/v1/areas/{moerwijk['code']}/profile", params={"year": 2019}).json()
    assert profile["area"]["name"] == "Moerwijk"
    assert any(line.startswith("Bron: CBS, tabel 84583NED") and "CC BY 4.0" in line
               for line in profile["attribution"])
    facts = [f for p in profile["indicators"] for f in p["facts"]]
    assert any(f["kind"] == "comparison" for f in facts)


def test_story_search_uses_the_retriever_and_never_returns_a_deleted_story(demo_dir: Path) -> None:
    from assistant.story_search import story_search

    app, deps = make_app(demo_dir)
    deps.stories_search = story_search(deps.settings, deps.store)
    with TestClient(app) as c:
        hits = c.get("/v1/stories", params={"q": DH001, "limit": 3}).json()
        assert hits and hits[0]["id"] == "DH-001" and len(hits) <= 3
        in_area = c.get("/v1/stories", params={"q": "eenzaam", "area": "WK990101"}).json()
        assert all(s["area_code"].startswith(("WK990101", "BU990101")) for s in in_area)
        assert c.delete("/v1/stories/DH-001").status_code == 200
        after = c.get("/v1/stories", params={"q": DH001, "limit": 3}).json()
    assert "DH-001" not in {s["id"] for s in after}
    assert "DH-001" not in {s.story_id for s in deps.stories_search(DH001, "WK990116", [], 5)}
