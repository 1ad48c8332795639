"""`vern breach` as an operator runs it: the register, its deadlines, the controller's notice, the audit chain."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import text

from bot.db.engine import create_db_engine
from tests.breach.conftest import Deployment, text_of

REFERENCE = re.compile(r"BR-\d{8}-[A-Z0-9]{4}")


def opened(deployment: Deployment, *extra: str) -> str:
    result = deployment.vern("breach", "open", "--what", "A caseworker's laptop with an export was stolen",
                             "--discovered", "2026-11-30T08:00Z", *extra)
    assert result.returncode == 0, result.stderr
    return REFERENCE.search(result.stdout).group(0)  # type: ignore[union-attr]


def test_open_shows_both_deadlines_from_the_discovery(deployment: Deployment) -> None:
    result = deployment.vern("breach", "open", "--what", "Export mailed to the wrong school",
                             "--discovered", "2026-11-30T09:30+01:00", "--subjects", "pupils",
                             "--subjects-approx", "28")
    assert result.returncode == 0, result.stderr
    # Discovered 08:30 UTC: the controller must hear within 24 h, the authority within 72 h.
    assert "controller notice due 2026-12-01T08:30:00Z" in result.stdout
    assert "authority notice due  2026-12-03T08:30:00Z" in result.stdout
    listed = json.loads(deployment.vern("breach", "list", "--json").stdout)
    assert [(b["subjects_approx"], b["subject_categories"], b["status"]) for b in listed] == [(28, "pupils", "open")]


def test_notify_mails_the_breach_contact_in_their_language_with_the_art_33_3_content(deployment: Deployment) -> None:
    reference = opened(deployment, "--subjects", "elever", "--subjects-approx", "30", "--records", "navn, adresser",
                       "--records-approx", "120", "--consequences", "identitetstyveri", "--measures",
                       "enheten fjernsperret")
    draft = deployment.var_dir / "draft.md"
    result = deployment.vern("breach", "notify", reference, "--language", "da", "--draft-out", str(draft))
    assert result.returncode == 0, result.stderr
    (mail,) = deployment.mails()
    body = text_of(mail)
    assert mail["Subject"] == f"Brud på persondatasikkerheden hos Vern ({reference})"
    assert mail["Content-Language"] == "da"
    for fact in ("Frist for underretning af jer: 2026-12-01 08:00 UTC",
                 "Frist for anmeldelse til Datatilsynet: 2026-12-03 08:00 UTC",
                 "Omtrentligt antal registrerede: 30", "Omtrentligt antal registreringer: 120",
                 "Sandsynlige konsekvenser: identitetstyveri", "Trufne eller foreslåede foranstaltninger: enheten",
                 "Kontaktpunkt for yderligere oplysninger: Vern <vern@leverandor.example>"):
        assert fact in body
    assert "Udkast: anmeldelse" in draft.read_text() and "Eksempel kommune" in draft.read_text()
    shown = json.loads(deployment.vern("breach", "show", reference).stdout)
    assert shown["controller_notice"] == "done late", "discovered on 30 November 08:00, told later than 24 h after"


@pytest.mark.parametrize(("language", "subject"), [("nb", "Brudd på personopplysningssikkerheten hos Vern"),
                                                    ("nn", "Brot på personopplysningstryggleiken hjå Vern"),
                                                    ("en", "Personal data breach at Vern")])
def test_the_default_language_is_the_contacts(deployment: Deployment, language: str, subject: str) -> None:
    deployment.extra["BREACH_CONTACT_LANGUAGE"] = language
    reference = opened(deployment)
    assert deployment.vern("breach", "notify", reference).returncode == 0
    (mail,) = deployment.mails()
    assert mail["Subject"].startswith(subject) and mail["Content-Language"] == language


def test_update_close_and_the_audit_chain(deployment: Deployment) -> None:
    reference = opened(deployment)
    updated = deployment.vern("breach", "update", reference, "--records-approx", "40", "--measures", "wiped")
    assert updated.returncode == 0, updated.stderr
    assert deployment.vern("breach", "close", reference).returncode == 0
    assert "no breaches registered" in deployment.vern("breach", "list", "--open").stdout
    engine = create_db_engine(deployment.url)
    with engine.connect() as connection:
        events = connection.execute(text("SELECT event, subject, details FROM audit_log ORDER BY seq")).all()
    engine.dispose()
    assert [e.event for e in events] == ["breach.opened", "breach.updated", "breach.closed"]
    assert {e.subject for e in events} == {reference}
    assert "wiped" not in repr(events), "the audit chain names fields, never their contents"
    assert deployment.vern("audit", "verify").returncode == 0


@pytest.mark.parametrize(("args", "message"), [
    (("breach", "close", "BR-20260101-AAAA"), "no breach has the reference"),
    (("breach", "open", "--what", "x", "--subjects-approx", "many"), "subjects approx must be a whole number"),
    (("breach", "open", "--what", "x", "--discovered", "yesterday"), "is not a time"),
    (("breach", "open", "--what", "x", "--discovered", "2999-01-01T00:00"), "in the future"),
    (("breach", "open", "--what", "  "), "say what happened"),
])
def test_bad_input_is_a_clear_message(deployment: Deployment, args: tuple[str, ...], message: str) -> None:
    result = deployment.vern(*args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_a_notice_that_cannot_be_sent_says_so_and_the_deadline_stays_due(deployment: Deployment) -> None:
    reference = opened(deployment)
    deployment.smtp.refuse_next(10, code=550)
    result = deployment.vern("breach", "notify", reference)
    assert result.returncode == 1 and "not sent" in result.stderr and "Traceback" not in result.stderr
    shown = json.loads(deployment.vern("breach", "show", reference).stdout)
    assert shown["controller_notified_at"] is None and shown["controller_notice"].startswith("OVERDUE")


def test_draft_only_sends_nothing_and_marks_nothing(deployment: Deployment) -> None:
    reference = opened(deployment)
    draft = deployment.vern("breach", "notify", reference, "--draft", "--language", "en")
    assert draft.returncode == 0 and "Draft: notification of a personal data breach" in draft.stdout
    assert "**Notice to the authority due by**: 2026-12-03 08:00 UTC" in draft.stdout
    assert deployment.mails() == []
    assert json.loads(deployment.vern("breach", "show", reference).stdout)["controller_notified_at"] is None
