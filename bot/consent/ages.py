"""Who consents, by age (Norwegian guidance by default; the bands come from the settings).

- under 13: only a guardian consents;
- 13-15: the child and a guardian both;
- 16-17: the child, and a guardian is informed;
- 18 and over: the person alone.
A purpose may require a guardian for everyone under a higher age (special
categories). With only a birth year the person may not yet have had this
year's birthday, so the younger of the two possible ages decides: a rule
that asks for too much protection is the safe mistake."""

from __future__ import annotations

from datetime import date
from enum import Enum

from bot.config import AgeBands
from bot.consent.purposes import Purpose

OLDEST_AGE = 120


class ConsentRule(str, Enum):
    GUARDIAN_ONLY = "guardian_only"
    CHILD_AND_GUARDIAN = "child_and_guardian"
    CHILD_GUARDIAN_INFORMED = "child_guardian_informed"
    SELF = "self"

    @property
    def needs_guardian(self) -> bool:
        return self in (ConsentRule.GUARDIAN_ONLY, ConsentRule.CHILD_AND_GUARDIAN)


class ImplausibleBirth(ValueError):
    """A birth year in the future or longer ago than anyone lives: ask again."""


def youngest_age(born: date | int, today: date) -> int:
    """The age on `today`; for a bare year, the younger of the two possible ages."""
    if isinstance(born, int):
        if not today.year - OLDEST_AGE <= born <= today.year:
            raise ImplausibleBirth(str(born))
        return max(0, today.year - born - 1)
    if born > today or born.year < today.year - OLDEST_AGE:
        raise ImplausibleBirth(born.isoformat())
    had_birthday = (today.month, today.day) >= (born.month, born.day)
    return today.year - born.year - (0 if had_birthday else 1)


def rule_for(age: int, bands: AgeBands, purpose: Purpose | None = None) -> ConsentRule:
    if age < bands.guardian_only_below:
        rule = ConsentRule.GUARDIAN_ONLY
    elif age < bands.joint_below:
        rule = ConsentRule.CHILD_AND_GUARDIAN
    elif age < bands.adult_from:
        rule = ConsentRule.CHILD_GUARDIAN_INFORMED
    else:
        rule = ConsentRule.SELF
    until = purpose.guardian_required_until if purpose else None
    if until is not None and age < until and not rule.needs_guardian:
        # Special categories: a guardian consents too, up to the purpose's age.
        rule = ConsentRule.CHILD_AND_GUARDIAN
    return rule


def audience_for(age: int, bands: AgeBands) -> str:
    """Which version of the words a person of this age is shown: child (under the guardian-only band, the
    words a guardian can read aloud), young (up to the adult age) or adult."""
    if age < bands.guardian_only_below:
        return "child"
    return "young" if age < bands.adult_from else "adult"


def guardian_audience(subject_audience: str | None) -> str:
    """The guardian of a child under 13 sees the child's words (to read them aloud to the child: the
    guidance's age-appropriate language); the guardian of an older child, who is informed or consents
    next to the child, sees the full adult notice."""
    return "child" if subject_audience == "child" else "adult"
