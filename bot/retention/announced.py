"""The retention periods people are told, taken from the policy the worker follows.

"Masked within 15 minutes" and "kept one year" are promises: they must be the
`after` of the loaded policy (with MASK_WITHIN_MINUTES / MASKED_CHAT_RETENTION_DAYS
applied), never a second copy of the number.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.config import Settings
from bot.retention.policy import RetentionPolicy, load_policy, with_overrides


@dataclass(frozen=True)
class AnnouncedPeriods:
    mask_minutes: int
    masked_days: int


@lru_cache(maxsize=4)
def _file_policy(path: str) -> RetentionPolicy:
    return load_policy(path)


def policy_for(settings: Settings) -> RetentionPolicy:
    """The policy file (RETENTION_POLICY_FILE or the bundled one) with the settings' overrides."""
    return with_overrides(_file_policy(str(settings.retention_policy_file)), settings.retention.mask_within_minutes,
                          settings.retention.masked_chat_days)


def announced_periods(settings: Settings) -> AnnouncedPeriods:
    policy = policy_for(settings)
    mask, keep = policy.rule_for("bot_chat"), policy.rule_for("masked_bot_chat")
    assert mask is not None and keep is not None  # required kinds: load_policy refuses a policy without them
    return AnnouncedPeriods(int(mask.after.total_seconds() // 60), keep.after.days)


_YEARS = {"nb": ("ett år", "{n} år"), "nn": ("eitt år", "{n} år"), "da": ("et år", "{n} år"),
          "en": ("one year", "{n} years")}
_DAYS = {"nb": ("én dag", "{n} dager"), "nn": ("éin dag", "{n} dagar"), "da": ("én dag", "{n} dage"),
         "en": ("one day", "{n} days")}


def period_words(days: int, language: str) -> str:
    """'ett år', '2 år', '90 dager' ...: a keeping time in the person's language."""
    one, many = _YEARS[language] if days % 365 == 0 else _DAYS[language]
    count = days // 365 if days % 365 == 0 else days
    return one if count == 1 else many.format(n=count)
