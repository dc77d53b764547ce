"""Duiding as an OpenAI model: the official `openai` client against a running `duiding serve` (real uvicorn).

The server holds the real Den Haag KWB extracts and the demo city, runs the fake LLM (a reply that
passes the checker) and requires nothing on loopback but accepts a user token made with `duiding tokens`.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.api import load_demo_city
from support.kwb import code_of, kwb_wijken
from support.paths import KWB2021
from support.processes import duiding_serve

from assistant.cli.main import cli

openai = pytest.importorskip("openai", reason="the openai client is in the dev extra")

def dutch(n: float) -> str:
    return f"{n:,.0f}".replace(",", ".")


def _serve(data: Path, root: Path) -> Iterator[tuple[str, str, Path]]:
    made = CliRunner().invoke(cli, ["--data-dir", str(data), "tokens", "add", "anna"])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[0]
    log = root / "serve.log"
    with duiding_serve(data, log, "--llm", "fake", env={"DUIDING_EMBEDDER": "fake", "DUIDING_API_TOKEN": ""}) as url:
        yield url, token, log


@pytest.fixture(scope="module")
def server(den_haag_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """`duiding serve --llm fake` on the real Den Haag extracts."""
    root = tmp_path_factory.mktemp("openai_serve")
    shutil.copytree(den_haag_dir, root / "data", ignore=shutil.ignore_patterns(".lock", "chroma"))
    yield from _serve(root / "data", root)


@pytest.fixture(scope="module")
def client(server: tuple[str, str, Path]):  # type: ignore[no-untyped-def]
    url, token, _ = server
    return openai.OpenAI(base_url=f"{url}/v1", api_key=token, max_retries=0, timeout=120)


@pytest.fixture(scope="module")
def demo_client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """`duiding serve --llm fake` on the demo city."""
    root = tmp_path_factory.mktemp("openai_demo")
    load_demo_city(root / "data")
    for url, token, _ in _serve(root / "data", root):
        yield openai.OpenAI(base_url=f"{url}/v1", api_key=token, max_retries=0, timeout=120)


@pytest.fixture(scope="module")
def inhabitants(real_data: Path) -> tuple[float, float]:
    """Moerwijk's inhabitants in 2019 and 2021, from the CSVs with plain pandas."""
    k19, k21 = kwb_wijken(real_data), kwb_wijken(real_data, KWB2021)
    code = code_of(k19, "Moerwijk")
    return (float(k19.loc[k19.code == code, "AantalInwoners"].iloc[0]),
            float(k21.loc[k21.code == code, "AantalInwoners"].iloc[0]))


def test_models_are_the_audiences(client) -> None:  # type: ignore[no-untyped-def]
    ids = [m.id for m in client.models.list().data]
    assert ids == ["duiding-jongerenwerker", "duiding-beleid", "duiding-trainer"]


def test_a_real_data_question_gets_the_checked_answer_with_numbers_and_sources(
        client, inhabitants: tuple[float, float], real_data: Path) -> None:  # type: ignore[no-untyped-def]
    _, latest = inhabitants
    reply = client.chat.completions.create(
        model="duiding-jongerenwerker", messages=[{"role": "user", "content": "Hoeveel inwoners heeft Moerwijk?"}])
    text = reply.choices[0].message.content
    facts, _, sources = text.partition("**Bronnen**")
    assert reply.choices[0].finish_reason == "stop" and reply.model == "duiding-jongerenwerker"
    assert f"Moerwijk (2021): {dutch(latest)} [F1]" in facts  # the lead block: the value with its citation
    table = re.search(r"Bron: CBS, tabel (\d{5}NED)", facts)
    assert table and f"- [F1] CBS, tabel {table.group(1)}: " in sources
    code = code_of(kwb_wijken(real_data), "Moerwijk")
    assert f"{code}, 2021" in sources.split("[F2]")[0]
    # facts answer first, then the checked LLM sentence (the fake LLM repeats a fact with its citation)
    assert facts.count(dutch(latest)) >= 2


def test_a_follow_up_takes_its_context_from_the_messages(
        client, inhabitants: tuple[float, float]) -> None:  # type: ignore[no-untyped-def]
    first, latest = inhabitants
    messages = [{"role": "user", "content": "Hoeveel inwoners heeft Moerwijk?"},
                {"role": "assistant", "content": "Moerwijk heeft ... inwoners."},
                {"role": "user", "content": "En in 2019?"}]
    text = client.chat.completions.create(model="duiding-beleid", messages=messages).choices[0].message.content
    assert dutch(first) in text and "Moerwijk" in text and "2019" in text


def test_streaming_in_openai_chunks_gives_the_same_checked_answer(
        client, inhabitants: tuple[float, float]) -> None:  # type: ignore[no-untyped-def]
    _, latest = inhabitants
    question = [{"role": "user", "content": "Hoeveel inwoners heeft Moerwijk?"}]
    chunks = list(client.chat.completions.create(model="duiding-jongerenwerker", messages=question, stream=True))
    pieces = [c.choices[0].delta.content or "" for c in chunks]
    assert chunks[0].choices[0].delta.role == "assistant" and chunks[-1].choices[0].finish_reason == "stop"
    streamed = "".join(pieces)
    assert len([p for p in pieces if p]) >= 3  # facts, checked sentence(s), sources: not one blob
    assert pieces[1].startswith(streamed.partition("\n")[0]) and f"Moerwijk (2021): {dutch(latest)}" in pieces[1]
    whole = client.chat.completions.create(model="duiding-jongerenwerker", messages=question)
    assert streamed == whole.choices[0].message.content


def test_a_demo_question_streamed_and_not(demo_client) -> None:  # type: ignore[no-untyped-def]
    client = demo_client
    question = [{"role": "user", "content": "Hoeveel huishoudens met een laag inkomen zijn er in Oude Haven?"}]
    text = client.chat.completions.create(model="duiding-trainer", messages=question).choices[0].message.content
    streamed = "".join(c.choices[0].delta.content or "" for c in client.chat.completions.create(
        model="duiding-trainer", messages=question, stream=True))
    assert streamed == text and "Oude Haven" in text and "**Bronnen**" in text and "WK990101" in text


def test_a_wrong_token_is_401_with_the_fix_and_the_log_names_the_token(server) -> None:  # type: ignore[no-untyped-def]
    url, token, log = server
    wrong = openai.OpenAI(base_url=f"{url}/v1", api_key="dui_not-a-token", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as err:
        wrong.models.list()
    assert err.value.status_code == 401 and "duiding tokens add" in str(err.value.body)
    lines = log.read_text(errors="replace").splitlines()
    assert any("[anna]" in line and "/v1/chat/completions" in line for line in lines)
    assert token not in log.read_text(errors="replace")


def test_an_unknown_model_is_404_naming_the_models(client) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(openai.NotFoundError) as err:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hoi"}])
    assert "duiding-jongerenwerker" in str(err.value.body)
