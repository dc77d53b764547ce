"""Small local servers that speak the real Ollama and OpenAI streaming protocols, for backend tests.

They are the only fakes in the LLM tests: Ollama itself cannot run on this machine.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Script:
    chunks: list[str] = field(default_factory=lambda: ["Hallo ", "wereld."])
    die_after: int | None = None  # close the connection after this many chunks, without the final message
    status: int = 200
    delay_s: float = 0.0
    requests: list[dict] = field(default_factory=list)
    reply: Callable[[dict], list[str]] | None = None  # chunks computed from the request, instead of `chunks`

    def chunks_for(self, request: dict) -> list[str]:
        return self.reply(request) if self.reply else self.chunks


def echo_facts(n: int = 2) -> Callable[[dict], list[str]]:
    """A reply that passes the checker: the first n fact lines of the prompt, each cited, word by word."""
    from assistant.llm.base import FACT_LINE_RE

    def reply(request: dict) -> list[str]:
        users = [m["content"] for m in request.get("messages", []) if m.get("role") == "user"]
        lines = FACT_LINE_RE.findall(users[-1]) if users else []
        text = " ".join(f"{sentence.rstrip('.')} [{fact_id}]." for fact_id, sentence in lines[:n])
        return [w + " " for w in (text or "Geen feiten.").split(" ")]

    return reply


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = json.dumps({"models": [{"name": "qwen2.5:7b"}], "data": [{"id": "local"}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            script.requests.append(json.loads(self.rfile.read(length) or b"{}"))
            if script.status != 200:
                body = json.dumps({"error": f"model '{script.requests[-1].get('model')}' not found"}).encode()
                self.send_response(script.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if self.path == "/api/chat":
                self._ollama()
            else:
                self._openai()

        def _send_chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _start(self, ctype: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()

        def _ollama(self) -> None:
            self._start("application/x-ndjson")
            model = script.requests[-1].get("model", "")
            for i, text in enumerate(script.chunks):
                if script.die_after is not None and i >= script.die_after:
                    self.close_connection = True
                    return
                time.sleep(script.delay_s)
                line = {"model": model, "created_at": "2026-11-22T12:00:00Z",
                        "message": {"role": "assistant", "content": text}, "done": False}
                self._send_chunk(json.dumps(line).encode() + b"\n")
            final = {"model": model, "created_at": "2026-11-22T12:00:01Z",
                     "message": {"role": "assistant", "content": ""}, "done": True, "done_reason": "stop",
                     "total_duration": 1000, "load_duration": 10, "prompt_eval_count": 10,
                     "prompt_eval_duration": 100, "eval_count": len(script.chunks), "eval_duration": 500}
            self._send_chunk(json.dumps(final).encode() + b"\n")
            self.wfile.write(b"0\r\n\r\n")

        def _openai(self) -> None:
            self._start("text/event-stream")
            for i, text in enumerate(script.chunks_for(script.requests[-1])):
                if script.die_after is not None and i >= script.die_after:
                    self.close_connection = True
                    return
                time.sleep(script.delay_s)
                event = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "local",
                         "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
                self._send_chunk(f"data: {json.dumps(event)}\n\n".encode())
            self._send_chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")

    return Handler


class FakeLLMServer:
    """Start with `with FakeLLMServer(script) as url:`; binds 127.0.0.1 on a free port."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
