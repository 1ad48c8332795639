"""A local stand-in for the Telegram Bot API, for the real python-telegram-bot to talk to.

It implements the methods the guardian bot uses (getMe, getUpdates,
sendMessage, editMessageText, answerCallbackQuery, setWebhook, deleteWebhook,
close/logOut) over HTTP at `/bot<token>/<method>`, keeps every chat's
messages, and lets a test act as a Telegram user: send text, press an
inline button, share a contact (Telegram's request_contact button, or a
forwarded contact). In webhook mode it delivers updates by POSTing them to the
registered URL with the secret-token header, as Telegram does.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT_ID = 7000001
BOT_USERNAME = "vern_test_bot"


@dataclass
class SentMessage:
    message_id: int
    chat_id: int
    text: str
    reply_markup: dict[str, Any] | None
    edits: list[str] = field(default_factory=list)

    @property
    def buttons(self) -> list[dict[str, str]]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def button(self, title: str) -> dict[str, str]:
        return next(b for b in self.buttons if b["text"] == title)

    @property
    def keyboard(self) -> list[dict[str, Any]]:
        """The reply keyboard's buttons (KeyboardButton: text, request_contact), not the inline ones."""
        rows = (self.reply_markup or {}).get("keyboard") or []
        return [button if isinstance(button, dict) else {"text": button} for row in rows for button in row]

    @property
    def removes_keyboard(self) -> bool:
        return bool((self.reply_markup or {}).get("remove_keyboard"))


class FakeTelegram:
    def __init__(self, token: str = "123456:TEST-token-for-the-fake-api") -> None:
        self.token = token
        self._lock = threading.Condition()
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self.messages: list[SentMessage] = []
        self.calls: list[str] = []
        self.answered_callbacks = 0
        self.webhook: dict[str, str] | None = None
        self.webhook_refusals: list[int] = []
        self._server: ThreadingHTTPServer | None = None

    # --- server ---------------------------------------------------------------------------
    def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                fake._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        with self._lock:
            self._lock.notify_all()

    @property
    def base_url(self) -> str:
        """What python-telegram-bot's `base_url` must be: the token is appended to it."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = urllib.parse.urlparse(request.path).path
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            self._reply(request, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        method = path[len(prefix):]
        params = self._params(request)
        self.calls.append(method)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            self._reply(request, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        self._reply(request, 200, {"ok": True, "result": handler(params)})

    @staticmethod
    def _params(request: BaseHTTPRequestHandler) -> dict[str, Any]:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        kind = request.headers.get("Content-Type", "")
        raw: dict[str, str] = {}
        if kind.startswith("application/json"):
            return json.loads(body or b"{}")
        if kind.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                f"Content-Type: {kind}\r\n\r\n".encode() + body)
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                raw[str(name)] = part.get_content() if part.get_content_maintype() == "text" else ""
        else:
            raw = dict(urllib.parse.parse_qsl(body.decode()))
        params: dict[str, Any] = {}
        for key, value in raw.items():
            try:
                params[key] = json.loads(value)
            except (ValueError, TypeError):
                params[key] = value
        return params

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    # --- Bot API methods ------------------------------------------------------------------
    def _api_getMe(self, _params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return {"id": BOT_ID, "is_bot": True, "first_name": "Vern", "username": BOT_USERNAME,
                "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}

    def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 2.0)
        deadline = time.monotonic() + wait
        with self._lock:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._lock.wait(timeout=max(0.0, deadline - time.monotonic()))
            return list(self._updates)

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        message = SentMessage(next(self._message_ids), int(params["chat_id"]), str(params["text"]),
                              params.get("reply_markup"))
        with self._lock:
            self.messages.append(message)
            self._lock.notify_all()
        return self._message_json(message)

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        message = self.find(int(params["message_id"]))
        with self._lock:
            message.edits.append(message.text)
            message.text = str(params["text"])
            message.reply_markup = params.get("reply_markup")
            self._lock.notify_all()
        return self._message_json(message)

    def _api_answerCallbackQuery(self, _params: dict[str, Any]) -> bool:  # noqa: N802
        self.answered_callbacks += 1
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> bool:  # noqa: N802
        self.webhook = {"url": str(params["url"]), "secret_token": str(params.get("secret_token") or "")}
        return True

    def _api_deleteWebhook(self, _params: dict[str, Any]) -> bool:  # noqa: N802
        self.webhook = None
        return True

    def _api_close(self, _params: dict[str, Any]) -> bool:
        return True

    def _message_json(self, message: SentMessage) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "message_id": message.message_id, "date": int(time.time()), "text": message.text,
            "chat": {"id": message.chat_id, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Vern", "username": BOT_USERNAME},
        }
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            # As Telegram: a Message carries only an inline keyboard; reply keyboards belong to the chat.
            payload["reply_markup"] = message.reply_markup
        return payload

    # --- acting as a Telegram user ---------------------------------------------------------
    @staticmethod
    def _user(user_id: int, language: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Forelder"}
        if language:
            user["language_code"] = language
        return user

    def user_sends(self, user_id: int, text: str, language: str | None = "nb") -> None:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids), "date": int(time.time()), "text": text,
            "chat": {"id": user_id, "type": "private"}, "from": self._user(user_id, language),
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        self._deliver({"message": message})

    def user_shares_contact(self, user_id: int, phone_number: str, contact_user_id: int | None = None,
                            language: str | None = "nb") -> None:
        """A message with a `contact`: the share button sends the sender's own id; a forwarded one another's."""
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": "Forelder"}
        if contact_user_id is not None:
            contact["user_id"] = contact_user_id
        self._deliver({"message": {
            "message_id": next(self._message_ids), "date": int(time.time()), "contact": contact,
            "chat": {"id": user_id, "type": "private"}, "from": self._user(user_id, language),
        }})

    def user_presses(self, user_id: int, message: SentMessage, title: str, language: str | None = "nb") -> None:
        data = message.button(title)["callback_data"]
        self.user_sends_callback(user_id, message, data, language)

    def user_sends_callback(self, user_id: int, message: SentMessage, data: str, language: str | None = "nb") -> None:
        self._deliver({"callback_query": {
            "id": str(next(self._update_ids) + 900000), "from": self._user(user_id, language),
            "chat_instance": "ci", "data": data, "message": self._message_json(message),
        }})

    def _deliver(self, body: dict[str, Any]) -> None:
        update = {"update_id": next(self._update_ids), **body}
        if self.webhook is not None:
            self.post_to_webhook(update, self.webhook["secret_token"])
            return
        with self._lock:
            self._updates.append(update)
            self._lock.notify_all()

    def post_to_webhook(self, update: dict[str, Any], secret: str) -> int:
        assert self.webhook is not None
        request = urllib.request.Request(
            self.webhook["url"], data=json.dumps(update).encode(), method="POST",
            headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
                return int(response.status)
        except urllib.error.HTTPError as error:
            self.webhook_refusals.append(error.code)
            return int(error.code)

    # --- reading what the bot said ---------------------------------------------------------
    def find(self, message_id: int) -> SentMessage:
        return next(m for m in self.messages if m.message_id == message_id)

    def sent_to(self, chat_id: int) -> list[SentMessage]:
        with self._lock:
            return [m for m in self.messages if m.chat_id == chat_id]

    def wait_for(self, chat_id: int, count: int, timeout: float = 15) -> list[SentMessage]:
        """Blocks until the chat has `count` messages from the bot."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [m for m in self.messages if m.chat_id == chat_id]
                if len(found) >= count:
                    return found
                if time.monotonic() >= deadline:
                    raise AssertionError(f"the bot sent {len(found)} of {count} messages: "
                                         f"{[m.text[:60] for m in found]}")
                self._lock.wait(timeout=0.2)

    def wait_for_edit(self, message: SentMessage, edits: int = 1, timeout: float = 15) -> SentMessage:
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(message.edits) < edits:
                if time.monotonic() >= deadline:
                    raise AssertionError(f"message was not edited: {message.text[:60]}")
                self._lock.wait(timeout=0.2)
            return message
