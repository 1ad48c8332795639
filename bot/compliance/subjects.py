"""Whose data each store of the inventory holds: the categories of data subjects of Art. 30(1)(c).

The inventory says what a store holds and why; whose data it is follows from the store's job and is kept
here, next to the record that needs it. A personal store missing here shows up as a TODO in the record and
fails tests/compliance (the next store must say whose data it keeps)."""

from __future__ import annotations

from bot.inventory.stores import Store

CHAT = "chat_users"
REQUESTERS = "requesters"
CONSENTING = "consenting"
GUARDIANS = "guardians"
STAFF = "staff"
CATEGORIES = (CHAT, REQUESTERS, CONSENTING, GUARDIANS, STAFF)

SUBJECTS: dict[str, tuple[str, ...]] = {
    "conversations": (CHAT,),
    "events": (CHAT,),
    "handoffs": (CHAT, STAFF),
    "handoff_messages": (CHAT, STAFF),
    # A guardian may ask for a child (bot.guardians.acting): the case is the guardian's and names the child.
    "cases": (REQUESTERS, GUARDIANS),
    "case_events": (REQUESTERS, STAFF),
    "subject_contacts": (REQUESTERS,),
    "export_downloads": (REQUESTERS,),
    "subject_restrictions": (REQUESTERS,),
    "consent_records": (CONSENTING, GUARDIANS),
    "consent_events": (CONSENTING, GUARDIANS),
    "guardian_invitations": (GUARDIANS, CONSENTING),
    # The link a 16-17-year-old gets when a guardian acts for them: tied to the guardian's case (the requester).
    "young_person_objections": (REQUESTERS, GUARDIANS),
    "console_users": (STAFF,),
    "console_sessions": (STAFF,),
    "console_login_counters": (STAFF,),
    "console_known_networks": (STAFF,),
    "console_access_log": (STAFF, REQUESTERS, CHAT),
    "training_forget": (CHAT,),
    "erasure_confirmations": (REQUESTERS,),
    "audit_log": CATEGORIES,
    # The breach register (issue 18 item 4, built beside this module) describes affected people by category
    # and number: any of them may be among them.
    "breaches": CATEGORIES,
    "redis_tracker": (CHAT,),
    "verification_keys": (CHAT, REQUESTERS),
    "client_windows": (CHAT,),
    "chat_addresses": (CHAT, GUARDIANS),
    "address_windows": (REQUESTERS,),
    "consent_sessions": (CONSENTING,),
    "pending_requests": (REQUESTERS, GUARDIANS),
    "sqlite_database": CATEGORIES,
    "export_files": (REQUESTERS,),
    "outbox_mail": (REQUESTERS, GUARDIANS, STAFF),
    "training_export": (CHAT,),
    "backups": CATEGORIES,
    "erasure_journal": (REQUESTERS,),
}


def subjects_of(store: Store) -> tuple[str, ...] | None:
    """The categories of people whose data the store holds; None when nobody said (a TODO)."""
    return SUBJECTS.get(store.name)


def unclassified(stores: tuple[Store, ...]) -> list[str]:
    return [store.name for store in stores if store.personal and store.name not in SUBJECTS]
