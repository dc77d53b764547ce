"""Safe defaults: token auth both ways, no binding off loopback without a token, CORS off, one error shape."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from pydantic import SecretStr
from support.api import assert_error, make_app
from support.paths import ROOT

from assistant.api.security import UnsafeBindError, check_bind, is_loopback, token_matches
from assistant.cli.main import cli

TOKEN = "s3cret-token-for-tests"



def test_with_a_token_every_route_but_healthz_needs_it(demo_dir: Path) -> None:
    app, _ = make_app(demo_dir, api_token=SecretStr(TOKEN))
    with TestClient(app) as c:
        assert c.get("/healthz").status_code == 200
        for path in ("/readyz", "/v1/areas", "/openapi.json", "/docs", "/v1/glossary/procentpunt"):
            err = assert_error(c.get(path), 401, "unauthorized")
            assert "Authorization: Bearer" in err["fix"]
        r = c.get("/v1/areas", headers={"Authorization": "Bearer wrong"})
        assert_error(r, 401)
        assert r.headers["www-authenticate"] == "Bearer"
        assert_error(c.get("/v1/areas", headers={"Authorization": f"Basic {TOKEN}"}), 401)
        assert_error(c.post("/v1/chat", json={"question": "x"}), 401)
        ok = {"Authorization": f"Bearer {TOKEN}"}
        assert c.get("/v1/areas", headers=ok).status_code == 200
        schema = c.get("/openapi.json", headers=ok).json()
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert schema["paths"]["/v1/areas"]["get"]["security"] == [{"bearer": []}]
    assert "security" not in schema["paths"]["/healthz"]["get"]


def test_without_a_token_on_loopback_no_auth_is_needed(client: TestClient) -> None:
    assert client.get("/v1/areas").status_code == 200


def test_token_compare() -> None:
    assert token_matches(f"Bearer {TOKEN}", TOKEN) and token_matches(f"bearer  {TOKEN} ", TOKEN)
    assert not token_matches(None, TOKEN) and not token_matches(TOKEN, TOKEN)
    assert not token_matches(f"Bearer {TOKEN}x", TOKEN) and not token_matches("Bearer ", TOKEN)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"])
def test_loopback_needs_no_token(host: str) -> None:
    assert is_loopback(host)
    check_bind(host, None)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "duiding.example.org"])
def test_binding_off_loopback_is_refused_without_a_token(host: str) -> None:
    with pytest.raises(UnsafeBindError) as info:
        check_bind(host, None)
    assert "DUIDING_API_TOKEN" in info.value.fix
    with pytest.raises(UnsafeBindError):
        check_bind(host, SecretStr("  "))
    check_bind(host, SecretStr(TOKEN))


def test_duiding_serve_refuses_to_start_off_loopback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "serve", "--host", "0.0.0.0"],
                                env={"DUIDING_API_TOKEN": ""})
    assert result.exit_code == 1
    assert "luistert niet op 0.0.0.0" in result.output and "DUIDING_API_TOKEN" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_duiding_serve_runs_on_loopback_by_default(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "DUIDING_LLM": "fake", "DUIDING_EMBEDDER": "fake", "DUIDING_API_PORT": str(port),
           "DUIDING_DATA_DIR": str(tmp_path / "data"), "DUIDING_API_TOKEN": "", "DUIDING_API_HOST": "127.0.0.1"}
    code = "import sys; from assistant.cli.main import main; sys.argv = ['duiding', 'serve']; main()"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, ready = time.monotonic() + 60, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert ready is not None and ready.status_code == 200, proc.stderr.read() if proc.stderr else ""
        assert ready.json()["llm"]["backend"] == "fake"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_cors_is_off_by_default_and_on_only_for_listed_origins(demo_dir: Path) -> None:
    preflight = {"Origin": "http://localhost:8501", "Access-Control-Request-Method": "POST"}
    with TestClient(make_app(demo_dir)[0]) as c:
        assert "access-control-allow-origin" not in c.get("/v1/areas", headers={"Origin": "http://x"}).headers
    with TestClient(make_app(demo_dir, cors_origins=["http://localhost:8501"])[0]) as c:
        r = c.options("/v1/chat", headers=preflight)
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "http://localhost:8501"
        other = c.get("/v1/areas", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_unexpected_errors_are_500_in_the_error_shape_and_logged_without_the_text(
    demo_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app, _ = make_app(demo_dir)

    def broken() -> None:
        raise RuntimeError("verhaal van mevrouw Jansen, Dorpsstraat 3")

    app.add_api_route("/v1/broken", broken)
    with caplog.at_level(logging.ERROR, logger="duiding.api"), TestClient(app) as c:
        r = c.get("/v1/broken")
    err = assert_error(r, 500, "internal")
    assert "Jansen" not in r.text and err["fix"]
    assert "RuntimeError" in caplog.text and "Jansen" not in caplog.text


def test_unknown_routes_and_methods_use_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/v1/nothing"), 404, "not_found")
    r = client.delete("/v1/chat")
    assert_error(r, 405, "method_not_allowed")
    assert "POST" in r.headers["allow"]
    assert_error(client.post("/v1/chat", content=b"{not json", headers={"content-type": "application/json"}), 422)
