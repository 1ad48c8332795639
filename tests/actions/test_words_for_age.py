"""Who sees which words in the chat (issue 17 items 4 and 6): a 14- and a 17-year-old the young person's notice
and lines, a 10-year-old the child's, an adult the adult's; from the age as typed ("jeg er 14", "im 17")."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.consent import ActionAskConsentAgree, ActionTellGuardianAnswer
from actions.dsr import ValidateDsrForm
from actions.verification import _tell_consent_recorded
from bot.clock import utc_now
from bot.config import AgeBands
from bot.consent.ages import ConsentRule
from bot.consent.invitations import ChildNotice
from bot.consent.purposes import default_purposes, notice_text, words_for
from bot.consent.service import ConsentView
from bot.dsr.flow import CompletionStatus, RequestCompletion
from bot.i18n import translate
from bot.wiring import Services

BANDS = AgeBands()
AGES = {10: "child", 14: "young", 17: "young", 30: "adult"}


def born(age: int) -> str:
    return str(utc_now().year - age - 1)  # with only a year, Vern takes the younger possible age: exactly `age`


def tracker(language: str, **slots: Any) -> Tracker:
    return Tracker("chat-words-for-age", {"language": language, **slots}, {"text": ""}, [], False, None,
                   {"name": "dsr_form"}, "action_listen")


def run(action: Any, tracker_: Tracker) -> list[str]:
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker_, {}))
    return [m["text"] for m in dispatcher.messages if m.get("text")]


def rule_lines(typed: str, language: str, purpose: str = "newsletter") -> list[str]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ValidateDsrForm().validate_birth_year(typed, dispatcher, tracker(language, consent_purpose=purpose),
                                                      {}))
    return [m["text"] for m in dispatcher.messages if m.get("text")]


@pytest.mark.parametrize("language", ["nb", "nn", "da", "en"])
@pytest.mark.parametrize("age", sorted(AGES))
def test_the_notice_and_the_question_are_in_the_words_for_the_age(age: int, language: str) -> None:
    audience = AGES[age]
    shown = run(ActionAskConsentAgree(), tracker(language, consent_purpose="training-videos", birth_year=born(age)))
    assert shown[0] == notice_text(default_purposes()["training-videos"], language, audience)
    question = {"child": "consent_ask_agree@child", "young": "consent_ask_agree@young", "adult": "consent_ask_agree"}
    assert shown[1] == translate(question[audience], language)


def test_the_rule_for_the_age_is_said_in_the_words_for_the_age() -> None:
    assert rule_lines("jeg er 14", "nb") == [translate("consent_rule_joint@young", "nb", low=13, high=15)]
    assert rule_lines("im 14", "en") == [translate("consent_rule_joint@young", "en", low=13, high=15)]
    assert rule_lines("eg er 17 år", "nn") == [translate("consent_rule_informed@young", "nn", low=16, high=17)]
    assert rule_lines("jeg er sytten", "da") == [translate("consent_rule_informed@young", "da", low=16, high=17)]
    assert rule_lines("jeg er ti", "nb") == [translate("consent_rule_guardian_only@child", "nb", age=13)]
    assert rule_lines("30", "nb") == []
    # Health (a guardian says yes up to 18): a 17-year-old hears that rule, in a young person's words.
    assert rule_lines("17", "nb", "health-adaptations") == [
        translate("consent_rule_purpose_until@young", "nb", age=18)]


def _recorded(rule: ConsentRule, version: str | None) -> list[str]:
    moment = datetime(2026, 11, 22, tzinfo=timezone.utc)
    view = ConsentView("r1", "newsletter", "pending_guardian", rule, True, None, False, moment, moment, version)
    dispatcher = CollectingDispatcher()
    _tell_consent_recorded(RequestCompletion(CompletionStatus.CONSENT_RECORDED, consents=[view]), dispatcher,
                           tracker("nb"))
    return [m["text"] for m in dispatcher.messages if m.get("text")]


def test_after_the_code_a_young_person_is_told_in_their_words() -> None:
    title = default_purposes()["newsletter"].title["nb"]
    assert _recorded(ConsentRule.CHILD_AND_GUARDIAN, "young") == [
        translate("consent_needs_guardian_joint@young", "nb", age=BANDS.joint_below)]
    assert _recorded(ConsentRule.CHILD_GUARDIAN_INFORMED, "young") == [
        translate("consent_guardian_informed_needed@young", "nb", title=title, age=BANDS.adult_from)]
    assert _recorded(ConsentRule.GUARDIAN_ONLY, "child") == [
        translate("consent_needs_guardian_only@child", "nb", age=BANDS.guardian_only_below)]
    # A record from before the versions (no notice_version): the adult words, as before.
    assert _recorded(ConsentRule.CHILD_AND_GUARDIAN, None) == [
        translate("consent_needs_guardian_joint", "nb", age=BANDS.joint_below)]


@pytest.mark.parametrize(("audience", "key"), [("child", "guardian_approved_child@child"),
                                               ("young", "guardian_approved_child@young"),
                                               ("adult", "guardian_approved_child")])
def test_the_guardians_answer_is_told_in_the_words_the_person_was_shown(
    monkeypatch: pytest.MonkeyPatch, audience: str, key: str
) -> None:
    class Invitations:
        def untold_answers(self, chat: str) -> list[ChildNotice]:
            return [ChildNotice("i1", "training-videos", "approved", audience)]

    monkeypatch.setattr(Services, "guardian_invitations", Invitations())
    title = words_for(default_purposes()["training-videos"], "nn", audience)["title"]
    assert run(ActionTellGuardianAnswer(), tracker("nn")) == [translate(key, "nn", title=title)]
