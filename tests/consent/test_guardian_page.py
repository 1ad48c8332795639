"""The guardian web page as a parent reads it: the widget's look, local times, a withdrawal method that is
actually named, a code mail that says where to type the code, and "What I have answered" to withdraw later."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.config import Settings
from bot.consent.guardian_page import GuardianPageCodeSender
from bot.consent.local_time import local_time
from bot.consent.purposes import notice_text
from bot.consent.service import ConsentService
from bot.i18n import translate
from bot.mail import templates
from tests.consent.test_guardian_register import MOTHER, VIDEOS, Family

LANGUAGES = ("nb", "nn", "da", "en")


@pytest.fixture
def family(engine: Engine, consents: ConsentService, clock: FrozenClock) -> Family:
    return Family(engine, consents, clock, None)


def text_of(body: bytes) -> str:
    return html.unescape(body.decode())


async def test_the_page_is_styled_like_the_widget_and_names_how_to_withdraw(family: Family) -> None:
    issued = await family.child_asks(VIDEOS, "2013", None)
    for language in LANGUAGES:
        page = text_of((await family.page.show(issued.token, language)).body)
        assert "/static/guardian.css" in page and 'class="g-header"' in page
        assert "personvern@example.org" in page, "the withdrawal method is named"

        assert "med ." not in page and "with ." not in page and "/samtykker" not in page
        assert "/guardian-answers?lang=" + language in page
    assert Path("bot/web/static/guardian.css").read_text().count("#1f4e79") >= 2, "the widget's colour"


async def test_times_are_local_not_utc(family: Family, clock: FrozenClock) -> None:
    # 22 November 12:00 UTC is 13:00 in Oslo (CET).
    assert local_time(datetime(2026, 11, 22, 12, 0), "Europe/Oslo") == "2026-11-22 13:00 CET"
    assert local_time(datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc), "Europe/Copenhagen") == "2026-07-01 14:00 CEST"
    issued = await family.child_asks(VIDEOS, "2013", None)
    status, page = await family.guardian_answers(issued.token, MOTHER)
    assert status == 200 and "13:00 CET" in page and "UTC" not in page


def test_the_code_mail_for_the_page_says_to_type_it_on_the_page() -> None:
    for language in LANGUAGES:
        mail = templates.guardian_page_code("mor@example.org", "123456", language, 10, settings=Settings())
        assert "123456" in mail.text
        assert "samtalen med Vern" not in mail.text and "chat with Vern" not in mail.text, language
    assert "on the web page where you asked for it" in templates.guardian_page_code(
        "mor@example.org", "123456", "en", 10, settings=Settings()).text
    assert GuardianPageCodeSender  # the page's verification service sends this mail (bot.consent.guardian_page)


async def test_a_guardian_sees_what_they_answered_and_withdraws_it_later(family: Family) -> None:
    issued = await family.child_asks(VIDEOS, "2013", None)
    status, page = await family.guardian_answers(issued.token, MOTHER)
    assert translate("web_answers_title", "en") in page and translate("consent_withdraw_button", "en") in page

    # Days later: the answers page, the e-mail code, the list, withdraw.
    start = text_of((await family.page.answers_start("nb")).body)
    assert translate("web_answers_intro", "nb") in start
    assert (await family.page.answers_code(MOTHER, "nb")).status == 200
    wrong = await family.page.answers_list(MOTHER, "000000", "nb")
    assert wrong.status == 400
    listed = text_of((await family.page.answers_list(MOTHER, family.page_codes.last_code, "nb")).body)
    title = "Videoopptak av treningen i en lukket gruppe"
    assert f"«{title}»: gitt" in listed
    grant = re.search(r'name="grant" value="([^"]+)"', listed).group(1)  # type: ignore[union-attr]
    record = re.search(r'name="record" value="([^"]+)"', listed).group(1)  # type: ignore[union-attr]

    forged = grant.rsplit(".", 1)[0] + ".0" * 1 + "f" * 63
    assert (await family.page.answers_withdraw(forged, record, "nb")).status == 403
    done = await family.page.answers_withdraw(grant, record, "nb")
    assert done.status == 200
    assert translate("consent_withdrawn", "nb", title=title) in text_of(done.body)
    assert family.consents.get(record).status == "withdrawn", "at once"


async def test_another_guardians_grant_cannot_withdraw_this_consent(family: Family) -> None:
    issued = await family.child_asks(VIDEOS, "2013", None)
    await family.guardian_answers(issued.token, MOTHER)
    record = family.record_of_child()
    assert (await family.page.answers_code("nabo@example.org", "en")).status == 200
    listed = text_of((await family.page.answers_list("nabo@example.org", family.page_codes.last_code, "en")).body)
    assert translate("web_answers_none", "en") in listed
    stranger = family.page._grant(family.consents.pseudonym("nabo@example.org"))  # noqa: SLF001 - a real grant
    assert (await family.page.answers_withdraw(stranger, record, "en")).status == 403
    assert family.consents.get(record).status == "given"


async def test_a_guardian_who_answered_on_the_page_finds_it_in_the_chat_too(family: Family) -> None:
    from bot.dsr.flow import CompletionStatus
    from bot.dsr.kinds import CONSENT_LOOKUP

    issued = await family.child_asks(VIDEOS, "2013", None)
    await family.guardian_answers(issued.token, MOTHER)
    await family.flow.begin("mother-chat", CONSENT_LOOKUP, MOTHER, "nb", "web")
    await family.flow.check_code("mother-chat", family.child_codes.last_code)
    found = await family.flow.complete("mother-chat")
    assert found.status is CompletionStatus.CONSENTS_FOUND
    assert [c.record_id for c in found.consents] == [family.record_of_child()], "their address lists it now"


@pytest.mark.parametrize(("birth_year", "subject", "guardian"), [
    ("2015", "child", "child"),  # 10 on the fixture's day (22 November 2026; the younger possible age)
    ("2011", "young", "adult"),  # 14: the guardian consents next to the young person, with the full notice
    ("2008", "young", "adult"),  # 17: the guardian is informed, with the full notice
])
async def test_each_person_and_guardian_reads_the_words_for_the_age(
    family: Family, birth_year: str, subject: str, guardian: str
) -> None:
    """Issue 17 item 4: the young person was shown (and the record hashes) the young person's words; a child's
    guardian reads the child's words aloud; the guardian of a 13-17-year-old reads the adult notice."""
    issued = await family.child_asks(VIDEOS, birth_year, None)
    record = family.consents.get(family.record_of_child())
    assert record.notice_version == subject
    purpose = family.consents.purpose(VIDEOS)
    for language in LANGUAGES:
        page = text_of((await family.page.show(issued.token, language)).body)
        shown = notice_text(purpose, language, guardian)
        assert all(line in page for line in shown.splitlines()), (language, guardian)
        others = [notice_text(purpose, language, audience).splitlines()[1]
                  for audience in ("child", "young", "adult") if audience != guardian]
        assert not any(description in page for description in others), (language, "one version only")
