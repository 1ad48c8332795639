"""Values split by invisible characters, or typed in compatibility forms, are masked whole (issue 14 item 5).

Through the live guard (what is stored of a turn), the retention masker (what is kept of an ended chat)
and request metadata. Every value here is invented."""

from __future__ import annotations

import datetime
import json

import pytest

from bot.chat_input import ChatMessage, InputRejected, parse_chat_payload
from bot.pii import chat_masker, mask
from bot.pii.normalise import normalise
from bot.rasa_adapter.pii_guard import guard_metadata
from bot.retention.event_masking import mask_serialised_event, masker_for_chat
from bot.services.pii_warning import PiiGuard
from bot.verification.store import MemoryShortLivedStore
from tests.pii.generators import danish_cpr, norwegian_id

ZWSP, ZWJ, SHY, BOM, WJ = "\u200b", "\u200d", "\u00ad", "\ufeff", "\u2060"
NBSP, NNBSP, FIGURE = "\u00a0", "\u202f", "\u2007"
FNR = norwegian_id(datetime.date(1987, 3, 14), 263)
FNR_2 = norwegian_id(datetime.date(2001, 11, 2), 508)
CPR = danish_cpr(datetime.date(1979, 6, 23), 4127)
CPR_2 = danish_cpr(datetime.date(1992, 1, 8), 1536)
CPR_SPACED = CPR.replace("-", NBSP)


def split(value: str, by: str) -> str:
    return by.join(value)


# (language, message, the value as a person reads it, found kind, masked by the live guard)
SPLIT_VALUES = [
    ("nb", f"fødselsnummeret mitt er {split(FNR, ZWSP)}, takk", FNR, "national_id", True),
    ("nb", f"send det til ingrid{ZWSP}.vatne@epost.no", "ingrid.vatne@epost.no", "email", False),
    ("nb", f"ring meg på 41{NBSP}92{NBSP}37{NBSP}65", "41923765", "number", False),
    ("nn", f"personnummeret mitt er {FNR_2[:6]}{SHY}{FNR_2[6:]}", FNR_2, "national_id", True),
    ("nn", f"e-posten min er sigve{WJ}@heimen.no", "sigve@heimen.no", "email", False),
    ("nn", f"du kan ringje +47{NNBSP}936{NNBSP}48{NNBSP}215", "93648215", "number", False),
    ("da", f"mit CPR-nummer er {CPR_SPACED}", CPR.replace("-", ""), "national_id", True),
    ("da", f"skriv til mette{BOM}.holm@postkasse.dk", "mette.holm@postkasse.dk", "email", False),
    ("da", f"ring på 20{ZWSP}61{ZWSP}74{ZWSP}38", "20617438", "number", False),
    ("en", f"my CPR is {split(CPR_2, ZWJ)}", CPR_2, "national_id", True),
    ("en", f"email me at j{SHY}.okafor@example.co.uk", "j.okafor@example.co.uk", "email", False),
    ("en", f"call +44{FIGURE}20 7946 0958 after five", "2079460958", "number", False),
]


def _visible(text: str) -> str:
    """What a reader sees of a stored text: invisible characters gone, spaces and dashes ignored."""
    return "".join(c for c in normalise(text).text if c not in " -.")


@pytest.mark.parametrize(("language", "message", "value", "kind", "high_risk"), SPLIT_VALUES)
def test_the_live_guard_sees_a_split_value_and_stores_none_of_a_split_id(
    language: str, message: str, value: str, kind: str, high_risk: bool
) -> None:
    guarded = PiiGuard(MemoryShortLivedStore(), b"k" * 32).inspect(f"chat-{language}", message)
    assert kind in guarded.found, "the person is warned about what they shared"
    if high_risk:
        assert value not in _visible(guarded.text)
        assert "<number>" in guarded.text


@pytest.mark.parametrize(("language", "message", "value", "kind", "high_risk"), SPLIT_VALUES)
def test_the_retention_masker_leaves_none_of_a_split_value_in_the_kept_chat(
    language: str, message: str, value: str, kind: str, high_risk: bool
) -> None:
    event = {"event": "user", "timestamp": 1.0, "text": message, "parse_data": {"text": message}}
    data = json.dumps(event)
    masked = json.loads(mask_serialised_event(data, masker_for_chat(chat_masker(), [event])) or "{}")
    for stored in (masked["text"], masked["parse_data"]["text"]):
        assert value.replace(".", "") not in _visible(stored)


def test_the_rest_of_a_message_is_kept_as_the_person_wrote_it() -> None:
    message = f"hei{NBSP}der, nummeret er {split(FNR, ZWSP)} – ﬁnt?"
    assert mask(message) == f"hei{NBSP}der, nummeret er <number> – ﬁnt?"


def test_full_width_and_other_compatibility_digits_are_read_as_digits() -> None:
    wide = "".join(chr(ord("０") + int(d)) if d.isdigit() else "－" for d in CPR)
    assert mask(f"CPR {wide}") == "CPR <number>"


def test_spans_map_back_over_the_invisible_characters_inside_a_value() -> None:
    prepared = normalise(f"x {split('12345', ZWSP)} y")
    assert prepared.text == "x 12345 y"
    start, end = prepared.original_span(2, 7)
    assert prepared.original[start:end] == split("12345", ZWSP)


def test_metadata_reaches_the_tracker_masked() -> None:
    metadata = {"language": "da", "profile": {"name": "jeg hedder Ditte Kjærsgaard", "phone": 20617438}}
    guarded = guard_metadata(metadata)
    assert guarded is not None
    assert guarded["language"] == "da"
    assert "Kjærsgaard" not in json.dumps(guarded, ensure_ascii=False)
    assert guarded["profile"]["phone"] == "<number>"
    assert guard_metadata({}) is None


def test_oversized_metadata_is_refused_and_small_metadata_kept() -> None:
    big = parse_chat_payload({"sender": "abc", "message": "hei", "metadata": {"x": "y" * 5000}}, 1000)
    assert isinstance(big, InputRejected) and big.status == 400
    small = parse_chat_payload({"sender": "abc", "message": "hei", "metadata": {"language": "nn"}}, 1000)
    assert isinstance(small, ChatMessage) and small.metadata == {"language": "nn"}
