"""Deprecated: the handoff service of the process, now assembled in bot.wiring (`Services.handoff`).

Kept for the modules not yet handed their services (the rasa-sdk actions, the widget's updates)."""

from __future__ import annotations

from bot.handoff.service import HandoffService
from bot.wiring import services


def handoff_service() -> HandoffService:
    return services().handoff
