"""Deprecated: the request flow and consent services of the process, now assembled in bot.wiring.

Kept for the modules not yet handed their services (the rasa-sdk actions, the guardian page); new code
takes them from a `bot.wiring.Services`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.wiring import services

if TYPE_CHECKING:
    from bot.consent.invitations import GuardianInvitations
    from bot.consent.service import ConsentService
    from bot.consent.sessions import ConsentSessions
    from bot.dsr.flow import RequestFlow


def request_flow() -> RequestFlow:
    return services().request_flow


def guardian_invitations() -> GuardianInvitations:
    return services().guardian_invitations


def consent_service() -> ConsentService:
    return services().consent


def consent_sessions() -> ConsentSessions:
    return services().consent_sessions
