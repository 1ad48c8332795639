"""A real SMTP server for tests: it captures what it receives and can misbehave on request.

Runs aiosmtpd in its own thread on 127.0.0.1 and a free port. It can
refuse the next N deliveries with a transient (451) or permanent (550)
reply, at RCPT or at DATA, and can be stopped and started again on the
same port to play an outage.
"""

from __future__ import annotations

import email
import email.policy
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.services import free_port

REPLIES = {451: "451 4.3.0 Try again later (test refusal)", 550: "550 5.7.1 Delivery refused (test refusal)"}


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: tuple[str, ...]
    message: EmailMessage


class _Handler:
    def __init__(self, server: CapturingSmtpServer) -> None:
        self._server = server

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        refusal = self._server._take_refusal("rcpt")
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        refusal = self._server._take_refusal("data")
        if refusal:
            return refusal
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self._server._store(Received(envelope.mail_from, tuple(envelope.rcpt_tos), message))
        return "250 OK: queued"


class CapturingSmtpServer:
    def __init__(self, port: int | None = None, credentials: tuple[str, str] | None = None) -> None:
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self._credentials = credentials
        self._lock = threading.Lock()
        self._received: list[Received] = []
        self._refusals: list[tuple[int, str]] = []  # (code, stage), one per coming delivery
        self._refused = 0
        self._controller: Controller | None = None

    # --- life cycle -------------------------------------------------------

    def start(self) -> None:
        if self._controller is not None:
            return
        options: dict[str, Any] = {}
        if self._credentials is not None:
            options.update(authenticator=self._authenticate, auth_required=True, auth_require_tls=False)
        # A new Controller each time: a stopped one has closed its event loop.
        controller = Controller(
            _Handler(self), hostname=self.host, port=self.port, server_hostname="smtp.test", ready_timeout=5.0,
            **options,
        )
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def url(self, scheme: str = "smtp", userinfo: str = "") -> str:
        return f"{scheme}://{userinfo + '@' if userinfo else ''}{self.host}:{self.port}"

    # --- behaviour --------------------------------------------------------

    def refuse_next(self, count: int, code: int = 451, stage: str = "data") -> None:
        """Refuse the next `count` deliveries with `code` (451 transient, 550 permanent) at RCPT or DATA."""
        if code not in REPLIES or stage not in ("rcpt", "data"):
            raise ValueError("refuse with 451 or 550, at 'rcpt' or 'data'")
        with self._lock:
            self._refusals.extend([(code, stage)] * count)

    def _take_refusal(self, stage: str) -> str | None:
        with self._lock:
            if self._refusals and self._refusals[0][1] == stage:
                code, _ = self._refusals.pop(0)
                self._refused += 1
                return REPLIES[code]
        return None

    def _store(self, received: Received) -> None:
        with self._lock:
            self._received.append(received)

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and self._credentials is not None
            and (auth_data.login.decode(), auth_data.password.decode()) == self._credentials
        )
        return AuthResult(success=ok, handled=False)

    # --- what happened ----------------------------------------------------

    @property
    def received(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    @property
    def messages(self) -> list[EmailMessage]:
        return [item.message for item in self.received]

    @property
    def refused(self) -> int:
        """How many deliveries were refused so far (each refusal is one attempt by the client)."""
        with self._lock:
            return self._refused

    def clear(self) -> None:
        with self._lock:
            self._received.clear()
            self._refusals.clear()
            self._refused = 0

