"""A local stand-in for a school's guardian register: checks Vern's signature, answers yes or no."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bot.connectors.signing import SIGNATURE_HEADER, verify


@dataclass
class GuardianRegister:
    secret: bytes
    guardians: set[tuple[str, str]] = field(default_factory=set)  # (child reference, e-mail or phone)
    questions: list[dict] = field(default_factory=list)
    status: int = 200  # scripted failure

    def __post_init__(self) -> None:
        register = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                signed = verify(register.secret, body, self.headers.get(SIGNATURE_HEADER), time.time(),
                                method="POST", path=self.path)
                if signed is None:
                    self._reply(401, b"")
                    return
                question = json.loads(body)
                register.questions.append(question)
                contact = next(iter(question["guardian"].values()))
                answer = (question["child_reference"], contact) in register.guardians
                self._reply(register.status, json.dumps({"guardian": answer}).encode())

            def _reply(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/register/guardians"

    def start(self) -> GuardianRegister:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
