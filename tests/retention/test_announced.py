"""Settings tell the truth: MASK_WITHIN_MINUTES and MASKED_CHAT_RETENTION_DAYS drive the policy the
worker follows, and every text naming those periods takes them from that policy.

Defect (issue 14): both settings changed only what people were told; the worker followed policy.yml,
and the widget said "one year" whatever the policy kept.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.retention.announced import announced_periods, period_words, policy_for
from bot.services.pii_warning import warning_text
from bot.web.app import widget_bundle


def test_the_settings_override_the_policy_and_every_text_follows(tmp_path: Path) -> None:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "MASK_WITHIN_MINUTES": "5",
                              "MASKED_CHAT_RETENTION_DAYS": "90"})
    policy = policy_for(settings)
    assert policy.rule_for("bot_chat").after == timedelta(minutes=5)  # type: ignore[union-attr]
    assert policy.rule_for("masked_bot_chat").after == timedelta(days=90)  # type: ignore[union-attr]
    bundle = widget_bundle(settings)
    assert "masked at the latest 5 minutes" in bundle and "improve Vern for 90 days" in bundle
    assert "i 90 dager" in bundle and "i 90 dagar" in bundle and "i 90 dage" in bundle
    assert "one year" not in bundle and "ett år" not in bundle
    assert "5 minutt" in warning_text(("email",), "nn", announced_periods(settings).mask_minutes)


def test_unset_settings_leave_the_policy_files_periods(tmp_path: Path) -> None:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path)})
    assert announced_periods(settings).mask_minutes == 15 and announced_periods(settings).masked_days == 365
    assert "improve Vern for one year" in widget_bundle(settings)
    assert [period_words(365, lang) for lang in ("nb", "nn", "da", "en")] == ["ett år", "eitt år", "et år", "one year"]


@pytest.mark.parametrize(("name", "value"), [("MASK_WITHIN_MINUTES", "-1"), ("MASKED_CHAT_RETENTION_DAYS", "0"),
                                             ("MASKED_CHAT_RETENTION_DAYS", "a year")])
def test_a_bad_period_is_refused_with_its_name(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings({"VERN_VAR_DIR": str(tmp_path), name: value})
