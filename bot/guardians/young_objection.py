"""A young person's objection through the link in their e-mail (bot.guardians.young_notice): what the page says,
and the objection recorded on the case, once (bot.web.young serves the page).

Mail scanners open links before people do, so looking at the link (`peek`) changes nothing; only `record`, the
POST of the page's button, objects. Nothing on the page names the young person, the guardian or the child
reference. A failure that escapes (the database is down) ends in bot.web.errors, like any other.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from bot.cases.service import YOUNG_PERSON_OBJECTED, YOUNG_PERSON_OBJECTED_NOTE, CaseService
from bot.guardians.young_notice import LinkState, Visit, YoungObjections

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


def problem_texts(found: Visit) -> list[str]:
    """Why the link does nothing; an unknown link carries no language, so it is said in all four."""
    texts = PROBLEMS[found.state]
    return [texts[found.language]] if found.language in texts else list(texts.values())


class YoungObjectionRecorder:
    def __init__(self, links: YoungObjections, cases: CaseService,
                 audit: Callable[[str, str | None, dict[str, Any]], None] | None = None) -> None:
        self._links = links
        self._cases = cases
        self._audit = audit

    async def peek(self, token: str) -> Visit:
        """What the link is for; the link is not used up."""
        return await asyncio.to_thread(self._links.peek, token)

    async def record(self, token: str) -> Visit:
        """The objection, on the case, once; a link that is not OK (used, expired, unknown) records nothing."""
        found = await asyncio.to_thread(self._links.use, token)
        if found.state is not LinkState.OK or found.case_reference is None:
            return found
        await asyncio.to_thread(self._cases.note, found.case_reference, YOUNG_PERSON_OBJECTED,
                                YOUNG_PERSON_OBJECTED_NOTE)
        if self._audit is not None:
            # Field names only: which case, and that it came from the link; nothing about the young person.
            await asyncio.to_thread(self._audit, "case.young_person_objected", None,
                                    {"case": found.case_reference, "fields": ["objection"], "via": "email_link"})
        logger.info("case %s: the young person objects", found.case_reference)
        return found

