"""Does this guardian's answer count? The register check between the e-mail code and the answer.

A purpose with `registry_required: true` takes a guardian's approval or refusal
only from someone the controller's register lists for the child (the reference
the child gave in the chat). Without a register configured the answer counts as
before, and the record says how the guardian was verified instead ("email",
"telegram"). Informing a guardian (16-17) asks no register: the consent is the
young person's."""

from __future__ import annotations

from bot.consent.invitations import InvitationIntent, OpenInvitation
from bot.consent.purposes import Purpose
from bot.errors import Refused
from bot.guardians.registry import GuardianContact, GuardianRegistry

REGISTER = "register"


class NotInRegister(Refused):
    """The register does not list this guardian for this child (or there is no contact or child to ask about)."""


def register_applies(registry: GuardianRegistry | None, purpose: Purpose) -> bool:
    return registry is not None and purpose.registry_required


async def guardian_verification(registry: GuardianRegistry | None, purpose: Purpose, opened: OpenInvitation,
                                contact: GuardianContact | None, fallback: str) -> str:
    """"register" when the register confirmed the guardian; `fallback` when no register check applies.

    Raises NotInRegister, or RegistryUnavailable (bot.guardians.registry) when the register cannot answer."""
    if not register_applies(registry, purpose) or opened.intent is InvitationIntent.INFORM:
        return fallback
    assert registry is not None
    if contact is None or not opened.child_reference:
        raise NotInRegister("no contact or child reference to ask about")
    if await registry.is_guardian(opened.child_reference, contact):
        return REGISTER
    raise NotInRegister("not listed")
