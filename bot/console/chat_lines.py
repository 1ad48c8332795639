"""What a caseworker reads of the chat with the bot: what the person and the bot said, not the plumbing.

Rasa logs buttons the widget pressed (`/confirm_handoff`) and external intents
Vern triggered (`EXTERNAL: EXTERNAL_caseworker_message`) as user messages; they
are events, not words the person wrote."""

from __future__ import annotations

from typing import Any

# rasa.core.constants: text of a user event created by POST /conversations/<id>/trigger_intent.
EXTERNAL_PREFIX = "EXTERNAL: "


def is_internal(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith("/") or stripped.startswith(EXTERNAL_PREFIX.strip()) or stripped.startswith(
        "EXTERNAL_")


def person_and_bot_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [line for line in lines if not (line.get("from") == "person" and is_internal(str(line.get("text", ""))))]
