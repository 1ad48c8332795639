"""Guardian links: single use, 72 hours, hashed at rest, answerable only by whoever opened them."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.consent.invitations import (
    GuardianInvitations,
    InvitationError,
    InvitationIntent,
    InvitationProblem,
)
from bot.consent.service import ConsentService

PURPOSE = "training-videos"


@pytest.fixture
def invitations(engine: Engine, consents: ConsentService, clock: FrozenClock) -> GuardianInvitations:
    return GuardianInvitations(engine, consents, clock, b"consent-test-secret-0123456789")


def pending(consents: ConsentService, age: int = 14) -> str:
    return consents.give(consents.pseudonym(f"child-{age}"), PURPOSE, "nb", "web", age=age).record_id


def test_the_guardian_who_opened_the_link_approves_and_the_childs_chat_is_told_once(
    consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id = pending(consents)
    issued = invitations.issue(record_id, InvitationIntent.APPROVE, "nb", "chat-of-the-child")
    parent = consents.pseudonym("telegram:42")
    opened = invitations.open(issued.token, parent)
    assert opened.purpose_id == PURPOSE and opened.intent is InvitationIntent.APPROVE

    view = invitations.answer(opened.invitation_id, parent, approve=True, relation="mother", method="telegram")
    assert view.active and view.guardian_relation == "mother"
    assert consents.receipt(record_id)["given_by"]["data_subject"] is True, "the record holds both parties"

    (notice,) = invitations.untold_answers("chat-of-the-child")
    assert (notice.purpose_id, notice.answer) == (PURPOSE, "approved")
    assert invitations.untold_answers("chat-of-the-child") == []


def test_the_short_code_works_like_the_link_and_tolerates_case_and_spaces(
    consents: ConsentService, invitations: GuardianInvitations
) -> None:
    issued = invitations.issue(pending(consents), InvitationIntent.APPROVE, "da", None)
    typed = issued.code.lower().replace("-", " ")
    assert invitations.open(typed, consents.pseudonym("telegram:7")).language == "da"


def test_a_declined_consent_is_refused_and_a_second_tap_changes_nothing(
    consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id = pending(consents)
    issued = invitations.issue(record_id, InvitationIntent.APPROVE, "nb", "chat")
    parent = consents.pseudonym("telegram:1")
    opened = invitations.open(issued.token, parent)
    assert invitations.answer(opened.invitation_id, parent, False, "father", "telegram").status == "refused"
    with pytest.raises(InvitationError) as second:
        invitations.answer(opened.invitation_id, parent, True, "father", "telegram")
    assert second.value.problem is InvitationProblem.USED
    assert consents.get(record_id).status == "refused"
    with pytest.raises(InvitationError) as reopened:
        invitations.open(issued.token, parent)
    assert reopened.value.problem is InvitationProblem.USED


def test_only_the_account_that_opened_the_link_can_answer(
    consents: ConsentService, invitations: GuardianInvitations
) -> None:
    record_id = pending(consents)
    issued = invitations.issue(record_id, InvitationIntent.APPROVE, "nb", "chat")
    opened = invitations.open(issued.token, consents.pseudonym("telegram:parent"))
    with pytest.raises(InvitationError) as stranger:
        invitations.answer(opened.invitation_id, consents.pseudonym("telegram:stranger"), True, "mother", "telegram")
    assert stranger.value.problem is InvitationProblem.NOT_OPENER
    assert consents.get(record_id).status == "pending_guardian"


def test_links_expire_after_72_hours_and_the_waiting_consent_expires_with_them(
    consents: ConsentService, invitations: GuardianInvitations, clock: FrozenClock
) -> None:
    record_id = pending(consents)
    issued = invitations.issue(record_id, InvitationIntent.APPROVE, "nb", "chat")
    clock.advance(hours=71, minutes=59)
    invitations.open(issued.token, consents.pseudonym("telegram:early"))
    clock.advance(minutes=2)
    with pytest.raises(InvitationError) as late:
        invitations.open(issued.token, consents.pseudonym("telegram:late"))
    assert late.value.problem is InvitationProblem.EXPIRED
    assert invitations.expire() == 1
    assert consents.get(record_id).status == "expired"
    assert invitations.expire() == 0


def test_wrong_tokens_and_codes_are_unknown(consents: ConsentService, invitations: GuardianInvitations) -> None:
    invitations.issue(pending(consents), InvitationIntent.APPROVE, "nb", None)
    for wrong in ("x" * 32, "ABCD-EFGH", "", "../../etc/passwd", "🙂" * 10):
        with pytest.raises(InvitationError) as unknown:
            invitations.open(wrong, consents.pseudonym("telegram:9"))
        assert unknown.value.problem is InvitationProblem.UNKNOWN


def test_tokens_and_codes_are_stored_only_as_hashes(
    engine: Engine, consents: ConsentService, invitations: GuardianInvitations
) -> None:
    issued = invitations.issue(pending(consents), InvitationIntent.APPROVE, "nb", None)
    with engine.connect() as connection:
        stored = " ".join(str(v) for row in connection.execute(text("SELECT * FROM guardian_invitations"))
                          for v in row)
    assert issued.token not in stored
    assert issued.code.replace("-", "") not in stored and issued.code not in stored


def test_a_guardian_who_is_informed_cannot_withdraw_a_16_year_olds_consent(
    consents: ConsentService, invitations: GuardianInvitations
) -> None:
    child = consents.pseudonym("child-16")
    record = consents.give(child, PURPOSE, "nb", "web", age=16)
    issued = invitations.issue(record.record_id, InvitationIntent.INFORM, "nb", "chat")
    parent = consents.pseudonym("telegram:16")
    opened = invitations.open(issued.token, parent)
    view = invitations.answer(opened.invitation_id, parent, True, "mother", "telegram")
    assert view.active and view.guardian_informed
    from bot.consent.service import NotAllowed

    with pytest.raises(NotAllowed):
        consents.withdraw(record.record_id, parent, "telegram")
    assert consents.withdraw(record.record_id, child, "web").status == "withdrawn"


def test_a_consent_withdrawn_before_the_guardian_answers_cannot_be_approved(
    consents: ConsentService, invitations: GuardianInvitations
) -> None:
    child = consents.pseudonym("child-14")
    record = consents.give(child, PURPOSE, "nb", "web", age=14)
    issued = invitations.issue(record.record_id, InvitationIntent.APPROVE, "nb", None)
    consents.withdraw(record.record_id, child, "web")
    with pytest.raises(InvitationError) as withdrawn:
        invitations.open(issued.token, consents.pseudonym("telegram:3"))
    assert withdrawn.value.problem is InvitationProblem.WITHDRAWN
