"""The API's errors come in the reader's language: ?lang=, then Accept-Language, then Dutch; one language each."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.api import assert_error
from support.language import language_problem

PIPES = "area_code|indicator|year|value\nWK990101|jeugdzorg_pct|2022|12\n"


def _file(name: str, body: str) -> dict[str, Any]:
    return {"file": (name, body.encode(), "text/csv")}


def _one_language(err: dict[str, str], lang: str) -> None:
    for text in (err["message"], err["fix"]):
        assert language_problem(text, lang) is None, text


@pytest.mark.parametrize("lang,header,expected", [
    ("nl", "nl-NL,nl;q=0.9", ("regel 1 heeft maar één kolom", "het lijkt '|'", "sla het bestand op als CSV")),
    ("en", "en-GB,en;q=0.9", ("line 1 has a single column", "it looks like '|'", "save the file as CSV")),
])
def test_a_bad_csv_upload_is_explained_in_the_readers_language(
        client: TestClient, lang: str, header: str, expected: tuple[str, str, str]) -> None:
    r = client.post("/v1/ingest/tables", files=_file("pijpen.csv", PIPES), data={"format": "long"},
                    headers={"Accept-Language": header})
    err = assert_error(r, 400, "bad_input")
    assert expected[0] in err["message"] and expected[1] in err["message"], err
    assert err["fix"].startswith(expected[2]), err
    assert "pijpen.csv" in err["message"]
    _one_language(err, lang)


@pytest.mark.parametrize("lang,expected", [("nl", ("is leeg", "zet minstens één verhaal")),
                                           ("en", ("is empty", "put at least one story"))])
def test_an_empty_story_file_is_explained_in_the_readers_language(
        client: TestClient, lang: str, expected: tuple[str, str]) -> None:
    r = client.post(f"/v1/ingest/stories?lang={lang}", files=_file("verhalen.csv", "\n \n"))
    err = assert_error(r, 400, "bad_input")
    assert expected[0] in err["message"] and err["fix"].startswith(expected[1]), err
    _one_language(err, lang)


def test_the_lang_parameter_wins_and_dutch_is_the_default(client: TestClient) -> None:
    dutch = assert_error(client.get("/v1/areas/WK000000"), 404)
    english = assert_error(client.get("/v1/areas/WK000000?lang=en", headers={"Accept-Language": "nl"}), 404)
    assert "staat niet in de geladen cijfers" in dutch["message"], dutch
    assert "is not in the loaded figures" in english["message"], english
    _one_language(dutch, "nl")
    _one_language(english, "en")


def test_a_request_that_does_not_fit_the_schema_is_explained_in_one_language(client: TestClient) -> None:
    for lang, word in (("nl", "ontbreekt"), ("en", "is missing")):
        err = assert_error(client.post("/v1/chat", json={}, headers={"Accept-Language": lang}), 422)
        assert word in err["message"], err
        _one_language(err, lang)


ENGLISH_QUESTIONS = ["How many people live in Weverskwartier?", "Is youth care in Lindenhove high compared with "
                     "the Netherlands?", "How has the number of inhabitants of Oosterkade changed since 2019?",
                     "What is the unemployment in Atlantis?", "Which district has the most loneliness?"]


def test_english_answers_carry_english_caveats_and_notices(client: TestClient) -> None:
    """Caveats and no-data lines come from the facts in the question's language, not the Dutch lists."""
    seen = 0
    for question in ENGLISH_QUESTIONS:
        r = client.post("/v1/chat", json={"question": question})
        assert r.status_code == 200, r.text
        answer = r.json()
        for text in [*answer["caveats"], *answer["notices"]]:
            seen += 1
            assert language_problem(text, "en") is None, (question, text)
    assert seen, "the questions should bring at least one caveat or notice"
