"""The page behind a young person's objection link (bot.guardians.young_objection): a GET shows what the link is
for and a button (mail scanners open links); the POST that button sends records the objection, once; a second
click gets a plain page. bot.web.young routes the requests here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from sanic.response import HTTPResponse

from bot.cases.service import CaseService
from bot.guardians.young_notice import PATH, LinkState, Visit, YoungObjections
from bot.guardians.young_objection import CONFIRM, STATUS, THANKS, YoungObjectionRecorder, problem_texts
from bot.web.templates import html_page, page_templates

NO_STORE = {"Cache-Control": "no-store"}


class YoungObjectionPages:
    """The recorder's answers as pages."""

    def __init__(self, links: YoungObjections, cases: CaseService,
                 audit: Callable[[str, str | None, dict[str, Any]], None] | None = None,
                 templates: Environment | None = None) -> None:
        self._recorder = YoungObjectionRecorder(links, cases, audit)
        self._templates = templates or page_templates()

    def _problem(self, found: Visit) -> HTTPResponse:
        return html_page(self._templates, "link/message.html", STATUS[found.state], NO_STORE,
                         language=found.language, texts=problem_texts(found))

    async def confirm(self, token: str) -> HTTPResponse:
        """GET: what the link is for, and the button; the link is not used up."""
        found = await self._recorder.peek(token)
        if found.state is not LinkState.OK:
            return self._problem(found)
        language = found.language if found.language in CONFIRM else "en"
        title, text, button = CONFIRM[language]
        return html_page(self._templates, "link/confirm.html", 200, NO_STORE, language=language, title=title,
                         text=text, button=button, action=f"{PATH}{token}")

    async def record(self, token: str) -> HTTPResponse:
        """POST: the objection, on the case, once."""
        found = await self._recorder.record(token)
        if found.state is not LinkState.OK or found.case_reference is None:
            return self._problem(found)
        language = found.language if found.language in THANKS else "en"
        return html_page(self._templates, "link/message.html", 200, NO_STORE, language=language,
                         texts=[THANKS[language]])
