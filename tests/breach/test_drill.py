"""The breach drill: someone edits an audit row in the database; the next verification finds it, Vern opens a
breach by itself, and the controller's breach contact gets the notice with the 24-hour deadline (000 §9.2)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from bot.audit.service import AuditTrail
from bot.clock import utc_now
from bot.db.engine import create_db_engine
from tests.breach.conftest import SECRET, Deployment, text_of
from tests.console.conftest import own_database_name
from tests.support.databases import own_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def drill(request: pytest.FixtureRequest, deployment: Deployment) -> Iterator[Deployment]:
    if request.param == "sqlite":
        yield deployment
        return
    with own_postgres_database(own_database_name("breach_drill")) as url:
        deployment.extra["DATABASE_URL"] = url
        yield deployment


def test_a_tampered_audit_row_opens_a_breach_and_mails_the_controller_the_deadline(drill: Deployment) -> None:
    url = drill.env["DATABASE_URL"]
    engine = create_db_engine(url)
    trail = AuditTrail(engine, utc_now, SECRET.encode())
    for subject in ("a", "b", "c"):
        trail.record("case.opened", subject, {"count": 1})
    assert drill.vern("audit", "verify").returncode == 0
    assert drill.mails() == [] and "no breaches" in drill.vern("breach", "list").stdout

    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET event = 'case.closed' WHERE seq = 2"))
    before = utc_now()
    failed = drill.vern("audit", "verify")
    assert failed.returncode == 1 and "entry 2 was modified" in failed.stderr

    (breach,) = json.loads(drill.vern("breach", "list", "--json").stdout)
    assert breach["cause"] == "audit-chain" and breach["status"] == "open"
    assert "entry 2 was modified" in breach["what_happened"]
    assert breach["controller_notified_at"] is not None and breach["controller_notice"] == "done"
    (mail,) = drill.mails()
    body = text_of(mail)
    assert breach["reference"] in mail["Subject"] and mail["Content-Language"] == "nb"
    due = re.search(r"Frist for melding til dere: (\d{4}-\d\d-\d\d \d\d:\d\d) UTC", body)
    assert due is not None, body
    deadline = datetime.strptime(due.group(1), "%Y-%m-%d %H:%M")
    assert timedelta(hours=23, minutes=58) <= deadline - before.replace(tzinfo=None) <= timedelta(hours=24, minutes=1)
    assert "Frist for melding til Datatilsynet" in body and "entry 2 was modified" in body

    # The cause goes on until someone repairs the log: the next checks find the same breach, not a new one.
    assert drill.vern("audit", "verify").returncode == 1
    assert len(json.loads(drill.vern("breach", "list", "--json").stdout)) == 1
    assert len(drill.mails()) == 1
    with engine.connect() as connection:
        events = [row[0] for row in connection.execute(text("SELECT event FROM audit_log ORDER BY seq"))]
    assert events[-2:] == ["breach.opened", "breach.controller_notified"], "the breach's own history is in the chain"
    engine.dispose()
