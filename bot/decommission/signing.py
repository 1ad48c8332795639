"""Signed documents (the export's manifest, the purge confirmation) with the deployment's Ed25519 key.

The key is the audit checkpoints' key (AUDIT_SIGNING_KEY, or derived from SECRET_KEY: bot.audit.checkpoint), so
a controller who kept an earlier checkpoint already holds the public key to check the confirmation against."""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from bot.audit.checkpoint import signing_key
from bot.config import Settings
from bot.keys import KeyRing, Purpose

SIGNATURE_FIELDS = ("public_key", "signature")


def _signed_bytes(document: dict[str, Any]) -> bytes:
    body = {k: v for k, v in document.items() if k not in SIGNATURE_FIELDS}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign_document(document: dict[str, Any], settings: Settings) -> dict[str, Any]:
    key = signing_key(settings.audit_signing_key.reveal() if settings.audit_signing_key else None,
                      KeyRing.from_settings(settings).key(Purpose.AUDIT_SIGNING))
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    signature = key.sign(_signed_bytes(document))
    return {**document, "public_key": base64.b64encode(public).decode(),
            "signature": base64.b64encode(signature).decode()}


def signature_holds(document: dict[str, Any], trusted_public_key: str | None = None) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(trusted_public_key or document["public_key"]))
        key.verify(base64.b64decode(document["signature"]), _signed_bytes(document))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        return False
    return True
