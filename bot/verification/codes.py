"""One-time codes, what a person's entry is normalised to, and the keyed names we store under.

Nothing stored is readable: the code is kept only as an HMAC bound to the
conversation and the request, and the address and ids only as HMAC tags. A
copy of Redis therefore yields neither codes nor addresses, and without
SECRET_KEY a tag cannot even be checked against a guessed address.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

CODE_DIGITS = 6
# People copy "123 456", "123-456" or "123–456" from a mail: spaces and dashes are layout, not content.
_LAYOUT = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
# ASCII digits only: str.isdigit() would let "١٢٣٤٥٦" (Arabic-Indic digits) through.
_CODE = re.compile(rf"[0-9]{{{CODE_DIGITS}}}")
MIN_SECRET_KEY_BYTES = 16


def new_code() -> str:
    """Six digits from the OS's CSPRNG, zero-padded ("000042" is a code like any other)."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def normalise_entry(entry: str) -> str | None:
    """The six digits a person meant, or None when the entry cannot be a code at all."""
    cleaned = _LAYOUT.sub("", entry)
    return cleaned if _CODE.fullmatch(cleaned) else None


def normalise_address(email: str) -> str:
    # Lower-cased whole: "Ola@Example.org" and "ola@example.org" share one hourly limit.
    # (The local part is case-sensitive by RFC 5321, but no mailbox provider treats it so.)
    return email.strip().lower()


class Keyring:
    """HMAC-SHA256 under SECRET_KEY, with a purpose label so a tag made for one use never matches another."""

    def __init__(self, secret_key: bytes) -> None:
        self._key = secret_key

    def _mac(self, purpose: str, *parts: str) -> str:
        # Length-prefixed parts: ("a|b", "c") and ("a", "b|c") must not give the same message.
        message = bytearray(b"vern:verify:" + purpose.encode())
        for part in parts:
            raw = part.encode()
            message += len(raw).to_bytes(4, "big") + raw
        return hmac.new(self._key, bytes(message), hashlib.sha256).hexdigest()

    def code_digest(self, conversation_id: str, request_id: str, code: str) -> str:
        """HMAC(conversation | request | code): the code is only right for the request it was sent for."""
        return self._mac("code", conversation_id, request_id, code)

    def conversation_tag(self, conversation_id: str) -> str:
        return self._mac("conversation", conversation_id)[:32]

    def request_tag(self, conversation_id: str, request_id: str) -> str:
        return self._mac("request", conversation_id, request_id)[:32]

    def address_tag(self, email: str) -> str:
        return self._mac("address", normalise_address(email))[:32]

    def client_tag(self, client: str) -> str:
        """A client (an IP address, a socket) only as a tag: the store never holds where a request came from."""
        return self._mac("client", client)[:32]
