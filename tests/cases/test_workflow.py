"""Moving cases along, extending deadlines, and the case workers' list."""

from __future__ import annotations

from datetime import date

import pytest

from bot.cases.errors import CaseNotFound, ExtensionNotAllowed, IllegalTransition
from bot.cases.service import CaseService
from bot.cases.status import CaseStatus
from bot.clock import FrozenClock


def open_access(service: CaseService, email: str = "kari@kommune.no", **kwargs: object) -> str:
    return service.open_case("access", email, "nb", "rest", dict(kwargs)).reference


def test_legal_steps_are_recorded_in_the_history(service: CaseService, clock: FrozenClock) -> None:
    reference = open_access(service)
    clock.advance(days=1)
    service.change_status(reference, "in_progress", "collecting data", "case-worker")
    clock.advance(days=2)
    case = service.change_status(reference, CaseStatus.COMPLETED, "answer sent", "case-worker")
    assert case.status is CaseStatus.COMPLETED and not case.is_open
    assert case.closed_at == clock() and case.days_left is None
    history = service.history(reference)
    assert [(e.from_status, e.to_status, e.actor, e.note) for e in history[2:]] == [
        ("verified", "in_progress", "case-worker", "collecting data"),
        ("in_progress", "completed", "case-worker", "answer sent"),
    ]
    assert history[-1].occurred_at == clock()


@pytest.mark.parametrize(
    ("steps", "illegal"),
    [
        ([], "completed"),
        ([], "received"),
        (["in_progress"], "verified"),
        (["in_progress", "completed"], "in_progress"),
        (["rejected"], "in_progress"),
    ],
)
def test_illegal_steps_change_nothing(service: CaseService, steps: list[str], illegal: str) -> None:
    reference = open_access(service)
    for step in steps:
        service.change_status(reference, step, None, "case-worker")
    before = service.history(reference)
    with pytest.raises(IllegalTransition):
        service.change_status(reference, illegal, None, "case-worker")
    assert service.history(reference) == before
    assert service.list_cases()[0].status.value == (steps[-1] if steps else "verified")


def test_an_unknown_reference_is_not_found(service: CaseService) -> None:
    with pytest.raises(CaseNotFound):
        service.change_status("VRN-0000-00", "in_progress", None, "case-worker")


def test_an_extension_of_two_months_needs_a_reason(service: CaseService) -> None:
    reference = open_access(service)
    for reason in ("", "   "):
        with pytest.raises(ExtensionNotAllowed):
            service.extend(reference, 2, reason)
    case = service.extend(reference, 2, "The request covers many archives.")
    assert case.due_at == date(2026, 12, 22)
    assert case.extended_due_at == case.deadline == date(2027, 2, 22)
    assert case.extension_reason == "The request covers many archives."
    assert case.days_left == 92
    extended = service.history(reference)[-1]
    assert (extended.kind, extended.note) == ("extended", "The request covers many archives.")


def test_extensions_stop_at_three_months_from_receipt(service: CaseService) -> None:
    reference = open_access(service)
    with pytest.raises(ExtensionNotAllowed):
        service.extend(reference, 3, "too long")
    assert service.extend(reference, 1, "many archives").extended_due_at == date(2027, 1, 22)
    assert service.extend(reference, 1, "still more archives").extended_due_at == date(2027, 2, 22)
    with pytest.raises(ExtensionNotAllowed):
        service.extend(reference, 1, "one more")
    assert service.list_cases()[0].extended_due_at == date(2027, 2, 22)


def test_an_extension_must_be_decided_within_the_first_month(service: CaseService, clock: FrozenClock) -> None:
    reference = open_access(service)
    clock.advance(days=30)  # 22 December, the last day: still in time
    assert service.extend(reference, 1, "many archives").extended_due_at == date(2027, 1, 22)
    late = open_access(service, "ola@kommune.no")  # due 22 January
    clock.advance(days=32)  # 23 January
    with pytest.raises(ExtensionNotAllowed):
        service.extend(late, 1, "too late")


def test_a_closed_case_cannot_be_extended(service: CaseService) -> None:
    reference = open_access(service)
    service.change_status(reference, "rejected", "manifestly unfounded", "case-worker")
    with pytest.raises(ExtensionNotAllowed):
        service.extend(reference, 1, "reason")


def test_the_list_puts_the_most_urgent_open_case_first(service: CaseService, clock: FrozenClock) -> None:
    early = open_access(service, "a@kommune.no")  # due 22 Dec
    clock.advance(days=5)
    later = service.open_case("erasure", "b@kommune.no", "en", "rest", {}).reference  # due 27 Dec
    clock.advance(days=1)
    closed = open_access(service, "c@kommune.no")  # due 28 Dec, but closed
    service.change_status(closed, "rejected", None, "case-worker")
    clock.advance(days=1)
    newest = open_access(service, "d@kommune.no")  # due 29 Dec
    service.extend(early, 1, "many archives")  # now due 22 Jan: no longer the most urgent

    assert [c.reference for c in service.list_cases()] == [later, newest, early, closed]
    assert [c.reference for c in service.list_cases(open_only=True)] == [later, newest, early]
    assert [c.reference for c in service.list_cases(order="received")] == [newest, closed, later, early]
    assert [c.reference for c in service.list_cases(request_type="erasure")] == [later]
    assert [c.reference for c in service.list_cases(language="nb", status="verified")] == [newest, early]
    assert [c.reference for c in service.list_cases(status=CaseStatus.REJECTED)] == [closed]


def test_recipients_are_notified_of_completed_rectification_erasure_and_restriction(service: CaseService) -> None:
    notified = {}
    for kind in ("access", "rectification", "erasure", "restriction", "portability", "objection"):
        reference = service.open_case(kind, "kari@kommune.no", "nb", "rest", {}).reference
        assert service.recipients_to_notify(service.list_cases(request_type=kind)[0]) == []
        service.change_status(reference, "in_progress", None, "case-worker")
        done = service.change_status(reference, "completed", None, "case-worker")
        notified[kind] = service.recipients_to_notify(done)
    expected = ["Folkeregisteret", "Skolesystemet"]
    assert notified == {
        "access": [],
        "rectification": expected,
        "erasure": expected,
        "restriction": expected,
        "portability": [],
        "objection": [],
    }


def test_a_case_repeating_another_is_rejected_and_linked(service: CaseService) -> None:
    original = open_access(service, scope="all")
    repeat = open_access(service, scope="everything")
    case = service.mark_duplicate(repeat, original, "case-worker")
    assert case.status is CaseStatus.REJECTED and case.duplicate_of == original
    other_person = open_access(service, "ola@kommune.no")
    with pytest.raises(Exception, match="same data subject"):
        service.mark_duplicate(other_person, original, "case-worker")
