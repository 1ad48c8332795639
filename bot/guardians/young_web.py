"""The page behind a young person's objection link (bot.guardians.young_notice).

Mail scanners open links before people do, so a GET only shows what the link is for and a button; the POST
that button sends records the objection, once. Nothing on the page names the young person, the guardian or
the child reference. A failure that escapes (the database is down) ends in bot.web.errors, like any other.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable
from typing import Any

from sanic import response
from sanic.response import HTTPResponse

from bot.cases.service import YOUNG_PERSON_OBJECTED, YOUNG_PERSON_OBJECTED_NOTE, CaseService
from bot.config import Settings
from bot.guardians.young_notice import PATH, LinkState, Visit, YoungObjections

logger = logging.getLogger(__name__)
LANGUAGES = ("nb", "nn", "da", "en")

CONFIRM = {
    "nb": ("Si nei til det den foresatte ba om", "Trykk på knappen hvis du ikke vil at det den foresatte ba om, "
           "skal skje. En saksbehandler får beskjed og bestemmer før noe blir gjort.", "Jeg sier nei"),
    "nn": ("Sei nei til det den føresette bad om", "Trykk på knappen om du ikkje vil at det den føresette bad om, "
           "skal skje. Ein sakshandsamar får melding og avgjer før noko blir gjort.", "Eg seier nei"),
    "da": ("Sig nej til det, din forælder bad om", "Tryk på knappen, hvis du ikke vil have, at det, din forælder "
           "eller værge bad om, skal ske. En sagsbehandler får besked og beslutter, før der sker noget.",
           "Jeg siger nej"),
    "en": ("Say no to what your parent asked for", "Press the button if you do not want what your parent or "
           "guardian asked for to happen. A caseworker is told and decides before anything is done.", "I say no"),
}
THANKS = {
    "nb": "Takk. Vi har skrevet ned at du sier nei. En saksbehandler ser på saken før noe blir gjort.",
    "nn": "Takk. Vi har skrive ned at du seier nei. Ein sakshandsamar ser på saka før noko blir gjort.",
    "da": "Tak. Vi har noteret, at du siger nej. En sagsbehandler ser på sagen, før der sker noget.",
    "en": "Thank you. We have noted that you say no. A caseworker looks at the case before anything is done.",
}
PROBLEMS = {
    LinkState.USED: {
        "nb": "Denne lenken er allerede brukt. Vi har fått beskjed om at du sier nei.",
        "nn": "Denne lenkja er alt brukt. Vi har fått melding om at du seier nei.",
        "da": "Dette link er allerede brugt. Vi har fået besked om, at du siger nej.",
        "en": "This link has already been used. We have been told that you say no.",
    },
    LinkState.EXPIRED: {
        "nb": "Denne lenken virker ikke lenger. Vil du si nei likevel, kan du skrive til oss.",
        "nn": "Denne lenkja verkar ikkje lenger. Vil du seie nei likevel, kan du skrive til oss.",
        "da": "Dette link virker ikke længere. Vil du alligevel sige nej, kan du skrive til os.",
        "en": "This link no longer works. If you still want to say no, you can write to us.",
    },
    LinkState.UNKNOWN: {
        "nb": "Denne lenken virker ikke.",
        "nn": "Denne lenkja verkar ikkje.",
        "da": "Dette link virker ikke.",
        "en": "This link does not work.",
    },
}
STATUS = {LinkState.USED: 409, LinkState.EXPIRED: 410, LinkState.UNKNOWN: 404}


def _html(language: str, body: str, code: int) -> HTTPResponse:
    return response.html(
        f'<!doctype html><html lang="{html.escape(language or "nb")}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="stylesheet" href="/static/demo.css"><title>Vern</title></head>'
        f'<body><main class="guardian">{body}</main></body></html>',
        status=code, headers={"Cache-Control": "no-store"},
    )


def _problem(found: Visit) -> HTTPResponse:
    texts = PROBLEMS[found.state]
    # An unknown link carries no language: say it in all four.
    chosen = [texts[found.language]] if found.language in texts else list(texts.values())
    return _html(found.language, "".join(f"<p>{html.escape(text)}</p>" for text in chosen), STATUS[found.state])


class YoungObjectionPages:
    def __init__(self, links: YoungObjections, cases: CaseService,
                 audit: Callable[[str, str | None, dict[str, Any]], None] | None = None) -> None:
        self._links = links
        self._cases = cases
        self._audit = audit

    async def confirm(self, token: str) -> HTTPResponse:
        """GET: what the link is for, and the button; the link is not used up."""
        found = await asyncio.to_thread(self._links.peek, token)
        if found.state is not LinkState.OK:
            return _problem(found)
        language = found.language if found.language in CONFIRM else "en"
        title, text, button = CONFIRM[language]
        body = (f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>"
                f'<form method="post" action="{PATH}{html.escape(token)}">'
                f'<button type="submit">{html.escape(button)}</button></form>')
        return _html(language, body, 200)

    async def record(self, token: str) -> HTTPResponse:
        """POST: the objection, on the case, once."""
        found = await asyncio.to_thread(self._links.use, token)
        if found.state is not LinkState.OK or found.case_reference is None:
            return _problem(found)
        await asyncio.to_thread(self._cases.note, found.case_reference, YOUNG_PERSON_OBJECTED,
                                YOUNG_PERSON_OBJECTED_NOTE)
        if self._audit is not None:
            # Field names only: which case, and that it came from the link; nothing about the young person.
            await asyncio.to_thread(self._audit, "case.young_person_objected", None,
                                    {"case": found.case_reference, "fields": ["objection"], "via": "email_link"})
        logger.info("case %s: the young person objects", found.case_reference)
        language = found.language if found.language in THANKS else "en"
        return _html(language, f"<p>{html.escape(THANKS[language])}</p>", 200)


def young_objection_pages(settings: Settings) -> YoungObjectionPages:
    from bot.clock import utc_now
    from bot.db.engine import get_engine
    from bot.wiring import audit_trail

    secret = settings.secret_key.reveal().encode()
    engine = get_engine(settings.database_url)
    return YoungObjectionPages(YoungObjections(engine, secret, utc_now), CaseService(engine, utc_now, secret),
                               audit_trail().record)
