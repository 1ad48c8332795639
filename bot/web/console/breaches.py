"""The admins' breach register in the console: /console/admin/breaches.

The same register and deadlines as `vern breach` (bot.breach.register): open a breach, complete what is known,
send the controller's notice, download the authority's draft, close it. Forms carry the session's CSRF token
(`signed_in(form=True)`), and only admins reach any of it."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.breach.register import BreachError, BreachRegister, parse_time
from bot.config import SUPPORTED_LANGUAGES
from bot.console.accounts import Account
from bot.web.console.pages import PREFIX, console_page, message
from bot.web.console.session import signed_in
from bot.web.context import services

console_breaches = Blueprint("console_breaches")
BREACHES_PATH = f"{PREFIX}/admin/breaches"
FORM_FIELDS = (
    ("what_happened", "What happened", "textarea"),
    ("discovered_at", "Discovered at (UTC, e.g. 2026-12-06T08:30; empty: now)", "text"),
    ("subject_categories", "Categories of data subjects", "text"),
    ("subjects_approx", "Approximate number of data subjects", "number"),
    ("record_categories", "Categories of personal data records", "text"),
    ("records_approx", "Approximate number of records", "number"),
    ("consequences", "Likely consequences", "textarea"),
    ("measures", "Measures taken or proposed", "textarea"),
    ("contact", "Contact point", "text"),
)


def _register(request: Request) -> BreachRegister:
    from bot.breach.service import breach_register

    return breach_register(services(request).settings)


def _form_values(request: Request, fill_empty: bool) -> dict[str, Any]:
    values = {name: (request.form.get(name) or "").strip() for name, _, _ in FORM_FIELDS}
    # An empty box on an update means "unchanged"; on opening it means "not known yet".
    return {k: v for k, v in values.items() if v or fill_empty}


def _fields(breach: Any = None) -> list[dict[str, Any]]:
    shown = []
    for name, label, kind in FORM_FIELDS:
        current = getattr(breach, name, "") if breach is not None else ""
        if name == "discovered_at" and breach is not None:
            current = f"{breach.discovered_at:%Y-%m-%dT%H:%M:%S}"
        shown.append({"name": name, "label": label, "kind": kind, "value": "" if current is None else current})
    return shown


def _row(breach: Any, now: datetime) -> dict[str, Any]:
    data = breach.as_dict(now)
    authority = ("closed" if breach.status == "closed"
                 else breach.deadlines.state(breach.deadlines.authority_due, None, now))
    return {"reference": breach.reference, "status": breach.status,
            "flagged": breach.status == "open" and breach.controller_notified_at is None,
            "discovered": breach.discovered_at.isoformat(timespec="seconds"),
            "what_happened": breach.what_happened[:160],
            "controller_due": data["controller_notice_due"], "controller_state": data["controller_notice"],
            "authority_due": data["authority_notice_due"], "authority_state": authority}


def _not_saved(request: Request, error: Exception, account: Account, csrf: str) -> HTTPResponse:
    return message(request, "Breach not saved", str(error), account, csrf, status=400, error=True,
                   back={"href": BREACHES_PATH, "text": "Back to the register"})


@console_breaches.get(BREACHES_PATH)
@signed_in(admin=True)
async def breaches(request: Request, account: Account, csrf: str) -> HTTPResponse:
    reg = _register(request)
    listed = await asyncio.to_thread(reg.list)
    now = reg.now()
    return console_page(request, "breaches.html", "Breaches", account, csrf, rows=[_row(b, now) for b in listed],
                        breaches_path=BREACHES_PATH, fields=_fields())


@console_breaches.post(BREACHES_PATH)
@signed_in(admin=True, form=True)
async def open_breach(request: Request, account: Account, csrf: str) -> HTTPResponse:
    values = _form_values(request, fill_empty=True)
    what, discovered = values.pop("what_happened", ""), values.pop("discovered_at", "")
    values["contact"] = values.get("contact") or services(request).settings.mail_from
    try:
        moment = parse_time(discovered) if discovered else None
        breach, _ = await asyncio.to_thread(_register(request).open, what, discovered_at=moment, **values)
    except BreachError as error:
        return _not_saved(request, error, account, csrf)
    return response.redirect(f"{BREACHES_PATH}/{breach.reference}")


@console_breaches.get(f"{BREACHES_PATH}/<reference:str>")
@signed_in(admin=True)
async def breach_page(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
    reg = _register(request)
    try:
        breach = await asyncio.to_thread(reg.get, reference)
    except BreachError as error:
        return message(request, "No such breach", str(error), account, csrf, status=404, error=True)
    notified = (f"The controller was notified at {breach.controller_notified_at.isoformat(timespec='seconds')}Z."
                if breach.controller_notified_at else "The controller has not been notified yet.")
    return console_page(request, "breach.html", f"Breach {breach.reference}", account, csrf,
                        row=_row(breach, reg.now()), notified=notified, path=f"{BREACHES_PATH}/{breach.reference}",
                        languages=SUPPORTED_LANGUAGES, language=services(request).settings.breach_contact_language,
                        fields=_fields(breach))


@console_breaches.post(f"{BREACHES_PATH}/<reference:str>")
@signed_in(admin=True, form=True)
async def update_breach(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
    try:
        breach = await asyncio.to_thread(_register(request).update, reference,
                                         **_form_values(request, fill_empty=False))
    except BreachError as error:
        return _not_saved(request, error, account, csrf)
    return response.redirect(f"{BREACHES_PATH}/{breach.reference}")


@console_breaches.post(f"{BREACHES_PATH}/<reference:str>/notify")
@signed_in(admin=True, form=True)
async def notify_breach(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
    from bot.breach.service import notify_controller
    from bot.mail.errors import MailError

    settings = services(request).settings
    language = request.form.get("language") or settings.breach_contact_language
    if language not in SUPPORTED_LANGUAGES:
        return _not_saved(request, BreachError("unknown language"), account, csrf)
    try:
        notified = await notify_controller(_register(request), reference, settings, language)
    except BreachError as error:
        return _not_saved(request, error, account, csrf)
    except MailError:
        return console_page(request, "breach_not_sent.html", "Not sent", account, csrf, status=503)
    return response.redirect(f"{BREACHES_PATH}/{notified.breach.reference}")


@console_breaches.post(f"{BREACHES_PATH}/<reference:str>/close")
@signed_in(admin=True, form=True)
async def close_breach(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
    try:
        breach = await asyncio.to_thread(_register(request).close, reference)
    except BreachError as error:
        return _not_saved(request, error, account, csrf)
    return response.redirect(f"{BREACHES_PATH}/{breach.reference}")


@console_breaches.get(f"{BREACHES_PATH}/<reference:str>/draft")
@signed_in(admin=True)
async def breach_draft(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
    from bot.breach.notice import authority_draft

    settings = services(request).settings
    language = request.args.get("lang") or settings.breach_contact_language
    try:
        if language not in SUPPORTED_LANGUAGES:
            raise BreachError("unknown language")
        breach = await asyncio.to_thread(_register(request).get, reference)
    except BreachError as error:
        return message(request, "No such breach", str(error), account, csrf, status=404, error=True)
    filename = f"{breach.reference}-authority-draft.md"
    return response.text(authority_draft(breach, language, settings), content_type="text/markdown; charset=utf-8",
                         headers={"Content-Disposition": f'attachment; filename="{filename}"'})
