"""The address stays out of the tables, out of reach of the wrong person, and goes on erasure."""

from __future__ import annotations

import pytest
from sqlalchemy import String, Text, inspect, text
from sqlalchemy.engine import Engine

from bot.cases.errors import InvalidEmail
from bot.cases.service import CaseService

KARI = "Kari.Nordmann@Kommune.no"


def all_text_values(engine: Engine) -> list[str]:
    values: list[str] = []
    inspector = inspect(engine)
    with engine.connect() as connection:
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                if isinstance(column["type"], (String, Text)):
                    rows = connection.execute(text(f'SELECT "{column["name"]}" FROM "{table}"'))
                    values.extend(str(value) for (value,) in rows if value is not None)
    return values


def test_the_address_is_not_stored_in_plain_text_anywhere(service: CaseService, engine: Engine) -> None:
    reference = service.open_case("rectification", KARI, "nb", "rest", {"what_is_wrong": "address"}).reference
    service.open_case("rectification", KARI, "nb", "rest", {"what_is_wrong": "address"})
    service.change_status(reference, "in_progress", "checking the register", "case-worker")
    service.extend(reference, 1, "needs the archive")
    values = all_text_values(engine)
    assert any(reference in value for value in values)  # the scan does see the case tables
    for needle in ("kari.nordmann", "kari", "nordmann", "kommune.no"):
        assert not [value for value in values if needle in value.lower()], needle


def test_the_status_is_only_given_to_the_address_the_case_belongs_to(service: CaseService) -> None:
    reference = service.open_case("access", KARI, "nb", "rest", {}).reference
    assert service.get_by_reference(reference, "kari.nordmann@kommune.no").reference == reference
    assert service.get_by_reference(reference.lower().replace("-", " "), KARI).reference == reference
    assert service.get_by_reference(reference, "ola@kommune.no") is None
    assert service.get_by_reference("VRN-0000-00", KARI) is None
    assert service.get_by_reference("no reference here", KARI) is None
    with pytest.raises(InvalidEmail):
        service.get_by_reference(reference, "not an address")


def test_erasing_a_subject_leaves_no_row_with_its_key(service: CaseService, engine: Engine) -> None:
    first = service.open_case("access", KARI, "nb", "rest", {}).reference
    service.open_case("erasure", KARI, "nb", "rest", {"ground": "no longer needed"}).reference
    service.change_status(first, "in_progress", None, "case-worker")
    ola = service.open_case("access", "ola@kommune.no", "nb", "rest", {}).reference
    kari_key = service.subject_key(KARI)

    counts = service.erase_subject(kari_key)

    assert counts == {"cases": 2, "case_events": 5, "subject_contacts": 1}
    assert service.cases_for_subject(kari_key) == []
    assert service.contact_email(kari_key) is None
    assert not [value for value in all_text_values(engine) if kari_key in value]
    with engine.connect() as connection:
        events = connection.execute(text("SELECT COUNT(*) FROM case_events")).scalar_one()
    assert events == 2  # Ola's history is untouched
    assert [c.reference for c in service.list_cases()] == [ola]
    assert service.contact_email(service.subject_key("ola@kommune.no")) == "ola@kommune.no"
    assert service.erase_subject(kari_key) == {"cases": 0, "case_events": 0, "subject_contacts": 0}


def test_erasing_removes_linked_duplicates_too(service: CaseService) -> None:
    original = service.open_case("access", KARI, "nb", "rest", {"scope": "all"}).reference
    repeat = service.open_case("access", KARI, "nb", "rest", {"scope": "2025"}).reference
    service.mark_duplicate(repeat, original, "case-worker")
    counts = service.erase_subject(service.subject_key(KARI))
    assert counts["cases"] == 2
    assert service.list_cases() == []


def test_cases_for_a_subject_are_theirs_only(service: CaseService) -> None:
    first = service.open_case("access", KARI, "nb", "rest", {}).reference
    second = service.open_case("objection", KARI, "nb", "rest", {"ground": "x"}).reference
    service.open_case("access", "ola@kommune.no", "nb", "rest", {})
    assert [c.reference for c in service.cases_for_subject(service.subject_key(KARI))] == [first, second]
