"""Signed checkpoints: the chain's head, length and time, signed with Ed25519 for a regulator.

The regulator keeps the exported checkpoint; later, `vern audit verify
--checkpoint FILE` proves the log still holds exactly that history (plus
whatever came after). The public key travels with the checkpoint; the private
key comes from AUDIT_SIGNING_KEY (base64 of 32 bytes) or, when that is unset,
is derived from the deployment's SECRET_KEY."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


@dataclass(frozen=True)
class Checkpoint:
    count: int
    head: str
    at: str  # ISO 8601, UTC
    public_key: str = ""  # base64 raw Ed25519
    signature: str = ""  # base64

    def signed_bytes(self) -> bytes:
        return json.dumps(["vern-audit-checkpoint-v1", self.count, self.head, self.at], separators=(",", ":")).encode()

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Checkpoint:
        data = json.loads(raw)
        return cls(int(data["count"]), str(data["head"]), str(data["at"]),
                   str(data.get("public_key", "")), str(data.get("signature", "")))


def signing_key(configured: str | None, secret_key: bytes) -> Ed25519PrivateKey:
    if configured:
        seed = base64.b64decode(configured)
        if len(seed) != 32:
            raise ValueError("AUDIT_SIGNING_KEY must be base64 of exactly 32 bytes")
    else:
        seed = hashlib.sha256(b"vern-audit-signing:" + secret_key).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def sign_checkpoint(count: int, head: str, at: datetime, key: Ed25519PrivateKey) -> Checkpoint:
    unsigned = Checkpoint(count, head, at.replace(microsecond=0).isoformat())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    signature = key.sign(unsigned.signed_bytes())
    return Checkpoint(
        unsigned.count, unsigned.head, unsigned.at,
        base64.b64encode(public).decode(), base64.b64encode(signature).decode(),
    )


def signature_holds(checkpoint: Checkpoint, trusted_public_key: str | None = None) -> bool:
    """True when the checkpoint was signed by the key it names (or, if given, by the trusted key)."""
    key_text = trusted_public_key or checkpoint.public_key
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(key_text))
        key.verify(base64.b64decode(checkpoint.signature), checkpoint.signed_bytes())
    except (InvalidSignature, ValueError):
        return False
    return True
