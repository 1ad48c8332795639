"""An access export gathers the person's cases and consent records, and nobody else's."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.engine import Engine

from bot.cases.request_types import RequestType
from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.config import AgeBands
from bot.consent.purposes import DEFAULT_FILE, load_purposes
from bot.consent.service import ConsentService, consent_pseudonym
from bot.fulfilment.holdings import collect_holdings

SECRET = b"holdings-test-secret-0123456789"


def test_holdings_hold_the_persons_cases_and_consents_only(engine: Engine) -> None:
    clock = FrozenClock(datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc))
    cases = CaseService(engine, clock, SECRET, downstream_recipients=("Medlemsregisteret",))
    consents = ConsentService(engine, clock, SECRET, load_purposes(DEFAULT_FILE), AgeBands(), "Demo")
    mine = cases.open_case(RequestType.ERASURE, "kari@example.org", "nb", "rest", conversation_id="chat-1")
    cases.open_case(RequestType.ACCESS, "ola@example.org", "nb", "rest", conversation_id="chat-2")
    consents.give(consent_pseudonym(SECRET, "kari@example.org"), "newsletter", "nb", "web", age=30)
    consents.give(consent_pseudonym(SECRET, "ola@example.org"), "newsletter", "nb", "web", age=30)

    holdings = collect_holdings(engine, [], cases.subject_key("kari@example.org"), "kari@example.org",
                                ("Medlemsregisteret",), consent_pseudonym(SECRET, "kari@example.org"))

    assert [c["reference"] for c in holdings.cases] == [mine.reference]
    assert holdings.cases[0]["notify_recipients"] == ["Medlemsregisteret"], "Art. 19 for erasure"
    assert [c["purpose"] for c in holdings.consents] == ["newsletter"]
    assert holdings.conversation_ids == ["chat-1"]
