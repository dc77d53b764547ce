"""Per-user API tokens: hashed at rest, optional on loopback, required off it, rate-limited per token."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from support.api import assert_error, make_app

from assistant.api.security import UnsafeBindError, check_bind
from assistant.api.server import QuerylessAccess
from assistant.api.tokens import RateLimiter, TokenFile, current_token_name
from assistant.cli.main import cli
from assistant.core.errors import BadInputError, NotFoundError


def _cli(data_dir: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), "tokens", *args])


def test_cli_add_list_revoke_and_only_hashes_at_rest(tmp_path: Path) -> None:
    made = _cli(tmp_path, "add", "anna")
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[0]
    assert token.startswith("dui_") and len(token) > 40
    stored = (tmp_path / "tokens.json").read_text(encoding="utf-8")
    assert token not in stored and token[4:] not in stored and (tmp_path / "tokens.json").stat().st_mode & 0o077 == 0
    assert [t["name"] for t in json.loads(stored)["tokens"]] == ["anna"]
    listed = _cli(tmp_path, "list")
    assert listed.exit_code == 0 and "anna" in listed.output and token not in listed.output
    assert TokenFile(tmp_path / "tokens.json").name_for(token) == "anna"
    assert _cli(tmp_path, "revoke", "anna").exit_code == 0
    assert TokenFile(tmp_path / "tokens.json").name_for(token) is None
    again = _cli(tmp_path, "revoke", "anna")
    assert again.exit_code != 0 and "duiding tokens list" in again.output


def test_names_are_checked_and_unique(tmp_path: Path) -> None:
    tokens = TokenFile(tmp_path / "tokens.json")
    tokens.add("bob")
    with pytest.raises(BadInputError):
        tokens.add("bob")
    with pytest.raises(BadInputError):
        tokens.add("bob smith; rm")
    with pytest.raises(NotFoundError):
        tokens.revoke("nobody")


def test_loopback_token_optional_but_a_wrong_one_is_401_with_the_fix(demo_dir: Path) -> None:
    token = TokenFile(demo_dir / "tokens.json").add("anna")
    app, _ = make_app(demo_dir)
    with TestClient(app) as c:
        assert c.get("/v1/models").status_code == 200
        assert c.get("/v1/models", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        err = assert_error(c.get("/v1/models", headers={"Authorization": "Bearer dui_wrong"}), 401, "unauthorized")
        assert "duiding tokens add" in err["fix"] and "Authorization: Bearer" in err["fix"]
        TokenFile(demo_dir / "tokens.json").revoke("anna")  # a running app refuses it from now on
        assert_error(c.get("/v1/models", headers={"Authorization": f"Bearer {token}"}), 401)


def test_off_loopback_every_request_needs_a_token(demo_dir: Path) -> None:
    token = TokenFile(demo_dir / "tokens.json").add("anna")
    app, _ = make_app(demo_dir, api_host="0.0.0.0")
    with TestClient(app) as c:
        assert c.get("/healthz").status_code == 200
        assert_error(c.get("/v1/models"), 401)
        assert c.get("/v1/models", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_check_bind_accepts_user_tokens_off_loopback() -> None:
    with pytest.raises(UnsafeBindError) as err:
        check_bind("0.0.0.0", None, user_tokens=False)
    assert "duiding tokens add" in err.value.fix
    check_bind("0.0.0.0", None, user_tokens=True)


def test_each_token_has_its_own_rate_limit(demo_dir: Path) -> None:
    tokens = TokenFile(demo_dir / "tokens.json")
    anna, bob = tokens.add("anna"), tokens.add("bob")
    app, _ = make_app(demo_dir, rate_limit_per_minute=1, rate_limit_burst=3)
    with TestClient(app) as c:
        codes = [c.get("/v1/models", headers={"Authorization": f"Bearer {anna}"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = c.get("/v1/models", headers={"Authorization": f"Bearer {anna}"})
        err = assert_error(limited, 429, "rate_limited")
        assert int(limited.headers["retry-after"]) >= 1 and "anna" in err["message"] and "wacht" in err["fix"]
        assert c.get("/v1/models", headers={"Authorization": f"Bearer {bob}"}).status_code == 200
        assert c.get("/v1/models").status_code == 200  # no token on loopback: not limited


def test_token_bucket_refills() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    assert [limiter.take("a"), limiter.take("a")] == [0.0, 0.0]
    assert limiter.take("a") == pytest.approx(1.0)
    now[0] = 1.0
    assert limiter.take("a") == 0.0


def test_access_log_line_carries_the_token_name_not_the_token() -> None:
    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/v1/stories?q=alleen", "1.1", 200), None)
    marker = current_token_name.set("anna")
    try:
        QuerylessAccess().filter(record)
    finally:
        current_token_name.reset(marker)
    assert record.getMessage() == '127.0.0.1:5000 [anna] - "GET /v1/stories?… HTTP/1.1" 200'
