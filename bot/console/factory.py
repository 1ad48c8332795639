"""Deprecated: the console's services, now assembled in bot.wiring (`Services.console`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import Settings
from bot.wiring import build

if TYPE_CHECKING:
    from bot.console.services import ConsoleServices


def console_services(settings: Settings) -> ConsoleServices:
    return build(settings).console
