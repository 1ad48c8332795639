"""The workflow: which status may follow which."""

from __future__ import annotations

import pytest

from bot.cases.errors import IllegalTransition, UnknownStatus
from bot.cases.status import ALLOWED_TRANSITIONS, CaseStatus, check_transition

LEGAL = [
    ("received", "verified"),
    ("received", "rejected"),
    ("verified", "in_progress"),
    ("verified", "rejected"),
    ("in_progress", "completed"),
    ("in_progress", "rejected"),
]


@pytest.mark.parametrize(("source", "target"), LEGAL)
def test_legal_steps(source: str, target: str) -> None:
    assert check_transition(source, target) is CaseStatus(target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (source.value, target.value)
        for source in CaseStatus
        for target in CaseStatus
        if (source.value, target.value) not in LEGAL
    ],
)
def test_every_other_step_is_illegal(source: str, target: str) -> None:
    with pytest.raises(IllegalTransition):
        check_transition(source, target)


def test_closed_statuses_are_terminal() -> None:
    assert ALLOWED_TRANSITIONS[CaseStatus.COMPLETED] == ALLOWED_TRANSITIONS[CaseStatus.REJECTED] == frozenset()
    assert not CaseStatus.COMPLETED.is_open and not CaseStatus.REJECTED.is_open
    assert CaseStatus.VERIFIED.is_open


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(UnknownStatus):
        check_transition("verified", "paused")
