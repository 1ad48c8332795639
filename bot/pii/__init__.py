"""Personal-data detection and masking: the one masking function every path uses.

    detect(text, language=None) -> list[PiiSpan]   what was found, where, how sure
    mask(text, language=None) -> str               the annex tokens in place of it
    mask_high_risk(text) -> str                    only national IDs, cards and accounts

The live chat path, the retention worker, the log filter and the training
export all detect through one registry, so what one path hides every path hides.
Every detection reads the text normalised first (bot.pii.normalise: NFKC, no
format characters, plain spaces) and reports spans of the text as received.
docs/pii.md says what is found and what is missed."""

from __future__ import annotations

from functools import lru_cache

from bot.pii.conversation import ChatMasker
from bot.pii.masking import ANNEX_TOKENS, HIGH_RISK_KINDS, replace_spans
from bot.pii.recognizers import default_recognizers
from bot.pii.recognizers.address import StreetAddressRecognizer
from bot.pii.recognizers.email import EmailRecognizer
from bot.pii.recognizers.mailbox_name import MailboxNameRecognizer
from bot.pii.recognizers.names import PersonNameRecognizer
from bot.pii.recognizers.numbers import NumberRecognizer
from bot.pii.recognizers.phones import BracketedPhoneRecognizer
from bot.pii.registry import RecognizerRegistry
from bot.pii.spans import ADDRESS, EMAIL, NAME, NUMBER, PiiSpan


@lru_cache(maxsize=1)
def default_registry() -> RecognizerRegistry:
    return RecognizerRegistry(default_recognizers())


@lru_cache(maxsize=1)
def _high_risk_registry() -> RecognizerRegistry:
    return RecognizerRegistry([NumberRecognizer()])


def detect(text: str, language: str | None = None) -> list[PiiSpan]:
    return default_registry().detect(text, language)


def mask(text: str, language: str | None = None) -> str:
    if not text:
        return text
    return replace_spans(text, detect(text, language), ANNEX_TOKENS)


@lru_cache(maxsize=1)
def _log_registry() -> RecognizerRegistry:
    # Log lines are English system text ("Server Started", "Rasa"), where the
    # Nordic-trained tagger sees people; names there need a cue or a known first name.
    return RecognizerRegistry(
        [
            EmailRecognizer(), MailboxNameRecognizer(), NumberRecognizer(), BracketedPhoneRecognizer(),
            StreetAddressRecognizer(), PersonNameRecognizer(tagger=None),
        ]
    )


# Names of the software in Vern's own log lines; "Rasa" is also a first name.
_SYSTEM_WORDS = frozenset({"rasa", "sanic", "vern", "redis", "alembic", "telegram"})


def mask_for_logs(text: str) -> str:
    """The log filter's masker: every e-mail, number and address; names by cue or gazetteer."""
    if not text:
        return text
    spans = [
        s for s in _log_registry().detect(text)
        if not (s.type == NAME and text[s.start : s.end].casefold() in _SYSTEM_WORDS)
    ]
    return replace_spans(text, spans, ANNEX_TOKENS)


def chat_masker() -> ChatMasker:
    """The masker the retention worker and the training export use: chat-aware (see bot.pii.conversation)."""
    return ChatMasker(detect)


def mask_high_risk(text: str, language: str | None = None) -> str:
    if not text:
        return text
    spans = [s for s in _high_risk_registry().detect(text, language) if s.kind in HIGH_RISK_KINDS]
    return replace_spans(text, spans, ANNEX_TOKENS)


__all__ = [
    "ADDRESS",
    "ANNEX_TOKENS",
    "ChatMasker",
    "EMAIL",
    "HIGH_RISK_KINDS",
    "NAME",
    "NUMBER",
    "PiiSpan",
    "RecognizerRegistry",
    "chat_masker",
    "default_registry",
    "detect",
    "mask",
    "mask_for_logs",
    "mask_high_risk",
]
