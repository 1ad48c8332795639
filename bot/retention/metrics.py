"""The retention status as Prometheus metrics, so an operator can alert before the 15-minute promise breaks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

_GAUGES = (
    ("vern_chats_pending_masking", "pending_masking", "Ended bot chats not yet masked."),
    ("vern_oldest_unmasked_age_seconds", "oldest_unmasked_age_seconds",
     "Seconds since the oldest ended, still unmasked bot chat ended."),
    ("vern_chats_overdue_masking", "overdue_masking", "Ended bot chats past the masking deadline (should be 0)."),
    ("vern_chats_pending_handoff_deletion", "pending_handoff_deletion",
     "Ended handed-off chats not yet deleted."),
)


def _number(value: float) -> str:
    # Whole numbers stay exact (a Unix time must not become 1.79e+09).
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _line(name: str, help_text: str, value: float, labels: str = "") -> list[str]:
    return [f"# HELP {name} {help_text}", f"# TYPE {name} gauge", f"{name}{labels} {_number(value)}"]


def prometheus_text(status: dict[str, Any]) -> str:
    lines: list[str] = []
    for name, key, help_text in _GAUGES:
        value = status.get(key)
        lines += _line(name, help_text, float(value) if value is not None else 0.0)
    last = status.get("last_run")
    if last:
        finished = datetime.fromisoformat(str(last["finished_at"]).replace("Z", "+00:00"))
        lines += _line("vern_retention_last_run_timestamp_seconds", "When the worker last finished a run.",
                       finished.timestamp())
        lines += _line("vern_retention_last_run_failed", "Chats the last run could not handle.", last["failed"])
    counts = status.get("rule_counts_last_24h") or {}
    name = "vern_retention_chats_last_24h"
    lines += [f"# HELP {name} Chats handled per retention rule in the last 24 hours.", f"# TYPE {name} gauge"]
    for rule_id, count in sorted(counts.items()):
        lines.append(f'{name}{{rule="{rule_id}"}} {count}')
    return "\n".join(lines) + "\n"
