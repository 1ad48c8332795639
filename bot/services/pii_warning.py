"""The live guard on incoming chat text: high-risk numbers never get stored, and people are told once.

The warning comes once per kind of data per chat, and not for data Vern asked
for (the e-mail address while a request form wants it, the code while the code
form runs). Which kinds were warned about is kept in the short-lived store
under a keyed hash of the conversation id, not in the conversation itself."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from bot.cases.reference import reference_spans
from bot.i18n import translate
from bot.pii import detect
from bot.pii.masking import ANNEX_TOKENS, HIGH_RISK_KINDS, replace_spans
from bot.pii.spans import PiiSpan
from bot.verification.store import ShortLivedStore

NATIONAL_ID = "national_id"
# The order kinds are named in a warning.
KIND_ORDER = (NATIONAL_ID, "name", "email", "number", "address")
WARNED_TTL_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class GuardedText:
    text: str  # what may be stored and passed on: high-risk numbers already masked
    found: frozenset[str]  # every kind seen in the original
    warn: tuple[str, ...]  # kinds to warn about now, in KIND_ORDER


class PiiGuard:
    def __init__(self, store: ShortLivedStore, secret_key: bytes) -> None:
        self._store = store
        self._secret = secret_key

    def _key(self, conversation_id: str, kind: str) -> str:
        tag = hmac.new(self._secret, conversation_id.encode(), hashlib.sha256).hexdigest()[:32]
        return f"piiwarned:{tag}:{kind}"

    def inspect(self, conversation_id: str, text: str, expected: frozenset[str] = frozenset()) -> GuardedText:
        references = reference_spans(text)
        # A case reference Vern issued (VRN-8828-90) is looked up, not warned about as a phone number or name.
        spans = [s for s in detect(text) if not any(s.start < end and start < s.end for start, end in references)]
        stored = _without_high_risk(text, spans)
        found = frozenset(NATIONAL_ID if s.kind in HIGH_RISK_KINDS else s.type for s in spans)
        warn = []
        for kind in KIND_ORDER:
            if kind not in found or kind in expected:
                continue
            if self._first_time(conversation_id, kind):
                warn.append(kind)
        return GuardedText(stored, found, tuple(warn))

    def _first_time(self, conversation_id: str, kind: str) -> bool:
        key = self._key(conversation_id, kind)
        try:
            if self._store.get(key) is not None:
                return False
            self._store.put(key, "1", WARNED_TTL_SECONDS)
        except Exception:  # noqa: BLE001 - a store outage must not silence the warning
            return True
        return True

    def forget(self, conversation_id: str) -> None:
        self._store.delete(*(self._key(conversation_id, kind) for kind in KIND_ORDER))


def _without_high_risk(text: str, spans: list[PiiSpan]) -> str:
    high_risk = [s for s in spans if s.kind in HIGH_RISK_KINDS]
    return replace_spans(text, high_risk, ANNEX_TOKENS) if high_risk else text


def storable_text(text: str) -> str:
    """What of a text may enter a conversation: high-risk numbers masked, as on the live chat path
    (for text that arrives by another way, such as Rasa's HTTP API; no warning is due there)."""
    return _without_high_risk(text, detect(text))


# Forms and slots in which Vern itself asks for a kind of data: no warning for giving it.
CODE_FORM = "code_form"
SLOTS_EXPECTING = {
    "email": frozenset({"email"}),
    # The age step asks a birth year, then the child's number at the controller or (16-17) the guardian's address.
    "birth_year": frozenset({"number", "email"}),
    "rectification_what": frozenset({"name", "email", "number", "address"}),
    "rectification_correct": frozenset({"name", "email", "number", "address"}),
}


def expected_kinds(active_loop: str | None, requested_slot: str | None) -> frozenset[str]:
    if active_loop == CODE_FORM:
        return frozenset({"number", "email"})  # the code, or a corrected address
    if active_loop and requested_slot:
        return SLOTS_EXPECTING.get(requested_slot, frozenset())
    return frozenset()


def warning_text(kinds: tuple[str, ...], language: str, minutes: int) -> str:
    what = ", ".join(translate(f"pii_kind_{kind}", language) for kind in kinds)
    text = translate("pii_warning", language, what=what, minutes=minutes)
    if NATIONAL_ID in kinds:
        text += " " + translate("pii_high_risk_removed", language)
    return text
