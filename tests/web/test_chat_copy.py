"""The e-mail copy of a chat: what goes into it, and that only a proven address gets it."""

from __future__ import annotations

import asyncio

from bot.clock import utc_now
from bot.config import load_settings
from bot.i18n import translate
from bot.mail.message import OutgoingMail
from bot.services.chat_copy import ChatCopies, transcript_lines
from bot.verification.service import VerificationService
from bot.verification.store import MemoryShortLivedStore


class Outbox:
    def __init__(self) -> None:
        self.codes: list[tuple[str, str]] = []
        self.mails: list[OutgoingMail] = []

    async def send_code(self, email: str, code: str, language: str) -> None:
        self.codes.append((email, code))

    async def send(self, mail: OutgoingMail) -> None:
        self.mails.append(mail)


def copies(tmp_path: object) -> tuple[ChatCopies, Outbox]:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path)})
    outbox = Outbox()
    verification = VerificationService(MemoryShortLivedStore(), outbox, utc_now, b"k" * 32)
    return ChatCopies(verification, outbox, settings), outbox  # type: ignore[arg-type]


def test_the_transcript_holds_what_people_said_not_payloads_or_injected_intents() -> None:
    events = [
        {"event": "user", "text": "hei, hva gjør dere?"},
        {"event": "bot", "text": "Jeg hjelper deg med personvern."},
        {"event": "user", "text": "/affirm"},
        {"event": "user", "text": "EXTERNAL: guardian_answered"},
        {"event": "bot", "text": "Hei, jeg heter Kari.", "data": {"custom": {"from": "caseworker"}}},
        {"event": "slot", "name": "language", "value": "nb"},
        {"event": "bot", "text": ""},
    ]
    assert transcript_lines(events) == [
        ("you", "hei, hva gjør dere?"), ("bot", "Jeg hjelper deg med personvern."),
        ("caseworker", "Hei, jeg heter Kari."),
    ]


def test_only_the_address_the_code_went_to_gets_the_copy(tmp_path: object) -> None:
    service, outbox = copies(tmp_path)
    lines = [("you", "hva er innsyn?"), ("bot", "Innsyn er retten til å se opplysningene.")]

    async def scenario() -> None:
        asked = await service.request_code("chat-1", "Ola@Example.org", "nb")
        assert asked.ok and asked.text == translate("copy_code_sent", "nb")
        address, code = outbox.codes[-1]
        assert address == "ola@example.org"
        stranger = await service.send_copy("chat-1", "eve@example.org", code, "nb", lines)
        assert not stranger.ok and not outbox.mails
        other_chat = await service.send_copy("chat-2", "ola@example.org", code, "nb", lines)
        assert not other_chat.ok and not outbox.mails
        sent = await service.send_copy("chat-1", "ola@example.org", code, "nb", lines)
        assert sent.ok and sent.text == translate("copy_sent", "nb")
        assert "hva er innsyn?" in outbox.mails[-1].text and outbox.mails[-1].to == "ola@example.org"
        assert not (await service.send_copy("chat-1", "ola@example.org", code, "nb", lines)).ok, "one use"

    asyncio.run(scenario())


def test_a_bad_address_is_refused_before_any_mail(tmp_path: object) -> None:
    service, outbox = copies(tmp_path)
    reply = asyncio.run(service.request_code("chat-1", "not an address", "en"))
    assert not reply.ok and reply.text == translate("email_invalid", "en") and not outbox.codes
