"""Uploads: the readers behind a size limit, safe names, atomic imports, one at a time."""

from __future__ import annotations

import asyncio
import io
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.api import LONG_CSV, assert_error, make_app
from support.store import tree_digest

from assistant.api.uploads import MULTIPART_SLACK, save_upload, shown_name
from assistant.core.errors import BadInputError
from retrieval.tables.atomic import writer_lock
from retrieval.tables.store import IndicatorStore

STORY_CSV = ("id,text,area_code,date,themes,role\n"
             "t-1,\"Sinds de buurtkamer dicht is, zie ik de ouderen uit mijn portiek bijna niet meer.\","
             "WK990101,2024-03-01,eenzaamheid,buurtwerker\n")



def _csv(name: str, body: str | bytes, mime: str = "text/csv") -> dict[str, Any]:
    return {"file": (name, body.encode() if isinstance(body, str) else body, mime)}


def test_table_upload_imports_and_reports(client: TestClient) -> None:
    r = client.post("/v1/ingest/tables", files=_csv("mijn cijfers.csv", LONG_CSV), data={"source": "Test"})
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["file"] == "mijn cijfers.csv" and report["values"] == 40 and report["changed"]
    assert "testindicator_pct" in {i["id"] for i in client.get("/v1/indicators").json()}
    again = client.post("/v1/ingest/tables", files=_csv("mijn cijfers.csv", LONG_CSV), data={"source": "Test"})
    assert again.json()["changed"] is False


def test_story_upload_scrubs_and_stores(client: TestClient) -> None:
    before = len(client.get("/v1/stories", params={"limit": 1000}).json())
    r = client.post("/v1/ingest/stories", files=_csv("verhalen.csv", STORY_CSV))
    assert r.status_code == 200 and r.json()["rows"] == 1 and r.json()["file"] == "verhalen.csv"
    assert len(client.get("/v1/stories", params={"limit": 1000}).json()) == before + 1


BAD_UPLOADS = [
    ("tables", _csv("leeg.csv", b""), {}, "is leeg"),
    ("tables", _csv("virus.exe", b"MZ\x90\x00"), {}, "kan hier niet"),
    ("tables", _csv("kapot.csv", b"\x00\x01\x02\xff\xfe" * 100), {}, ""),
    ("tables", _csv("half.csv", "area_code;year\nWK990101;\n"), {"format": "long"}, ""),
    ("tables", _csv("blad.xlsx", b"not a zip"), {}, ""),
    ("tables", _csv("breed.csv", LONG_CSV), {"format": "wide", "mapping": "/etc/passwd.yaml"}, "mapping"),
    ("stories", _csv("verhalen.jsonl", b"{this is not json}\n"), {}, ""),
    ("stories", _csv("verhalen.pdf", b"%PDF-1.4"), {}, "kan hier niet"),
    ("stories", _csv("verhalen.csv", "id,text\n"), {}, ""),
]


@pytest.mark.parametrize(("kind", "files", "data", "words"), BAD_UPLOADS)
def test_bad_uploads_are_4xx_with_a_fix_and_leave_the_store_unchanged(
    client: TestClient, demo_dir: Path, kind: str, files: dict, data: dict, words: str
) -> None:
    before = tree_digest(demo_dir)
    r = client.post(f"/v1/ingest/{kind}", files=files, data=data)
    assert 400 <= r.status_code < 500, r.text
    err = assert_error(r, r.status_code)
    assert err["fix"] and words in err["message"]
    assert "upload-" not in err["message"] and tempfile.gettempdir() not in err["message"]
    assert tree_digest(demo_dir) == before


def test_declared_oversize_upload_is_refused_before_reading(client: TestClient, demo_dir: Path) -> None:
    before = tree_digest(demo_dir)
    big = b"a,b\n" + b"1,2\n" * (1024 * 1024 // 4 + 50_000)  # > 1 MB limit + slack
    err = assert_error(client.post("/v1/ingest/tables", files=_csv("groot.csv", big)), 413, "too_large")
    assert "1 MB" in err["message"] and "DUIDING_UPLOAD_LIMIT_MB" in err["fix"]
    assert tree_digest(demo_dir) == before


def test_streamed_oversize_upload_stops_at_the_limit_with_bounded_memory(demo_dir: Path) -> None:
    """No Content-Length: the body arrives in 64 KB chunks (64 MB on offer); reading stops past 1 MB."""
    app, _ = make_app(demo_dir)
    boundary, chunk, offered = "x-boundary", b"1,2\n" * 16384, 1024
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"groot.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode()
    sent = {"chunks": 0}
    out: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        sent["chunks"] += 1
        body = head if sent["chunks"] == 1 else chunk
        return {"type": "http.request", "body": body, "more_body": sent["chunks"] < offered}

    async def send(message: dict[str, Any]) -> None:
        out.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/v1/ingest/tables", "raw_path": b"/v1/ingest/tables", "query_string": b"",
             "headers": [(b"content-type", f"multipart/form-data; boundary={boundary}".encode()),
                         (b"transfer-encoding", b"chunked")], "client": ("127.0.0.1", 1), "server": ("t", 80)}
    tracemalloc.start()
    asyncio.run(app(scope, receive, send))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert out[0]["status"] == 413
    assert b'"too_large"' in b"".join(m.get("body", b"") for m in out)
    read = len(head) + (sent["chunks"] - 1) * len(chunk)
    assert read <= 1024 * 1024 + MULTIPART_SLACK + len(chunk)  # stopped at the first chunk past the limit
    assert peak < 12 * 1024 * 1024  # of 64 MB offered


def test_path_traversal_in_the_upload_name_writes_nothing_outside_the_temp_dir(
    client: TestClient, demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uploads = tmp_path / "a" / "b" / "tmp"
    uploads.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(uploads))
    outside = {p for p in tmp_path.rglob("*") if demo_dir not in p.parents}
    r = client.post("/v1/ingest/tables", files=_csv("../../etc/passwd.csv", LONG_CSV), data={"source": "Test"})
    assert r.status_code == 200 and r.json()["file"] == "passwd.csv"
    assert not (tmp_path / "a" / "etc").exists() and not Path("/etc/passwd.csv").exists()
    assert {p for p in tmp_path.rglob("*") if demo_dir not in p.parents} == outside  # temp dir cleaned up too
    bad = client.post("/v1/ingest/tables", files=_csv("..\\..\\x\\passwd.csv", b"\x00\x00"), data={"format": "long"})
    assert 400 <= bad.status_code < 500 and {p for p in tmp_path.rglob("*") if demo_dir not in p.parents} == outside


def test_saved_uploads_get_generated_names_and_keep_only_a_whitelisted_suffix(tmp_path: Path) -> None:
    path = save_upload(io.BytesIO(b"x"), "../../etc/84583NED passwd.CSV", tmp_path, (".csv",), 1)
    assert path.parent == tmp_path and path.name.startswith("upload-84583NED-") and path.suffix == ".csv"
    assert shown_name("../../etc/pass wd.csv") == "pass wd.csv" and shown_name("..") == "upload"
    with pytest.raises(BadInputError):
        save_upload(io.BytesIO(b"x"), "passwd.csv/..", tmp_path, (".csv",), 1)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_running_import_gives_409(client: TestClient, demo_dir: Path) -> None:
    store = IndicatorStore(demo_dir / "indicators")
    with store.lock():  # another process (the CLI) is importing
        err = assert_error(client.post("/v1/ingest/tables", files=_csv("c.csv", LONG_CSV)), 409, "conflict")
    assert "wacht" in err["fix"]  # Dutch by default (tests/api/test_api_language.py: English on request)
    with writer_lock(demo_dir / "stories"):
        assert_error(client.post("/v1/ingest/stories", files=_csv("v.csv", STORY_CSV)), 409, "conflict")
    assert client.post("/v1/ingest/tables", files=_csv("c.csv", LONG_CSV)).status_code == 200
