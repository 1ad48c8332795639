from __future__ import annotations

from bot.retention.metrics import prometheus_text


def test_status_becomes_prometheus_gauges() -> None:
    text = prometheus_text({
        "pending_masking": 3, "oldest_unmasked_age_seconds": 120.5, "overdue_masking": 0,
        "pending_handoff_deletion": 1,
        "last_run": {"finished_at": "2026-11-22T12:00:00Z", "failed": 0},
        "rule_counts_last_24h": {"mask-bot-chats": 7, "delete-handed-off-chats": 2},
    })
    assert "vern_chats_pending_masking 3\n" in text
    assert "vern_oldest_unmasked_age_seconds 120.5\n" in text
    assert "vern_retention_last_run_timestamp_seconds 1795348800\n" in text
    assert 'vern_retention_chats_last_24h{rule="mask-bot-chats"} 7\n' in text
    assert text.count("# TYPE") == 7


def test_an_idle_system_reports_zeros() -> None:
    text = prometheus_text({"pending_masking": 0, "oldest_unmasked_age_seconds": None, "overdue_masking": None,
                            "pending_handoff_deletion": 0, "last_run": None, "rule_counts_last_24h": {}})
    assert "vern_oldest_unmasked_age_seconds 0\n" in text and "last_run" not in text
