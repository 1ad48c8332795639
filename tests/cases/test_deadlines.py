"""Art. 12(3): one calendar month from receipt, in the controller's time zone; at most two more."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cases.deadlines import add_months, days_left, due_date, extended_due_date, local_date
from bot.cases.errors import ExtensionNotAllowed


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (utc(2026, 11, 22, 10), date(2026, 12, 22)),
        (utc(2027, 1, 31, 12), date(2027, 2, 28)),
        (utc(2028, 1, 31, 12), date(2028, 2, 29)),  # leap year
        (utc(2028, 1, 30, 12), date(2028, 2, 29)),
        (utc(2028, 2, 29, 12), date(2028, 3, 29)),
        (utc(2027, 2, 28, 12), date(2027, 3, 28)),
        (utc(2026, 11, 30, 12), date(2026, 12, 30)),
        (utc(2026, 12, 31, 12), date(2027, 1, 31)),
        (utc(2027, 3, 31, 12), date(2027, 4, 30)),
        (utc(2027, 8, 31, 12), date(2027, 9, 30)),
    ],
)
def test_the_answer_is_due_one_calendar_month_after_receipt(received: datetime, due: date) -> None:
    assert due_date(received) == due


@pytest.mark.parametrize(
    ("received", "local_day", "due"),
    [
        # 23:30 UTC on the last day of the month is already the 1st in Oslo.
        (utc(2027, 1, 31, 23, 30), date(2027, 2, 1), date(2027, 3, 1)),
        (utc(2026, 11, 30, 23, 30), date(2026, 12, 1), date(2027, 1, 1)),
        (utc(2027, 2, 28, 23, 30), date(2027, 3, 1), date(2027, 4, 1)),
        # Summer time: Oslo is UTC+2, so 22:30 UTC is past midnight too.
        (utc(2027, 5, 31, 22, 30), date(2027, 6, 1), date(2027, 7, 1)),
        (utc(2027, 5, 31, 21, 30), date(2027, 5, 31), date(2027, 6, 30)),
    ],
)
def test_the_day_of_receipt_is_the_controllers_local_day(received: datetime, local_day: date, due: date) -> None:
    assert local_date(received) == local_day
    assert due_date(received) == due


def test_another_controller_time_zone_can_be_configured() -> None:
    received = utc(2027, 1, 31, 23, 30)
    assert due_date(received, "UTC") == date(2027, 2, 28)
    assert due_date(received, "Europe/Copenhagen") == date(2027, 3, 1)


def test_extensions_count_from_receipt_not_from_the_first_deadline() -> None:
    received = utc(2027, 1, 31, 12)
    assert extended_due_date(received, 1) == date(2027, 3, 31)
    assert extended_due_date(received, 2) == date(2027, 4, 30)
    assert extended_due_date(utc(2026, 11, 22, 10), 2) == date(2027, 2, 22)
    assert extended_due_date(utc(2027, 11, 30, 12), 2) == date(2028, 2, 29)


@pytest.mark.parametrize("months", [0, 3, -1])
def test_an_extension_is_one_or_two_months(months: int) -> None:
    with pytest.raises(ExtensionNotAllowed):
        extended_due_date(utc(2026, 11, 22, 10), months)


def test_days_left_is_zero_on_the_last_day_and_negative_after() -> None:
    due = date(2026, 12, 22)
    assert days_left(due, date(2026, 11, 22)) == 30
    assert days_left(due, due) == 0
    assert days_left(due, date(2026, 12, 24)) == -2


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.integers(min_value=0, max_value=36))
def test_adding_months_keeps_the_day_or_stops_at_the_month_end(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year - start.year) * 12 + result.month - start.month == months
    last_day = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(start.day, last_day)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_a_deadline_is_always_28_to_31_days_after_the_local_receipt(moment: datetime) -> None:
    received = moment.replace(tzinfo=timezone.utc)
    gap = due_date(received) - local_date(received)
    assert timedelta(days=28) <= gap <= timedelta(days=31)
