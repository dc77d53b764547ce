"""A question that asks for a cause gets samenhang, not oorzaak: both figures with their years, a year warning."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.api import make_app

from assistant.compose.cause import asks_for_cause


@pytest.fixture(scope="module")
def client(den_haag_dir: Path) -> Iterator[TestClient]:
    app, _ = make_app(den_haag_dir, llm=None)
    with TestClient(app) as c:
        yield c


def ask(client: TestClient, question: str) -> dict[str, Any]:
    r = client.post("/v1/chat", json={"question": question, "audience": "beleid"})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def cause_notice(answer: dict[str, Any]) -> str:
    return next(n for n in answer["notices"] if "samenhang" in n or "association" in n)


@pytest.mark.parametrize(("question", "differ"), [
    ("Komt het aantal eenpersoonshuishoudens in Moerwijk door de bijstand?", True),
    ("Komt de bijstand in Moerwijk door het inkomen?", False),
])
def test_samenhang_not_oorzaak_with_both_years(client: TestClient, question: str, differ: bool) -> None:
    answer = ask(client, question)
    notice = cause_notice(answer)
    assert "geen oorzaak" in notice and notice in answer["deterministic"].replace("_", "")
    cited = re.findall(r"\((\d{4})\) \[(F\d+)\]", notice)
    facts = {f["id"]: f for f in answer["facts"]}
    assert len(cited) == 2 and {facts[i]["indicator"] for _, i in cited} == set(answer["indicators"][:2])
    assert all(facts[i]["year"] == int(y) for y, i in cited)  # each figure with its own year
    assert (cited[0][0] != cited[1][0]) is differ
    assert ("verschillende jaren" in notice) is differ


def test_english_cause_question_and_no_notice_without_a_cause(client: TestClient) -> None:
    en = ask(client, "Is the number of single-person households in Moerwijk caused by social assistance?")
    assert "not causation" in cause_notice(en) and "different years" in cause_notice(en)
    plain = ask(client, "Hoeveel mensen met een bijstandsuitkering wonen er in Moerwijk?")
    assert not [n for n in plain["notices"] if "samenhang" in n]
    assert not asks_for_cause("Hoeveel mensen wonen er in Moerwijk?")
    assert asks_for_cause("Ligt de hoge jeugdzorg aan de armoede?")
    assert not asks_for_cause("Welke wijk ligt aan zee?")
