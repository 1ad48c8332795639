"""At 16-17 the young person is told when a guardian acts, and may object with one click (issue 17, item 2).

With GUARDIAN_ACTS_BELOW=18, a registered guardian asks for a 17-year-old's data. Real parts on both
databases, the demo register as a CSV file, and a real SMTP server that captures the mails."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.cases.request_types import RequestType
from bot.clock import FrozenClock
from bot.config import Settings
from bot.console.case_fields import made_by_line
from bot.db import migrate
from bot.db.engine import create_db_engine
from bot.dsr.flow import CompletionStatus, YoungTold
from bot.guardians.acting import YOUNG_PERSON_EMAIL, guardian_details, own_details, read_stash, stash
from bot.guardians.registry import FileGuardianRegistry
from bot.guardians.young_notice import YoungObjections
from bot.mail.smtp import SmtpMailer
from bot.web.young_pages import YoungObjectionPages
from tests.dsr.test_flow import RecordingMailer
from tests.guardians.test_acting import MOTHER, NOW, REFERENCE, SECRET, World
from tests.support.databases import own_postgres_database
from tests.support.services import own_database_name
from tests.support.smtp import CapturingSmtpServer

YOUNG = "ola@example.org"
SEVENTEEN = "2008"  # the younger possible age on NOW: 17
TABLES = ("young_person_objections", "guardian_invitations", "consent_events", "consent_records", "case_events",
          "cases", "subject_contacts")


@pytest.fixture(scope="module")
def young_pg_url() -> Iterator[str]:
    with own_postgres_database(own_database_name("youngobj")) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        db = create_db_engine(f"sqlite:///{tmp_path / 'young.sqlite3'}")
        migrate.upgrade(db)
    else:
        db = create_db_engine(request.getfixturevalue("young_pg_url"))
        with db.begin() as connection:
            for table in TABLES:
                connection.execute(text(f"DELETE FROM {table}"))
    yield db
    db.dispose()


@pytest.fixture
def register(tmp_path: Path) -> FileGuardianRegistry:
    path = tmp_path / "guardians.csv"
    path.write_text(f"child_reference,guardian\n{REFERENCE},{MOTHER}\n", encoding="utf-8")
    return FileGuardianRegistry(path)


SETTINGS = dataclasses.replace(Settings(), guardian_acts_below=18, public_url="https://vern.example.org")


def young_world(engine: Engine, register: FileGuardianRegistry, mailer: Any = None) -> World:
    world = World(engine, register, mailer, settings=SETTINGS)
    world.links = YoungObjections(engine, SECRET, world.clock)  # type: ignore[attr-defined]
    world.flow._young_objections = world.links  # type: ignore[attr-defined]
    return world


def pages(world: World, audit: list[tuple[str, str | None, dict[str, Any]]]) -> YoungObjectionPages:
    return YoungObjectionPages(world.links, world.cases,  # type: ignore[attr-defined]
                               lambda event, subject, details: audit.append((event, subject, details)))


def kinds(world: World, reference: str) -> list[str]:
    return [event.kind for event in world.cases.history(reference)]


def test_the_young_persons_address_travels_in_the_stash_and_never_into_the_case() -> None:
    value = stash(2008, "ELEV-4711", YOUNG)
    found = read_stash(value)
    assert found is not None and (found.birth_year, found.reference, found.young_email) == (2008, "ELEV-4711", YOUNG)
    details = guardian_details({"reference": value, "birth_year": "2008"})
    assert details[YOUNG_PERSON_EMAIL] == YOUNG
    assert YOUNG_PERSON_EMAIL not in own_details(details)
    assert read_stash(stash(2008, "ELEV-4711")) == read_stash("forchild:2008:ELEV-4711")


async def test_a_17_year_old_is_told_by_email_and_may_object_once(engine: Engine,
                                                                  register: FileGuardianRegistry) -> None:
    smtp = CapturingSmtpServer()
    smtp.start()
    try:
        mailer = SmtpMailer(smtp.url(), mail_from="Vern <vern@example.org>", clock=FrozenClock(NOW), timeout=5.0)
        world = young_world(engine, register, mailer)
        done = await world.ask(RequestType.ACCESS, MOTHER, SEVENTEEN, REFERENCE,
                               {"reference": stash(int(SEVENTEEN), REFERENCE, YOUNG)})
        assert done.status is CompletionStatus.OPENED and done.case is not None, done
        assert done.acting is not None and done.acting.young_person
        assert done.young_person_told == YoungTold.MAILED.value
        to_young = [message for message in smtp.messages if message["To"] == YOUNG]
        assert len(to_young) == 1
        body = to_young[0].get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        assert "få se opplysningene" in body, body
        token = re.search(r"https://vern\.example\.org/young-objection/([A-Za-z0-9_-]+)", body)
        assert token is not None, body
        reference = done.case.reference
    finally:
        smtp.stop()
    # The address went into that mail only: not the case, not the link's row.
    case = world.cases.get(reference)
    assert YOUNG not in str(case.details) and YOUNG_PERSON_EMAIL not in case.details
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM young_person_objections")).mappings().all()
    assert len(rows) == 1 and token.group(1) not in str(dict(rows[0])) and YOUNG not in str(dict(rows[0]))
    assert rows[0]["case_reference"] == reference
    assert "young_person_told" in kinds(world, reference)

    audit: list[tuple[str, str | None, dict[str, Any]]] = []
    web = pages(world, audit)
    shown = await web.confirm(token.group(1))
    assert shown.status == 200 and b'method="post"' in shown.body
    assert "young_person_objected" not in kinds(world, reference), "a GET (a mail scanner) objects to nothing"
    answered = await web.record(token.group(1))
    assert answered.status == 200 and "Takk" in answered.body.decode()
    assert kinds(world, reference).count("young_person_objected") == 1
    assert audit == [("case.young_person_objected", None,
                      {"case": reference, "fields": ["objection"], "via": "email_link"})]
    again = await web.record(token.group(1))
    assert again.status == 409 and "allerede brukt" in again.body.decode()
    assert kinds(world, reference).count("young_person_objected") == 1
    assert (await web.confirm(token.group(1))).status == 409
    # The caseworker sees it on the case.
    line = made_by_line("guardian", REFERENCE, "register", False, frozenset(kinds(world, reference)))
    assert "The young person objects" in line


async def test_an_unknown_or_expired_link_gets_a_plain_page(engine: Engine, register: FileGuardianRegistry) -> None:
    world = young_world(engine, register, RecordingMailer())
    done = await world.ask(RequestType.ERASURE, MOTHER, SEVENTEEN, REFERENCE,
                           {"reference": stash(int(SEVENTEEN), REFERENCE, YOUNG)})
    assert done.young_person_told == YoungTold.MAILED.value and done.case is not None
    mail = [sent for sent in world.mailer.sent if sent.to == YOUNG]  # type: ignore[attr-defined]
    assert len(mail) == 1 and mail[0].kind == "young_person_told" and "slette" in mail[0].text
    token = re.search(r"/young-objection/([A-Za-z0-9_-]+)", mail[0].text)
    assert token is not None
    web = pages(world, [])
    unknown = await web.record("x" * 43)
    assert unknown.status == 404 and "This link does not work." in unknown.body.decode()
    world.clock.advance(days=40)  # past the answer period (one month)
    expired = await web.record(token.group(1))
    assert expired.status == 410
    assert "young_person_objected" not in kinds(world, done.case.reference)


async def test_without_an_address_nobody_is_mailed_and_a_caseworker_tells_them(
        engine: Engine, register: FileGuardianRegistry) -> None:
    world = young_world(engine, register, RecordingMailer())
    done = await world.ask(RequestType.ACCESS, MOTHER, SEVENTEEN, REFERENCE)
    assert done.status is CompletionStatus.OPENED and done.case is not None
    assert done.young_person_told == YoungTold.NO_ADDRESS.value
    assert [sent.to for sent in world.mailer.sent] == [MOTHER]  # type: ignore[attr-defined]  # the receipt only
    history = kinds(world, done.case.reference)
    assert "young_person_to_be_told" in history and "young_person_told" not in history
    line = made_by_line("guardian", REFERENCE, "register", False, frozenset(history))
    assert "tell the young person" in line


async def test_the_guardians_own_address_is_refused_as_the_young_persons(
        engine: Engine, register: FileGuardianRegistry) -> None:
    world = young_world(engine, register, RecordingMailer())
    done = await world.ask(RequestType.ACCESS, MOTHER, SEVENTEEN, REFERENCE,
                           {"reference": stash(int(SEVENTEEN), REFERENCE, MOTHER.upper())})
    assert done.status is CompletionStatus.OPENED and done.case is not None
    assert done.young_person_told == YoungTold.OWN_ADDRESS.value
    assert all(sent.kind != "young_person_told" for sent in world.mailer.sent)  # type: ignore[attr-defined]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM young_person_objections")).scalar() == 0
    assert "young_person_told" not in kinds(world, done.case.reference)


async def test_under_16_nobody_is_told_even_with_an_address(engine: Engine, register: FileGuardianRegistry) -> None:
    world = young_world(engine, register, RecordingMailer())
    done = await world.ask(RequestType.ACCESS, MOTHER, "2015", REFERENCE,
                           {"reference": stash(2015, REFERENCE, YOUNG)})
    assert done.status is CompletionStatus.OPENED and done.young_person_told is None
    assert all(sent.to != YOUNG for sent in world.mailer.sent)  # type: ignore[attr-defined]
