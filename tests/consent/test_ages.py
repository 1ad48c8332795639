"""Every age band at its boundary birthdays, the bare birth year, and implausible answers."""

from __future__ import annotations

from datetime import date

import pytest

from bot.config import AgeBands
from bot.consent.ages import ConsentRule, ImplausibleBirth, rule_for, youngest_age
from bot.consent.purposes import DEFAULT_FILE, load_purposes

TODAY = date(2026, 11, 22)
BANDS = AgeBands()


def born_years_ago(years: int, days_to_birthday: int = 0) -> date:
    """Born `years` ago today, or `days_to_birthday` days later (so still one year younger)."""
    return date(TODAY.year - years, TODAY.month, TODAY.day + days_to_birthday)


@pytest.mark.parametrize(
    ("years", "tomorrow", "rule"),
    [
        (12, False, ConsentRule.GUARDIAN_ONLY),
        (13, True, ConsentRule.GUARDIAN_ONLY),  # 13th birthday is tomorrow
        (13, False, ConsentRule.CHILD_AND_GUARDIAN),
        (16, True, ConsentRule.CHILD_AND_GUARDIAN),
        (16, False, ConsentRule.CHILD_GUARDIAN_INFORMED),
        (18, True, ConsentRule.CHILD_GUARDIAN_INFORMED),
        (18, False, ConsentRule.SELF),
        (67, False, ConsentRule.SELF),
    ],
)
def test_each_band_at_its_boundary_birthday(years: int, tomorrow: bool, rule: ConsentRule) -> None:
    assert rule_for(youngest_age(born_years_ago(years, 1 if tomorrow else 0), TODAY), BANDS) is rule


def test_with_only_a_birth_year_the_younger_possible_age_decides() -> None:
    assert youngest_age(2013, TODAY) == 12
    assert rule_for(youngest_age(2013, TODAY), BANDS) is ConsentRule.GUARDIAN_ONLY
    assert rule_for(youngest_age(2008, TODAY), BANDS) is ConsentRule.CHILD_GUARDIAN_INFORMED


@pytest.mark.parametrize("born", [2027, 1890, date(2026, 12, 1), date(1800, 1, 1)])
def test_an_implausible_birth_is_asked_again(born: object) -> None:
    with pytest.raises(ImplausibleBirth):
        youngest_age(born, TODAY)  # type: ignore[arg-type]


def test_special_categories_need_a_guardian_up_to_the_purposes_age() -> None:
    health = load_purposes(DEFAULT_FILE)["health-adaptations"]
    assert rule_for(17, BANDS, health) is ConsentRule.CHILD_AND_GUARDIAN
    assert rule_for(18, BANDS, health) is ConsentRule.SELF
    assert rule_for(10, BANDS, health) is ConsentRule.GUARDIAN_ONLY


def test_bands_are_configurable_per_deployment() -> None:
    danish = AgeBands(guardian_only_below=13, joint_below=13, adult_from=15)
    assert rule_for(13, danish) is ConsentRule.CHILD_GUARDIAN_INFORMED
    assert rule_for(15, danish) is ConsentRule.SELF
