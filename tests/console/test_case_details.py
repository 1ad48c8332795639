"""The console shows an erasure's result as fields, not a raw Python dict (issue 14)."""

from __future__ import annotations

from bot.console.case_fields import detail_fields


def test_nested_results_become_one_field_each() -> None:
    details = {"erased": {"consent_records": 2, "handoffs": 3}, "awaiting_connected_systems": True,
               "open_cases_kept": 1}
    fields = detail_fields(details)
    assert fields == [("awaiting connected systems", "yes"), ("erased: consent records", 2),
                      ("erased: handoffs", 3), ("open cases kept", 1)]
    assert not any("{" in str(value) for _, value in fields)


def test_a_guardians_case_says_so_and_shows_the_child_only_when_revealed() -> None:
    from bot.console.case_fields import made_by_line

    hidden = made_by_line("guardian", "ELEV-4711", "register", reveal=False)
    assert "Made by a guardian for child" in hidden and "4711" not in hidden
    shown = made_by_line("guardian", "ELEV-4711", "email", reveal=True)
    assert "Made by a guardian for child ELEV-4711" in shown and "verify by hand" in shown
    assert made_by_line(None, None, None, reveal=True) == ""
