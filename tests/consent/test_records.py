"""Consent records through their lives: who must say yes, withdrawal at once, receipts, evidence."""

from __future__ import annotations

import pytest

from bot.clock import FrozenClock
from bot.consent.ages import ConsentRule
from bot.consent.purposes import DEFAULT_FILE, load_purposes, notice_hash
from bot.consent.service import ConsentService, NotAllowed, UnknownPurpose

PURPOSE = "training-videos"


def test_an_adult_consents_alone_and_withdrawal_takes_effect_at_once(consents: ConsentService) -> None:
    me = consents.pseudonym("kari@example.org")
    record = consents.give(me, PURPOSE, "nb", "web", age=34)
    assert record.active and record.rule is ConsentRule.SELF
    assert consents.is_active(me, PURPOSE)
    withdrawn = consents.withdraw(record.record_id, me, "web")
    assert withdrawn.status == "withdrawn"
    assert not consents.is_active(me, PURPOSE), "the very next check sees the withdrawal"


def test_a_16_year_old_consents_and_the_guardian_is_to_be_informed(consents: ConsentService) -> None:
    record = consents.give(consents.pseudonym("teen"), PURPOSE, "nn", "web", age=16)
    assert record.active and record.rule is ConsentRule.CHILD_GUARDIAN_INFORMED and not record.guardian_informed
    consents.mark_guardian_informed(record.record_id)
    assert consents.get(record.record_id).guardian_informed


def test_a_14_year_olds_consent_waits_for_a_guardian(consents: ConsentService) -> None:
    child = consents.pseudonym("child-14")
    record = consents.give(child, PURPOSE, "nb", "web", age=14)
    assert record.status == "pending_guardian" and record.subject_consented
    assert not consents.is_active(child, PURPOSE)
    parent = consents.pseudonym("telegram:123456")
    approved = consents.guardian_answer(record.record_id, parent, "mother", approve=True, method="telegram")
    assert approved.active and approved.guardian_relation == "mother"
    assert consents.is_active(child, PURPOSE)
    assert [r.record_id for r in consents.records_for_guardian(parent)] == [record.record_id]
    with pytest.raises(NotAllowed):
        consents.guardian_answer(record.record_id, parent, "mother", approve=True, method="telegram")


def test_under_13_only_the_guardian_consents_and_may_refuse(consents: ConsentService) -> None:
    child = consents.pseudonym("child-9")
    record = consents.give(child, PURPOSE, "da", "web", age=9)
    assert record.rule is ConsentRule.GUARDIAN_ONLY and not record.subject_consented
    refused = consents.guardian_answer(record.record_id, consents.pseudonym("g"), "father", approve=False,
                                       method="email-code")
    assert refused.status == "refused" and not consents.is_active(child, PURPOSE)


def test_the_guardian_can_withdraw_and_strangers_cannot(consents: ConsentService) -> None:
    child, parent = consents.pseudonym("child-15"), consents.pseudonym("parent")
    record = consents.give(child, PURPOSE, "nb", "web", age=15)
    consents.guardian_answer(record.record_id, parent, "guardian", approve=True, method="telegram")
    with pytest.raises(NotAllowed):
        consents.withdraw(record.record_id, consents.pseudonym("someone-else"), "web")
    assert consents.withdraw(record.record_id, parent, "telegram").status == "withdrawn"


def test_the_receipt_carries_the_27560_elements_and_the_evidence(consents: ConsentService, clock: FrozenClock) -> None:
    me = consents.pseudonym("ola@example.org")
    record = consents.give(me, "newsletter", "en", "web", age=40)
    clock.advance(days=3)
    consents.withdraw(record.record_id, me, "web")
    receipt = consents.receipt(record.record_id)
    assert receipt["record_id"] == record.record_id and receipt["controller"] == {"name": "Demo idrettslag"}
    assert receipt["legal_basis"] == "dpv:Consent"
    assert receipt["personal_data_categories"] == ["dpv:EmailAddress", "dpv:Name"]
    assert receipt["notice"]["sha256"] == notice_hash(load_purposes(DEFAULT_FILE)["newsletter"], "en")
    assert [h["status"] for h in receipt["status_history"]] == ["given", "withdrawn"]
    assert receipt["data_subject"] == {"pseudonymous_key": me}
    assert "ola@example.org" not in str(receipt)


def test_unknown_purposes_are_refused_and_changes_are_audited(
    consents: ConsentService, audit: list[tuple[str, str | None, dict]]
) -> None:
    with pytest.raises(UnknownPurpose):
        consents.give(consents.pseudonym("x"), "no-such-purpose", "nb", "web", age=30)
    record = consents.give(consents.pseudonym("y"), PURPOSE, "nb", "web", age=30)
    consents.withdraw(record.record_id, consents.pseudonym("y"), "web")
    assert [event for event, _, _ in audit] == ["consent.given", "consent.withdrawn"]


def test_each_role_has_the_words_for_the_age_and_the_record_hashes_those(consents: ConsentService) -> None:
    """Issue 17 item 4: the version shown is the version hashed, per role."""
    purpose = load_purposes(DEFAULT_FILE)[PURPOSE]
    child = consents.give(consents.pseudonym("child-11"), PURPOSE, "nn", "web", age=11)
    consents.guardian_answer(child.record_id, consents.pseudonym("mor"), "mother", approve=True, method="email-code",
                             verified="email", notice_language="nn")
    parties = {p["role"]: p["notice"] for p in consents.receipt(child.record_id)["consenting_parties"]}
    # Under 13 only the guardian consents, and reads the child's words (aloud to the child).
    assert parties["guardian"] == {"language": "nn", "version": "child",
                                   "sha256": notice_hash(purpose, "nn", "child")}
    assert consents.receipt(child.record_id)["notice"]["sha256"] == notice_hash(purpose, "nn", "child")

    young = consents.give(consents.pseudonym("child-14"), PURPOSE, "da", "web", age=14)
    consents.guardian_answer(young.record_id, consents.pseudonym("far"), "father", approve=True, method="telegram",
                             notice_language="da")
    parties = {p["role"]: p["notice"] for p in consents.receipt(young.record_id)["consenting_parties"]}
    assert parties["data_subject"] == {"language": "da", "version": "young",
                                       "sha256": notice_hash(purpose, "da", "young")}
    assert parties["guardian"] == {"language": "da", "version": "adult", "sha256": notice_hash(purpose, "da")}

    adult = consents.give(consents.pseudonym("voksen"), PURPOSE, "en", "web", age=30)
    assert consents.receipt(adult.record_id)["notice"] == {"language": "en", "version": "adult",
                                                          "sha256": notice_hash(purpose, "en")}
