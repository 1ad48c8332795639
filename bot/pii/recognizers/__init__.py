"""One recognizer per file; `default_recognizers()` lists what a fresh registry holds."""

from __future__ import annotations

from bot.pii.recognizers.address import StreetAddressRecognizer
from bot.pii.recognizers.email import EmailRecognizer
from bot.pii.recognizers.mailbox_name import MailboxNameRecognizer
from bot.pii.recognizers.names import PersonNameRecognizer
from bot.pii.recognizers.numbers import NumberRecognizer
from bot.pii.recognizers.phones import BracketedPhoneRecognizer
from bot.pii.registry import Recognizer


def default_recognizers() -> list[Recognizer]:
    return [
        EmailRecognizer(), MailboxNameRecognizer(), NumberRecognizer(), BracketedPhoneRecognizer(),
        StreetAddressRecognizer(), PersonNameRecognizer(),
    ]


__all__ = ["default_recognizers"]
