"""Page metadata on a socket.io message, as Rasa's channel reads it, and the socket's JWT check.

Rasa 3.6 reads metadata from the key named by `metadata_key` (default
"metadata") as a dict or a JSON string; rasa-webchat always sends it as
`customData`. Vern reads the configured key, then `customData`, so both work
with one credentials.yml. What is kept goes into the conversation with the
message, so it is bounded and masked like the message itself.
"""

from __future__ import annotations

import json
import logging
from typing import Any

logger = logging.getLogger(__name__)

RASA_WEBCHAT_KEY = "customData"
_MAX_KEYS = 20
_MAX_KEY_CHARS = 64
_MAX_VALUE_CHARS = 200


def raw_metadata(data: Any, metadata_key: str) -> dict[str, Any]:
    """The page's metadata on a message: a dict, or a JSON string holding one; anything else is none."""
    if not isinstance(data, dict):
        return {}
    value = data.get(metadata_key)
    if value is None and metadata_key != RASA_WEBCHAT_KEY:
        value = data.get(RASA_WEBCHAT_KEY)
    if isinstance(value, (str, bytes)):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return {}
    return value if isinstance(value, dict) else {}


def page_metadata(raw: dict[str, Any], languages: tuple[str, ...]) -> dict[str, Any]:
    """What of the page's metadata goes into the conversation: short scalar values, masked; a language only
    if Vern speaks it. Vern's widget's own `widget_language` (for error words) stays out."""
    from bot.pii import mask

    kept: dict[str, Any] = {}
    for key, value in raw.items():
        if len(kept) >= _MAX_KEYS:
            break
        if not isinstance(key, str) or len(key) > _MAX_KEY_CHARS or key == "widget_language":
            continue
        if key == "language":
            if value in languages:
                kept[key] = value
        elif isinstance(value, (bool, int, float)):
            kept[key] = value
        elif isinstance(value, str):
            kept[key] = mask(value[:_MAX_VALUE_CHARS])
    return kept


def jwt_allows(auth: Any, jwt_key: str | None, jwt_method: str) -> bool:
    """Rasa's socket.io check: with `jwt_key` set, a client connects only with a valid token in `auth.token`."""
    if not jwt_key:
        return True
    token = auth.get("token") if isinstance(auth, dict) else None
    if not isinstance(token, str) or not token:
        return False
    import jwt

    try:
        jwt.decode(token.removeprefix("Bearer "), jwt_key, algorithms=[jwt_method])
    except jwt.PyJWTError as error:
        # The type only: a token is a credential and never goes into a log.
        logger.info("socket refused: JWT not accepted (%s)", type(error).__name__)
        return False
    return True
