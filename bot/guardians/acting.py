"""A guardian acts for a child: access, erasure, and the child's consents (issue 17, item 2).

The dialogue learns that a request is for the guardian's child from the message ("datteren min", "my son",
see `mentions_own_child`) or the "for my child" button, then asks the child's year of birth (or age) and
the controller's reference for the child. Those answers travel in the request's details on the server
(`bot.dsr.pending`, encrypted); nothing the client says decides. After the guardian's e-mail code,
`decide` asks, in this order:

1. is there a child (a usable reference and year)?
2. is the child under the age a guardian may act for (setting `GUARDIAN_ACTS_BELOW`; for consents never
   from the age where the young person consents alone with the guardian only informed)?
3. is the verified address the child's own (a consent record for this child reference under this address)?
4. does the controller's register list the address as a guardian of the child? Without a register the
   request is accepted as `guardian_verified: "email"` and a caseworker verifies by hand.

The register answers yes or no only, so the child's age is the guardian's statement (the younger of the two
possible ages for a year, as bot.consent.ages does); a caseworker sees it on the case.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from bot.consent.ages import ImplausibleBirth, youngest_age
from bot.guardians.registry import GuardianContact, GuardianRegistry, RegistryUnavailable, normalise_reference

REGISTER = "register"
EMAIL = "email"
# From this age a guardian acting is a matter for a caseworker, who tells the young person (they may object).
YOUNG_PERSON_FROM = 16
# The kinds a guardian may ask for on a child's behalf in the chat (bot.dsr.kinds values).
GUARDIAN_KINDS = frozenset({"access", "erasure", "consents"})

# The dialogue's stash in the otherwise unused case-reference slot: `forchild:` (asking the year),
# `forchild:<year>:` (asking the reference), `forchild:<year>:<REF>` (done). A new slot would change the
# domain and force a retrain; the server re-checks everything after the code.
FOR_CHILD = "forchild:"
# The button answers; the form reads them as typed text, so the model needs no new intent.
FOR_CHILD_PAYLOAD = "/for_child"
FOR_MYSELF_PAYLOAD = "/for_myself"
# Keys of a pending request's details (and what the flow strips before the case's details).
ACTING_FOR = "acting_for"
CHILD_REFERENCE = "child_reference"
CHILD_BIRTH_YEAR = "child_birth_year"
# 16-17: the young person's address, only in the short-lived pending request and the outgoing notice.
YOUNG_PERSON_EMAIL = "young_person_email"

_POSSESSIVE = r"(?:min|mi|mitt|mit|mine|vår|vårt|våre|vores|my|our)"
_CHILD = (r"(?:datter|døtre|dotter|døtrer|søn|sønner|sønn|son|sons|daughters?|child|children|kids?|barn|børn|born|"
          r"dreng|pige|gutt|jente|gut|unge|baby)")
_CHILD_DEFINITE = (r"(?:datteren|dattera|dottera|døtrene|sønnen|sønnene|sonen|sønene|guten|gutten|jenta|jenten|"
                   r"jentene|barnet|barna|børnene|borna|ungen|ungane|ungene|drengen|pigen)")
_CHILD_WORDS = re.compile(
    rf"(?<!\w)(?:{_POSSESSIVE}\s+(?:\d{{1,2}}[- ]?(?:år(?:ige?)?|years?[- ]old|year[- ]old)\s+)?{_CHILD}"
    rf"|{_CHILD_DEFINITE}\s+(?:min|mi|mitt|mine|vår|vårt|våre|vores)"
    rf"|{re.escape(FOR_CHILD_PAYLOAD)})(?!\w)",
    re.IGNORECASE,
)


def mentions_own_child(text: str) -> bool:
    """"Jeg vil ha innsyn for datteren min", "my son's data", "mit barn": the request is for a child."""
    return bool(_CHILD_WORDS.search(text or ""))


@dataclass(frozen=True)
class ChildStash:
    """Where the dialogue stands with the child's details (see FOR_CHILD)."""

    birth_year: int | None
    reference: str | None
    young_email: str | None = None  # 16-17: the young person's address, so Vern can tell them (optional)


def read_stash(value: object) -> ChildStash | None:
    text = str(value or "")
    if not text.startswith(FOR_CHILD):
        return None
    year_text, _, rest = text[len(FOR_CHILD):].partition(":")
    # A reference has no ":" (bot.guardians.registry), so what follows the second one is the young person's address.
    reference, _, young_email = rest.partition(":")
    year = int(year_text) if year_text.isdigit() else None
    return ChildStash(year, normalise_reference(reference) if reference else None, young_email or None)


def stash(birth_year: int | None = None, reference: str | None = None, young_email: str | None = None) -> str:
    if birth_year is None:
        return FOR_CHILD
    if young_email:
        return f"{FOR_CHILD}{birth_year}:{reference or ''}:{young_email}"
    return f"{FOR_CHILD}{birth_year}:{reference or ''}"


def guardian_details(details: dict[str, str]) -> dict[str, str]:
    """The request's details as the server keeps them: the stash becomes `acting_for`/`child_*` keys."""
    found = read_stash(details.get("reference"))
    if found is None:
        return details
    clean = {key: value for key, value in details.items() if key not in ("reference", "birth_year")}
    clean[ACTING_FOR] = "child"
    if found.birth_year is not None:
        clean[CHILD_BIRTH_YEAR] = str(found.birth_year)
    if found.reference:
        clean[CHILD_REFERENCE] = found.reference
    if found.young_email:
        clean[YOUNG_PERSON_EMAIL] = found.young_email
    return clean


def is_for_child(details: dict[str, str]) -> bool:
    return details.get(ACTING_FOR) == "child"


def own_details(details: dict[str, str]) -> dict[str, str]:
    """What the case's `details` keep: the request and the child's year as the guardian stated it (for the
    caseworker); who the child is lives in the case's own columns, encrypted."""
    return {key: value for key, value in details.items()
            if key not in (ACTING_FOR, CHILD_REFERENCE, YOUNG_PERSON_EMAIL)}


class Refusal(str, Enum):
    NO_CHILD = "no_child"  # no usable reference or year reached the server
    TOO_OLD = "too_old"  # the child is old enough to ask alone
    CHILDS_OWN = "childs_own"  # the verified address is the child's own
    NOT_GUARDIAN = "not_guardian"  # the register does not list this address for this child
    UNAVAILABLE = "unavailable"  # the register cannot answer now: nothing changed


@dataclass(frozen=True)
class GuardianActing:
    """What a case made by a guardian records."""

    child_reference: str
    verified: str  # "register", or "email" when no register is configured (a caseworker verifies)
    young_person: bool  # 16-17: a caseworker tells the young person, who may object


def is_young_person(birth_year: int, today: date) -> bool:
    """16-17 (the younger possible age for the year): the young person is told, and may object."""
    return youngest_age(birth_year, today) >= YOUNG_PERSON_FROM


def age_limit(kind: str, acts_below: int, joint_below: int) -> int:
    """Under which age a guardian may act: for consents never from the age the young person consents alone."""
    return min(acts_below, joint_below) if kind == "consents" else acts_below


async def decide(registry: GuardianRegistry | None, email: str, details: dict[str, str], today: date,
                 limit: int, is_childs_own: Callable[[str], Awaitable[bool]]) -> GuardianActing | Refusal:
    """May the verified `email` act for the child named in `details`? Call only after the code check."""
    reference = normalise_reference(details.get(CHILD_REFERENCE) or "")
    try:
        age = youngest_age(int(details.get(CHILD_BIRTH_YEAR) or ""), today)
    except (ValueError, ImplausibleBirth):
        return Refusal.NO_CHILD
    if reference is None:
        return Refusal.NO_CHILD
    if age >= limit:
        return Refusal.TOO_OLD
    if await is_childs_own(reference):
        return Refusal.CHILDS_OWN
    young = age >= YOUNG_PERSON_FROM
    if registry is None:
        return GuardianActing(reference, EMAIL, young)
    try:
        listed = await registry.is_guardian(reference, GuardianContact.email(email))
    except RegistryUnavailable:
        return Refusal.UNAVAILABLE
    return GuardianActing(reference, REGISTER, young) if listed else Refusal.NOT_GUARDIAN
