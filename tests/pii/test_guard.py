"""The live guard's rules, without Rasa: what is stored, and when people are warned."""

from __future__ import annotations

import datetime

from bot.services.pii_warning import PiiGuard, expected_kinds, warning_text
from bot.verification.store import MemoryShortLivedStore
from tests.pii.generators import norwegian_id

SECRET = b"test-secret-key-for-the-guard-0000"


def guard() -> PiiGuard:
    return PiiGuard(MemoryShortLivedStore(), SECRET)


def test_high_risk_numbers_are_masked_before_storage_and_the_rest_kept() -> None:
    fnr = norwegian_id(datetime.date(1990, 1, 2), 111)
    guarded = guard().inspect("chat-1", f"jeg heter Kari, fnr {fnr}")
    assert guarded.text == "jeg heter Kari, fnr <number>"
    assert guarded.warn == ("national_id", "name")


def test_each_kind_is_warned_about_once_per_chat() -> None:
    g = guard()
    assert g.inspect("chat-1", "ring 41234567").warn == ("number",)
    assert g.inspect("chat-1", "eller 92345678").warn == ()
    assert g.inspect("chat-2", "ring 41234567").warn == ("number",), "another chat is warned on its own"


def test_data_vern_asked_for_is_not_warned_about() -> None:
    g = guard()
    assert g.inspect("c", "kari@example.org", expected_kinds("dsr_form", "email")).warn == ()
    assert g.inspect("c", "123456", expected_kinds("code_form", "verification_code")).warn == ()
    assert g.inspect("c", "kari@example.org", expected_kinds(None, None)).warn == ("email",)
    # Asked for a child's number at the school, a pupil number is an answer, not an overshare.
    assert g.inspect("d", "elevnr 20451873", expected_kinds("dsr_form", "birth_year")).warn == ()
    assert g.inspect("d", "elevnr 20451873", expected_kinds("dsr_form", "request_scope")).warn == ("number",)


def test_the_warning_names_the_kinds_and_the_deadline_in_each_language() -> None:
    assert "et navn" in warning_text(("name",), "nb", 15) and "15 minutter" in warning_text(("name",), "nb", 15)
    assert "eit namn" in warning_text(("name",), "nn", 15)
    assert "e-mailadresse" in warning_text(("email",), "da", 15)
    removed = warning_text(("national_id",), "en", 15)
    assert "removed from your message" in removed


def test_a_store_outage_still_warns() -> None:
    class DeadStore(MemoryShortLivedStore):
        def get(self, key: str) -> str | None:
            raise ConnectionError("down")

    g = PiiGuard(DeadStore(), SECRET)
    assert g.inspect("c", "ring 41234567").warn == ("number",)


def test_a_case_reference_vern_issued_is_never_warned_about_or_masked() -> None:
    # Issue 16: "what is the status of my case VRN-8828-90?" warned that the reference looked like a number.
    g = guard()
    for text in ("what is the status of my case VRN-8828-90?", "hvordan går det med VRN 91BG Q8",
                 "status på vrn-5yx4-ah", "VRN-A969-EK"):
        guarded = g.inspect("chat-ref", text)
        assert guarded.warn == () and guarded.found == frozenset() and guarded.text == text, text
    assert g.inspect("chat-ref", "VRN-8828-90, ring meg på 41234567").warn == ("number",)
