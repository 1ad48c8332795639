"""What English prose capitalises besides people stays readable: dates, shops and firms, places of the world,
storms and hotels, web addresses, believers; the people beside them are still masked."""

from __future__ import annotations

import pytest

from bot.pii import mask


@pytest.mark.parametrize(
    "text",
    [
        "The lease ends on 14 August 2019, or Oct. 21 at the latest.",
        "We had lunch at Maple Lane Bakery before the train.",
        "Dunmore Logistics Group moved its warehouse last spring.",
        "The complaint went to the Regional Transport Authority in March.",
        "Storm Gerda closed every school along the coast.",
        "We stayed at the Ritz and walked everywhere.",
        "Is Denver a good place to live with kids?",
        "The ferry from Tromsø was late again.",
        "Full story at https://example.org/news/item.php?author=Brekke&id=Tiller",
        "Lutheran pastors and Catholic priests signed the appeal.",
        "Parking was easy and the rooms were clean.",
        "the plumber called back within an hour.",
        "Our dog is called Rufus and he hates the vet.",
        "Jeg har en hund som heter Fido.",
        "We took the van to Dale's Garage on Monday.",
    ],
)
def test_things_places_and_dates_in_english_prose_are_not_names(text: str) -> None:
    assert "<name>" not in mask(text), mask(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Prime Minister Ingrid Haugland met the mayor on Friday.",
            "Prime Minister <name> met the mayor on Friday.",
        ),
        ("Capt. Okonkwo signed the log.", "Capt. <name> signed the log."),
        ("Ambassador Tomasz Wierzbicki-Nowak arrived late.", "Ambassador <name> arrived late."),
        ("We had lunch at Maple Lane Bakery with Sunniva Aasland.", "We had lunch at Maple Lane Bakery with <name>."),
        ("Kari Hall called about the invoice.", "<name> called about the invoice."),
        ("My son is called Emil Brekke.", "My son is called <name>."),
        ("Critics of the Hartley administration wrote again.", "Critics of the <name> administration wrote again."),
        ("Ask Siobhan Gallagher about the March 3 deadline.", "Ask <name> about the March 3 deadline."),
    ],
)
def test_people_beside_places_titles_and_dates_are_still_masked(text: str, expected: str) -> None:
    assert mask(text) == expected
