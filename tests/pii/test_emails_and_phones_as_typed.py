"""E-mail addresses and phone numbers the way people type them: one token each, nothing left behind (issue 23).

Every value here is invented."""

from __future__ import annotations

import pytest

from bot.pii import mask

DISGUISED_EMAILS = [
    ("nb", "skriv til torunn[at]fjellstue[dot]no", "skriv til <email>"),
    ("nb", "e-post: ola.brekke (at) epost (punktum) no takk", "e-post: <email> takk"),
    ("nb", "adressa er per krøllalfa vassli prikk no", "adressa er <email>"),
    ("nb", "mailen min: sunniva alfakrøll heimenett punktum no", "mailen min: <email>"),
    ("nn", "send svaret til gudrun @ fjordpost . no", "send svaret til <email>"),
    ("nn", "e-posten min er eirik(at)bygdelag(dot)no", "e-posten min er <email>"),
    ("nn", "du når meg på helge punkt lid snabel-a sognenett punkt no", "du når meg på <email>"),
    ("da", "min mail er mette (at) postkasse (dot) dk", "min mail er <email>"),
    ("da", "skriv til jens snabel-a firmamail punktum dk", "skriv til <email>"),
    ("da", "mail: ditte.vang @ kommunepost . dk", "mail: <email>"),
    ("da", "du kan skrive til lone krølalfa hjemmenet prik dk", "du kan skrive til <email>"),
    ("en", "reach me at john DOT okafor AT outlook DOT com", "reach me at <email>"),
    ("en", "my email is priya.raman {at} example {dot} co {dot} uk", "my email is <email>"),
    ("en", "write to tom_harris at example dot org please", "write to <email> please"),
    ("en", "contact: ahmed.k(a)mailbox.net", "contact: <email>"),
    ("en", "my email is kate underscore m at hotmail dot com", "my email is <email>"),
    ("nb", "ola bindestrek brekke (at) epost (dot) no", "<email>"),
    # a real "@" with spaces on one side only, or around a dot
    ("nb", "mailen er sigve.lunde@ hjemmepost . no", "mailen er <email>"),
    ("da", "skriv til karen@kommunepost . dk tak", "skriv til <email> tak"),
    ("en", "send it to raj.patel @mailbox. com", "send it to <email>"),
    ("nn", "e-post: ingvild@ bygdenett.NO", "e-post: <email>"),
]

EVERYDAY_PROSE = [
    "meet at the station at 10",
    "kl. 10 at Oslo. No worries",
    "I logged in at borger.dk yesterday",
    "look at vg.no for the news",
    "jeg prøver at logge ind på borger.dk",
    "det er svært at forstå, se punkt 3 i brevet",
    "I am at home. No, thanks",
    "vi ses kl. 14 @ kontoret",
    "punktum. Prikk over i-en.",
    "jeg er på jobb @ NAV. Ring meg etterpå",
    "see you @ cafe. no rush",
    "3 @ 2.50 each",
]


@pytest.mark.parametrize(("language", "typed", "masked"), DISGUISED_EMAILS)
def test_a_disguised_address_is_one_email_token(language: str, typed: str, masked: str) -> None:
    assert mask(typed, language) == masked


@pytest.mark.parametrize("line", EVERYDAY_PROSE)
def test_at_and_dot_in_ordinary_prose_stay_readable(line: str) -> None:
    assert "<email>" not in mask(line)


PHONES = [
    ("nb", "ring meg på (+47) 913 57 246", "ring meg på <number>"),
    ("nb", "tlf. 0047 913 57 246", "tlf. <number>"),
    ("nb", "mob. 913-57-246 etter kl. 16", "mob. <number> etter kl. 16"),
    ("nn", "telefonen min er 913.57.246", "telefonen min er <number>"),
    ("nn", "ring +47-913-57-246", "ring <number>"),
    ("nn", "tlf:(+47)91357246", "tlf:<number>"),
    ("da", "ring på (+45) 28 46 91 37", "ring på <number>"),
    ("da", "mit nummer er 0045 28 46 91 37", "mit nummer er <number>"),
    ("da", "tlf. 28-46-91-37", "tlf. <number>"),
    ("da", "mobil: (0045) 28469137", "mobil: <number>"),
    ("en", "my Swedish number is +46 (0)73-618 42 95", "my Swedish number is <number>"),
    ("en", "office: +44 (0)20 7946 0381", "office: <number>"),
    ("en", "call +1 (415) 555-0187 any time", "call <number> any time"),
    ("en", "my Finnish mobile is +358 40 718 2934", "my Finnish mobile is <number>"),
    ("en", "in Poland: +48 512 739 204", "in Poland: <number>"),
    ("en", "my US cell is (646) 372-9184, text first", "my US cell is <number>, text first"),
    ("en", "the office in Leeds: (0113) 496 2758", "the office in Leeds: <number>"),
    ("da", "min svenske mobil: (08) 614 27 93", "min svenske mobil: <number>"),
    # the trunk 0 bracketed without a country code, as written on a business card
    ("en", "ring the London office on (0)20 7946 0517", "ring the London office on <number>"),
    ("nb", "svensk mobil (0)73-519 48 26", "svensk mobil <number>"),
]

NOT_PHONES = [
    ("nb", "saken har referanse VRN-7F3K-Q2"),
    ("nb", "se § 12-3 og kap. 4.2"),
    ("nn", "møtet er kl. 14.30 den 12.03.2024"),
    ("da", "det koster 12 500 kr (ca.) i 2019"),
    ("da", "jeg er født 1.2.1990"),
    ("en", "the deadline is 2024-03-12 (a Tuesday)"),
    ("en", "the report (2023) 2023-11-30 was late"),
    ("da", "gebyret (100) 200 300 kr er betalt"),
]


@pytest.mark.parametrize(("language", "typed", "masked"), PHONES)
def test_a_phone_number_is_masked_whole_with_its_country_code(language: str, typed: str, masked: str) -> None:
    assert mask(typed, language) == masked


@pytest.mark.parametrize(("language", "line"), NOT_PHONES)
def test_references_sections_times_dates_and_amounts_stay_readable(language: str, line: str) -> None:
    assert mask(line, language) == line
