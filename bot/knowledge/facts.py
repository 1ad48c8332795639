"""Facts an answer may use that already live in their own files: never restated in knowledge.yml.

- the retention policy (bot/retention/policy.yml, RETENTION_POLICY_FILE): how soon a
  bot chat is masked and how long the masked chat is kept;
- the consent purposes (bot/consent/purposes.yml): what each is and how long it is kept;
- the age bands (MINOR_GUARDIAN_ONLY_BELOW, MINOR_JOINT_CONSENT_BELOW, ADULT_AGE).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.config import SUPPORTED_LANGUAGES, AgeBands
from bot.consent.purposes import Purpose, retention_text
from bot.retention.policy import RetentionPolicy

SECONDS_PER_MINUTE = 60
SECONDS_PER_DAY = 86400


class MissingPolicyRule(ValueError):
    """The retention policy has no rule for what an answer must tell."""


def retention_facts(policy: RetentionPolicy) -> dict[str, str]:
    masking = policy.rule_for("bot_chat")
    keeping = policy.rule_for("masked_bot_chat")
    if masking is None or keeping is None:
        raise MissingPolicyRule(f"{policy.source}: needs a bot_chat rule and a masked_bot_chat rule")
    return {
        "mask_minutes": str(int(masking.after.total_seconds() // SECONDS_PER_MINUTE)),
        "masked_kept_days": str(int(keeping.after.total_seconds() // SECONDS_PER_DAY)),
    }


def age_facts(bands: AgeBands, guardian_acts_below: int) -> dict[str, str]:
    return {
        "guardian_acts_below": str(guardian_acts_below),
        "guardian_only_below": str(bands.guardian_only_below),
        "joint_below": str(bands.joint_below),
        "adult_from": str(bands.adult_from),
    }


def purpose_facts(purposes: Mapping[str, Purpose]) -> dict[str, dict[str, str]]:
    """Per language: "Title (1 år); Title (2 år)"."""
    return {
        language: {
            "purposes": "; ".join(
                f"{purpose.title[language]} ({retention_text(purpose, language)})" for purpose in purposes.values()
            )
        }
        for language in SUPPORTED_LANGUAGES
    }
