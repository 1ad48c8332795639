"""Opening a case: deadline, history, one case per request, references."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.cases.errors import InvalidDetails, InvalidEmail, UnknownLanguage, UnknownRequestType
from bot.cases.models import SubjectContact
from bot.cases.reference import is_reference
from bot.cases.request_types import RequestType
from bot.cases.service import CaseService
from bot.cases.status import CaseStatus
from bot.cases.views import OpenedCase
from bot.clock import FrozenClock
from bot.db.engine import session_scope
from tests.cases.conftest import SECRET

RECTIFY = {"what_is_wrong": "Address", "correct_value": "Storgata 1"}


def test_a_verified_request_becomes_a_case_due_in_one_month(service: CaseService) -> None:
    opened = service.open_case("access", "Kari@Kommune.no", "nb", "rest", {"scope": "all"}, "sender-1")
    case = opened.case
    assert not opened.duplicate
    assert is_reference(opened.reference)
    assert case.request_type is RequestType.ACCESS and case.status is CaseStatus.VERIFIED
    assert case.received_at == case.verified_at == datetime(2026, 11, 22, 10, tzinfo=timezone.utc)
    assert case.due_at == case.deadline == date(2026, 12, 22)
    assert case.days_left == 30
    assert (case.language, case.channel, case.conversation_id) == ("nb", "rest", "sender-1")
    assert case.details == {"scope": "all"}
    assert case.subject_key == service.subject_key("kari@kommune.no")
    assert [(e.kind, e.from_status, e.to_status) for e in service.history(opened.reference)] == [
        ("received", None, "received"),
        ("verified", "received", "verified"),
    ]


def test_the_month_runs_from_receipt_in_oslo(engine: Engine) -> None:
    # 23:30 UTC on 31 January is 00:30 on 1 February in Oslo.
    clock = FrozenClock(datetime(2027, 1, 31, 23, 30, tzinfo=timezone.utc))
    service = CaseService(engine, clock, SECRET)
    assert service.open_case("erasure", "kari@kommune.no", "nb", "rest", {}).case.due_at == date(2027, 3, 1)


def test_the_month_runs_from_when_the_request_arrived_not_from_the_code_check(
    service: CaseService, clock: FrozenClock
) -> None:
    asked = datetime(2026, 11, 21, 22, 0, tzinfo=timezone.utc)
    case = service.open_case("access", "kari@kommune.no", "nb", "rest", {}, received_at=asked).case
    assert case.due_at == date(2026, 12, 21)
    assert case.received_at == asked and case.verified_at == clock()


def test_the_same_open_request_twice_is_one_case(service: CaseService, clock: FrozenClock) -> None:
    first = service.open_case("rectification", "kari@kommune.no", "nb", "rest", RECTIFY, "sender-1")
    clock.advance(days=3)
    again = service.open_case(
        "rectification",
        " KARI@kommune.no",
        "nn",
        "telegram",
        {"correct_value": "storgata  1", "what_is_wrong": "address "},
        "sender-2",
    )
    assert again.duplicate
    assert again.reference == first.reference
    assert again.case.due_at == first.case.due_at  # the deadline does not restart
    assert len(service.list_cases()) == 1
    assert service.history(first.reference)[-1].kind == "duplicate_request"


def test_a_different_type_or_different_details_is_another_case(service: CaseService) -> None:
    first = service.open_case("rectification", "kari@kommune.no", "nb", "rest", RECTIFY)
    other_type = service.open_case("erasure", "kari@kommune.no", "nb", "rest", RECTIFY)
    other_details = service.open_case("rectification", "kari@kommune.no", "nb", "rest", {"what_is_wrong": "Phone"})
    other_person = service.open_case("rectification", "ola@kommune.no", "nb", "rest", RECTIFY)
    references = {first.reference, other_type.reference, other_details.reference, other_person.reference}
    assert len(references) == 4
    assert not any(o.duplicate for o in (other_type, other_details, other_person))


def test_after_the_answer_the_same_request_opens_a_new_case(service: CaseService, clock: FrozenClock) -> None:
    first = service.open_case("access", "kari@kommune.no", "nb", "rest", {})
    service.change_status(first.reference, "in_progress", None, "case-worker")
    service.change_status(first.reference, "completed", "answer sent", "case-worker")
    clock.advance(days=40)  # 1 January 2027
    second = service.open_case("access", "kari@kommune.no", "nb", "rest", {})
    assert not second.duplicate and second.reference != first.reference
    assert second.case.due_at == date(2027, 2, 1)


def test_the_address_is_stored_once_per_subject(service: CaseService, engine: Engine) -> None:
    service.open_case("access", "kari@kommune.no", "nb", "rest", {})
    service.open_case("erasure", "Kari@Kommune.no", "nb", "rest", {})
    service.open_case("access", "ola@kommune.no", "nb", "rest", {})
    with session_scope(engine) as session:
        assert session.execute(select(func.count()).select_from(SubjectContact)).scalar_one() == 2
    assert service.contact_email(service.subject_key("KARI@kommune.no")) == "kari@kommune.no"
    assert service.contact_email(service.subject_key("nobody@kommune.no")) is None


def test_references_are_unique_even_when_the_random_source_repeats(engine: Engine, clock: FrozenClock) -> None:
    drawn = iter(["VRN-AAAA-AA", "VRN-AAAA-AA", "VRN-AAAA-AA", "VRN-BBBB-BB"])
    service = CaseService(engine, clock, SECRET, reference_factory=lambda: next(drawn))
    first = service.open_case("access", "kari@kommune.no", "nb", "rest", {})
    second = service.open_case("access", "ola@kommune.no", "nb", "rest", {})
    assert (first.reference, second.reference) == ("VRN-AAAA-AA", "VRN-BBBB-BB")


@pytest.mark.parametrize(
    ("request_type", "email", "language", "details", "error"),
    [
        ("complaint", "kari@kommune.no", "nb", {}, UnknownRequestType),
        ("access", "kari@kommune.no", "sv", {}, UnknownLanguage),
        ("access", "kari(at)kommune.no", "nb", {}, InvalidEmail),
        ("access", "kari@kommune.no", "nb", {"when": datetime(2026, 1, 1)}, InvalidDetails),
        ("access", "kari@kommune.no", "nb", {"scope": "x" * 9000}, InvalidDetails),
    ],
)
def test_bad_requests_open_nothing(
    service: CaseService, request_type: str, email: str, language: str, details: dict, error: type[Exception]
) -> None:
    with pytest.raises(error):
        service.open_case(request_type, email, language, "rest", details)
    assert service.list_cases() == []


def test_the_same_request_sent_from_two_tabs_at_once_is_still_one_case(service: CaseService) -> None:
    barrier = threading.Barrier(6)

    def send() -> OpenedCase:
        barrier.wait()
        return service.open_case("erasure", "kari@kommune.no", "nb", "rest", {"ground": "withdrawn consent"})

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: send(), range(6)))
    assert len({r.reference for r in results}) == 1
    assert sorted(r.duplicate for r in results) == [False, True, True, True, True, True]
    assert len(service.list_cases()) == 1
