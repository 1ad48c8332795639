from __future__ import annotations

from bot.pii import RecognizerRegistry, detect, mask
from bot.pii.masking import replace_spans
from bot.pii.recognizers.email import EmailRecognizer
from bot.pii.spans import PiiSpan, resolve_overlaps


def test_the_annex_tokens_replace_each_kind() -> None:
    masked = mask("Jeg heter Kari Nordmann, mail kari@example.org, tlf 91234567")
    assert masked == "Jeg heter <name>, mail <email>, tlf <number>"


def test_masking_is_permanent_and_idempotent() -> None:
    once = mask("jeg heter Kari, tlf 91234567")
    assert mask(once) == once


def test_overlaps_resolve_to_the_widest_span() -> None:
    spans = [
        PiiSpan(4, 8, "number", "digits", 0.6),
        PiiSpan(0, 12, "number", "phone", 0.9),
        PiiSpan(13, 15, "name", "p", 0.8),
    ]
    assert resolve_overlaps(spans) == [PiiSpan(0, 12, "number", "phone", 0.9), PiiSpan(13, 15, "name", "p", 0.8)]


def test_tokens_for_other_types_are_configurable() -> None:
    text = "adresse Storgata 5"
    spans = detect(text)
    assert replace_spans(text, spans, {"address": "<number>"}) == "adresse <number>"


def test_the_registry_adds_and_removes_recognizers() -> None:
    registry = RecognizerRegistry([EmailRecognizer()])
    assert registry.names == ["email"]
    assert [s.type for s in registry.detect("a@example.org og 91234567")] == ["email"]
    registry.remove("email")
    assert registry.detect("a@example.org") == []


def test_empty_and_whitespace_text() -> None:
    assert mask("") == ""
    assert mask("   \n") == "   \n"
