"""The admins' page "Compliance": the record of processing and the DPIA draft of this deployment, downloadable.

The same documents as `vern compliance record|dpia` (bot.compliance), built from the running configuration
when the page is opened, in nb or en, with downloads as Markdown or JSON. The breach register (issue 18
item 4) has its own page; this one links to it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings
from bot.console.accounts import Account
from bot.console.markup import SignedIn

COMPLIANCE_PATH = "/console/admin/compliance"
DOWNLOAD_PATH = COMPLIANCE_PATH + "/download"
BREACHES_PATH = "/console/admin/breaches"
DOCUMENTS = {"record": "Record of processing (Art. 30)", "dpia": "DPIA draft (Art. 35)"}
MEDIA = {"md": "text/markdown; charset=utf-8", "json": "application/json; charset=utf-8"}


def register_compliance_page(app: Sanic, settings: Settings, signed_in: SignedIn,
                             page: Callable[..., HTTPResponse], esc: Callable[[object], str]) -> None:
    def build(name: str, lang: str) -> dict[str, Any]:
        from bot.compliance.documents import BUILDERS
        from bot.compliance.facts import gather

        return BUILDERS[name](gather(settings, settings.retention_policy_file, settings.consent_purposes_file), lang)

    def language(request: Request) -> str | None:
        from bot.compliance.words import DOCUMENT_LANGUAGES

        lang = request.args.get("lang") or "nb"
        return lang if lang in DOCUMENT_LANGUAGES else None

    async def documents(lang: str) -> dict[str, dict[str, Any]] | str:
        """Both documents, or why the configuration cannot give them (a message, never a stack trace)."""
        from bot.compliance.subprocessors import SubprocessorError
        from bot.consent.purposes import PurposeError
        from bot.knowledge.base import KnowledgeError
        from bot.retention.errors import PolicyError

        try:
            return {name: await asyncio.to_thread(build, name, lang) for name in DOCUMENTS}
        except (KnowledgeError, PolicyError, PurposeError, SubprocessorError) as error:
            return str(error)

    @app.get(COMPLIANCE_PATH)
    @signed_in(admin=True)
    async def compliance(request: Request, account: Account, csrf: str) -> HTTPResponse:
        from bot.compliance.render import to_html
        from bot.compliance.words import DOCUMENT_LANGUAGES

        lang = language(request)
        if lang is None:
            return page("Compliance", "<p class='error'>Unknown language.</p>", account, csrf, status=400)
        built = await documents(lang)
        if isinstance(built, str):
            return page("Compliance", f"<p class='error'>The configuration cannot be read: {esc(built)}</p>",
                        account, csrf, status=503)
        languages = " ".join(f"<a href='{COMPLIANCE_PATH}?lang={code}'>{code}</a>" for code in DOCUMENT_LANGUAGES)
        downloads = "".join(
            f"<li>{esc(title)}: " + " ".join(
                f"<a href='{DOWNLOAD_PATH}?document={name}&amp;lang={lang}&amp;format={fmt}' download>"
                f"{'Markdown' if fmt == 'md' else 'JSON'}</a>" for fmt in MEDIA) + "</li>"
            for name, title in DOCUMENTS.items())
        body = (f"<p>Generated from this deployment's configuration (<code>vern compliance record</code>, "
                f"<code>vern compliance dpia</code>). Language: {languages}.</p>"
                f"<h2>Downloads</h2><ul class='downloads'>{downloads}</ul>"
                # Issue 18 item 4 keeps the breach register on its own page; this is where it is reached from.
                f"<h2 id='breaches'>Breach register</h2><p><a href='{BREACHES_PATH}'>Breaches, their deadlines "
                "and notices</a></p>"
                f"<section id='record'>{to_html(built['record'])}</section>"
                f"<section id='dpia'>{to_html(built['dpia'])}</section>")
        return page("Compliance", body, account, csrf)

    @app.get(DOWNLOAD_PATH)
    @signed_in(admin=True)
    async def compliance_download(request: Request, account: Account, csrf: str) -> HTTPResponse:
        from bot.compliance.render import render

        name, fmt, lang = request.args.get("document") or "", request.args.get("format") or "md", language(request)
        if name not in DOCUMENTS or fmt not in MEDIA or lang is None:
            return page("Compliance", "<p class='error'>Unknown document, language or format.</p>", account, csrf,
                        status=400)
        built = await documents(lang)
        if isinstance(built, str):
            return page("Compliance", f"<p class='error'>The configuration cannot be read: {esc(built)}</p>",
                        account, csrf, status=503)
        filename = f"vern-{name}.{lang}.{fmt}"
        return response.text(render(built[name], fmt), content_type=MEDIA[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})
