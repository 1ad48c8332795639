"""A request form's free-text question refuses what is not an answer (issue 16, item 8)."""

from __future__ import annotations

import pytest

from bot.dsr.free_text import refusal
from bot.i18n import translate


@pytest.mark.parametrize(
    ("slot", "text", "reason"),
    [
        ("request_scope", "er det gratis?", "answer_is_question"),
        ("request_scope", "sorry, can we speak English?", "answer_is_question"),
        ("request_scope", "Kari Nordmann 41234567", "answer_has_personal_data"),
        ("objection_reason", "mitt cpr er <number>", "answer_has_personal_data"),
        ("objection_processing", "send svar til kari@example.org", "answer_has_personal_data"),
        ("request_scope", "bildene fra skoleturen", None),
        ("objection_reason", "markedsføring", None),
        # Vern asked for what is wrong: personal data is the answer there.
        ("rectification_what", "etternavnet mitt er Nordman, ikke Nordmann", None),
    ],
)
def test_what_is_not_an_answer_is_refused(slot: str, text: str, reason: str | None) -> None:
    assert refusal(slot, text) == reason


@pytest.mark.parametrize("language", ["nb", "nn", "da", "en"])
def test_the_reasons_are_told_in_every_language(language: str) -> None:
    for key in ("answer_is_question", "answer_has_personal_data"):
        assert translate(key, language)
