"""The console shows an erasure's result as fields, not a raw Python dict (issue 14)."""

from __future__ import annotations

from bot.console.web import detail_fields


def test_nested_results_become_one_field_each() -> None:
    details = {"erased": {"consent_records": 2, "handoffs": 3}, "awaiting_connected_systems": True,
               "open_cases_kept": 1}
    fields = detail_fields(details)
    assert fields == [("awaiting connected systems", "yes"), ("erased: consent records", 2),
                      ("erased: handoffs", 3), ("open cases kept", 1)]
    assert not any("{" in str(value) for _, value in fields)
