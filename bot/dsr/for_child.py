"""The server's decision on a guardian's request for a child, from the pending request's own record."""

from __future__ import annotations

import asyncio

from bot.clock import Clock
from bot.config import Settings
from bot.consent.service import ConsentService
from bot.dsr.kinds import kind_value
from bot.dsr.pending import PendingRequest
from bot.guardians.acting import GUARDIAN_KINDS, GuardianActing, Refusal, age_limit, decide
from bot.guardians.registry import GuardianRegistry


async def decide_for_child(registry: GuardianRegistry | None, settings: Settings, clock: Clock,
                           consents: ConsentService | None, request: PendingRequest) -> GuardianActing | Refusal:
    """After the code: may this verified address act for the child the request names?"""
    kind = kind_value(request.kind)
    if kind not in GUARDIAN_KINDS:
        return Refusal.NO_CHILD  # only access, erasure and consents are asked for a child in the chat
    limit = age_limit(kind, settings.guardian_acts_below, settings.age_bands.joint_below)

    async def childs_own(reference: str) -> bool:
        if consents is None:
            return False
        return await asyncio.to_thread(consents.is_childs_own, consents.pseudonym(request.email), reference)

    return await decide(registry, request.email, request.details, clock().date(), limit, childs_own)
