"""16-17: the young person's consent applies at once and Vern itself tells the guardian, by e-mail, when the
young person gives the guardian's address in the chat (never to the young person's own address)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.consent.purposes import default_purposes, notice_text
from bot.consent.service import ConsentService
from tests.consent.test_guardian_register import CHILD, Family

NEWSLETTER = "newsletter"


@pytest.fixture
def family(engine: Engine, consents: ConsentService, clock: FrozenClock) -> Family:
    return Family(engine, consents, clock, None)


async def test_a_17_year_olds_guardian_is_informed_by_vern_in_the_chats_language(family: Family) -> None:
    done = await family.child_completes(NEWSLETTER, "2009", "guardian:Far@Example.org", "da")
    assert done.guardian_mailed
    (mail,) = [m for m in family.mailer.sent if m.kind == "guardian_informed"]
    assert mail.to == "far@example.org" and mail.language == "da"
    assert notice_text(default_purposes()[NEWSLETTER], "da").split("\n")[0] in mail.text
    assert "/guardian/" in mail.text, "the link to acknowledge it"
    record = family.consents.get(done.consents[0].record_id)
    assert record.active and record.guardian_informed, "the consent stands; the record says the guardian was told"
    receipt = family.consents.receipt(record.record_id)
    assert any(e["method"] == "email-notice" for e in receipt["status_history"])


async def test_the_young_persons_own_address_informs_nobody(family: Family) -> None:
    done = await family.child_completes(NEWSLETTER, "2009", f"guardian:{CHILD}")
    assert not done.guardian_mailed and done.invitation is not None, "the link to pass on instead"
    assert [m for m in family.mailer.sent if m.kind == "guardian_informed"] == []


async def test_no_address_given_keeps_the_link(family: Family) -> None:
    done = await family.child_completes(NEWSLETTER, "2009", None)
    assert not done.guardian_mailed and done.invitation is not None
