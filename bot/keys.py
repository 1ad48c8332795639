"""One key per purpose, derived from SECRET_KEY (issue 20 item 1).

SECRET_KEY used to key every hash, cipher and seal in Vern directly. Each use now gets its own key,
HKDF-SHA256 (RFC 5869) of the secret with a fixed label per `Purpose`: a key that leaks from one use (a
debugging dump of the console's TOTP cipher, say) opens nothing else, and no two constructions ever share
a key. The labels are part of the stored data's format: never rename one.

Data written before this change was keyed with the raw secret. `candidates(purpose)` is the derived key
and, while LEGACY_KEY_FALLBACK is on, the raw secret after it: readers and verifiers try both, writers use
`key(purpose)` only. `vern keys migrate` moves the long-lived data to the derived keys; afterwards the
fallback can be turned off (docs/security.md, "Keys").

`bot.keys` is the one module that reads `settings.secret_key` for keying (tests/test_keys.py keeps the
allow-list of the few others, each with its reason).
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

if TYPE_CHECKING:
    from bot.config import Settings

# A fixed salt (RFC 5869 section 3.1: optional, and a constant one still separates Vern's keys from any other
# HKDF of the same secret); the version lets a later scheme derive a disjoint family.
_SALT = b"vern-keyring-v1"
KEY_BYTES = 32


class Purpose(Enum):
    """Every use of a key in Vern, with the label its key is derived under. Lifetime of what it keys in [].

    Short-lived values in the short-lived store (Redis or memory) [minutes]:
    VERIFICATION: one-time e-mail codes, their conversation/request/address/client tags (bot.verification).
    PENDING_REQUESTS: the tag and cipher of a request awaiting its code (bot.dsr.pending).
    CONSENT_SESSIONS: a consent session's store key (bot.consent.sessions).
    CHAT_ADDRESSES: the addresses a chat has proved, by chat (bot.consent.chat_addresses).
    PII_WARNINGS: whether a chat was already warned about personal data (bot.services.pii_warning).
    CHAT_CLIENTS: the tag of a chat client's address and the proof a channel forwards with it
        (bot.rasa_adapter.client_identity).

    Short-lived values in the database [hours to weeks]:
    ERASURE_CONFIRMATIONS: a chat's pending "erase everything?" question (bot.dsr.erasure_confirmation).
    YOUNG_OBJECTIONS: the link a young person gets to object to a guardian's request (bot.guardians.young_notice).
    GUARDIAN_INVITATIONS: guardian invitation links and codes (bot.consent.invitations).
    GUARDIAN_PAGE: the guardian web page's grants and its code "chats" (bot.consent.guardian_page).
    HANDOFFS: a chat handed to a caseworker, by keyed chat id (bot.handoff.service).
    CONSOLE_CSRF: the console's CSRF tokens (bot.console.sessions).
    CONSOLE_THROTTLE: the console's login-failure counters (bot.console.throttle).

    Long-lived values [years]:
    CONSOLE_NETWORKS: the networks a caseworker has signed in from (bot.console.alerts).
    CONSOLE_TOTP: encryption of caseworkers' TOTP secrets (bot.console.accounts).
    SUBJECT_KEYS: the data subject's pseudonymous key, a keyed hash of the address (bot.cases.keys).
    CASE_CONTACTS: encryption of the one stored copy of the address (bot.cases.keys.ContactCipher).
    CHILD_KEYS: keyed hash of a child's reference (bot.cases.keys.child_key).
    CHILD_REFERENCES: encryption of a child's reference on a case (bot.cases.keys.ChildReferenceCipher).
    CONSENT_PSEUDONYMS: consent records' subject and chat keys (bot.consent.service).
    TRAINING_LINEAGE: the keyed chat ids training lines are traced back by (bot.training.lineage).
    AUDIT_SEAL: the HMAC seal over the audit log's head (bot.audit.log); the entries' hash chain is unkeyed.
    AUDIT_SIGNING: the Ed25519 seed of audit checkpoints and signed documents when AUDIT_SIGNING_KEY is unset
        (bot.audit.checkpoint); pinned, see `PINNED`.
    """

    VERIFICATION = "verification"
    PENDING_REQUESTS = "pending-requests"
    CONSENT_SESSIONS = "consent-sessions"
    CHAT_ADDRESSES = "chat-addresses"
    PII_WARNINGS = "pii-warnings"
    CHAT_CLIENTS = "chat-clients"
    ERASURE_CONFIRMATIONS = "erasure-confirmations"
    YOUNG_OBJECTIONS = "young-objections"
    GUARDIAN_INVITATIONS = "guardian-invitations"
    GUARDIAN_PAGE = "guardian-page"
    HANDOFFS = "handoffs"
    CONSOLE_CSRF = "console-csrf"
    CONSOLE_THROTTLE = "console-throttle"
    CONSOLE_NETWORKS = "console-networks"
    CONSOLE_TOTP = "console-totp"
    SUBJECT_KEYS = "subject-keys"
    CASE_CONTACTS = "case-contacts"
    CHILD_KEYS = "child-keys"
    CHILD_REFERENCES = "child-references"
    CONSENT_PSEUDONYMS = "consent-pseudonyms"
    TRAINING_LINEAGE = "training-lineage"
    AUDIT_SEAL = "audit-seal"
    AUDIT_SIGNING = "audit-signing"

    @property
    def label(self) -> bytes:
        return b"vern/" + self.value.encode("ascii")


# Purposes still keyed with the raw secret, each for a reason (docs/security.md, "Keys"). `key()` returns the
# raw secret for them, so the call sites already name their purpose and switching one is a line here plus
# its migration.
PINNED: frozenset[Purpose] = frozenset({
    # Controllers hold the checkpoint public key; the seed is already a one-way, labelled derivation
    # (sha256("vern-audit-signing:" + secret)). Rotating it is AUDIT_SIGNING_KEY's job, not an upgrade's.
    Purpose.AUDIT_SIGNING,
    # Keyed hashes whose plaintext Vern does not keep for every row (consent records of identifiers other
    # than an address, chat ids in training lineage files, caseworker networks) and the subject keys that
    # join them to cases: moving them needs the joint re-keying planned in docs/security.md.
    Purpose.SUBJECT_KEYS,
    Purpose.CHILD_KEYS,
    Purpose.CONSENT_PSEUDONYMS,
    Purpose.TRAINING_LINEAGE,
    Purpose.CONSOLE_NETWORKS,
})


def hkdf_sha256(secret: bytes, label: bytes, length: int = KEY_BYTES, salt: bytes = _SALT) -> bytes:
    """RFC 5869 HKDF-SHA256 (extract, then expand) as the `cryptography` package implements it."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=label).derive(secret)


class KeyRing:
    """The keys of one process, derived once from SECRET_KEY. Build it in bot.wiring (or `from_settings`)."""

    def __init__(self, secret: bytes, *, legacy_fallback: bool = True) -> None:
        if not isinstance(secret, bytes) or not secret:
            raise ValueError("the secret key must be non-empty bytes")
        self._secret = secret
        self.legacy_fallback = legacy_fallback
        self._keys = {purpose: secret if purpose in PINNED else hkdf_sha256(secret, purpose.label)
                      for purpose in Purpose}

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        return _ring(settings.secret_key.reveal().encode(), settings.legacy_key_fallback)

    def key(self, purpose: Purpose) -> bytes:
        """The key new data for `purpose` is written with."""
        return self._keys[purpose]

    def legacy(self, purpose: Purpose) -> bytes | None:
        """The key `purpose` used before keys were derived (the raw secret), while the fallback is on."""
        if purpose in PINNED or not self.legacy_fallback:
            return None
        return self._secret

    def candidates(self, purpose: Purpose) -> tuple[bytes, ...]:
        """The keys to read or verify `purpose` with: the current one first, then the legacy one if allowed."""
        legacy = self.legacy(purpose)
        return (self.key(purpose),) if legacy is None else (self.key(purpose), legacy)

    def __repr__(self) -> str:
        return f"KeyRing(legacy_fallback={self.legacy_fallback})"


@lru_cache(maxsize=8)
def _ring(secret: bytes, legacy_fallback: bool) -> KeyRing:
    return KeyRing(secret, legacy_fallback=legacy_fallback)
