"""Follow-ups come from what is loaded: each can be answered, none repeats the question; people-sized rounding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.api import make_app
from support.kwb import code_of, kwb_wijken
from support.paths import KWB2019, KWB2021


@pytest.fixture(scope="module")
def client(den_haag_dir: Path) -> Iterator[TestClient]:
    app, _ = make_app(den_haag_dir, llm=None)
    with TestClient(app) as c:
        yield c


def ask(client: TestClient, question: str, cid: str | None = None, audience: str = "beleid") -> dict[str, Any]:
    r = client.post("/v1/chat", json={"question": question, "conversation_id": cid, "audience": audience})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


QUESTIONS = ["Hoeveel mensen met een bijstandsuitkering wonen er in Moerwijk?",
             "Wat is het aandeel 65-plussers in Waldeck?",
             "Welke wijken hebben het hoogste aandeel 65-plussers?",
             "Hoe is het aantal inwoners van 65 jaar of ouder in Waldeck veranderd?"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_follow_up_can_be_answered_and_none_repeats_the_question(client: TestClient, question: str) -> None:
    first = ask(client, question)
    assert question not in first["follow_ups"]
    assert "zodra die er zijn" not in first["deterministic"]  # no suggestion of data that is not there
    for follow in first["follow_ups"]:
        answer = ask(client, follow, first["conversation_id"])
        assert answer["facts"] and not answer["clarify"], follow
        assert not [f for f in answer["facts"] if f["kind"] == "no_data"], follow
        if "veranderd sinds" in follow:
            assert any(f["kind"] == "trend" for f in answer["facts"]), follow
        if "staan het hoogst" in follow:
            assert any(f["kind"] == "top" for f in answer["facts"]), follow


def test_a_trend_is_offered_only_with_two_years_loaded(client: TestClient) -> None:
    only_2019 = ask(client, "Hoeveel mensen met een bijstandsuitkering wonen er in Moerwijk?")
    assert not [q for q in only_2019["follow_ups"] if "veranderd" in q]  # bijstand: only 2019 is loaded
    both = ask(client, "Wat is het aandeel 65-plussers in Waldeck?")
    assert "Hoe is het aantal inwoners van 65 jaar of ouder in Waldeck veranderd sinds 2019?" in both["follow_ups"]


def test_a_trend_says_the_change_per_year_in_whole_people(client: TestClient, real_data: Path) -> None:
    old, new = kwb_wijken(real_data, KWB2019), kwb_wijken(real_data, KWB2021)
    code = code_of(old, "Waldeck")
    a = int(old.set_index("code").loc[code, "k_65JaarOfOuder"])
    b = int(new.set_index("code").loc[code, "k_65JaarOfOuder"])
    answer = ask(client, "Hoe is het aantal inwoners van 65 jaar of ouder in Waldeck veranderd?")
    trend = next(f for f in answer["facts"] if f["kind"] == "trend" and f["indicator"] == "leeftijd_65_plus")
    per_year = int((abs(b - a) / 2) + 0.5)  # half up: people are whole
    exact = abs(b - a) / 2 != per_year
    word = "gestegen" if b > a else "gedaald"
    assert trend["text"].startswith(f"Het aantal inwoners van 65 jaar of ouder in Waldeck is {word}")
    assert f"{'ongeveer ' if exact else ''}{per_year} per jaar {'erbij' if b > a else 'eraf'}" in trend["text"]
    assert ",5 per jaar" not in answer["deterministic"]
