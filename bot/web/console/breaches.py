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
from bot.web.console.pages import PREFIX, console_page, explain, message, say
from bot.web.console.session import signed_in
from bot.web.context import services

console_breaches = Blueprint("console_breaches")
BREACHES_PATH = f"{PREFIX}/admin/breaches"
# Each field's label is console_field_<name>.
FORM_FIELDS = (
    ("what_happened", "textarea"),
    ("discovered_at", "text"),
    ("subject_categories", "text"),
    ("subjects_approx", "number"),
    ("record_categories", "text"),
    ("records_approx", "number"),
    ("consequences", "textarea"),
    ("measures", "textarea"),
    ("contact", "text"),
)


def _register(request: Request) -> BreachRegister:
    from bot.breach.service import breach_register

    return breach_register(services(request).settings)


def _form_values(request: Request, fill_empty: bool) -> dict[str, Any]:
    values = {name: (request.form.get(name) or "").strip() for name, _ in FORM_FIELDS}
    # An empty box on an update means "unchanged"; on opening it means "not known yet".
    return {k: v for k, v in values.items() if v or fill_empty}


def _fields(request: Request, breach: Any = None) -> list[dict[str, Any]]:
    shown = []
    for name, kind in FORM_FIELDS:
        current = getattr(breach, name, "") if breach is not None else ""
        if name == "discovered_at" and breach is not None:
            current = f"{breach.discovered_at:%Y-%m-%dT%H:%M:%S}"
        shown.append({"name": name, "label": say(request, f"console_field_{name}"), "kind": kind,
                      "value": "" if current is None else current})
    return shown


def _state(request: Request, due: datetime, done_at: datetime | None, now: datetime) -> str:
    """Deadlines.state in the console's words: done, done late, overdue by or due in so long."""
    if done_at is not None:
        return say(request, "console_breach_done" if done_at <= due else "console_breach_done_late")
    minutes = int(abs((due - now).total_seconds()) // 60)
    span = say(request, "console_breach_span", hours=minutes // 60, minutes=f"{minutes % 60:02d}")
    return say(request, "console_breach_overdue" if due <= now else "console_breach_due_in", span=span)


def _row(request: Request, breach: Any, now: datetime) -> dict[str, Any]:
    data = breach.as_dict(now)
    due = breach.deadlines
    authority = (say(request, "console_breach_closed") if breach.status == "closed"
                 else _state(request, due.authority_due, None, now))
    return {"reference": breach.reference, "status": breach.status,
            "status_words": say(request, f"console_breach_{breach.status}"),
            "flagged": breach.status == "open" and breach.controller_notified_at is None,
            "discovered": breach.discovered_at.isoformat(timespec="seconds"),
            "what_happened": breach.what_happened[:160],
            "controller_due": data["controller_notice_due"],
            "controller_state": _state(request, due.controller_due, breach.controller_notified_at, now),
            "authority_due": data["authority_notice_due"], "authority_state": authority}


def _not_saved(request: Request, error: Exception, account: Account, csrf: str) -> HTTPResponse:
    return message(request, say(request, "console_breach_not_saved"), explain(request, error), account, csrf,
                   status=400, error=True, back={"href": BREACHES_PATH, "text": say(request, "console_breach_back")})


@console_breaches.get(BREACHES_PATH)
@signed_in(admin=True)
async def breaches(request: Request, account: Account, csrf: str) -> HTTPResponse:
    reg = _register(request)
    listed = await asyncio.to_thread(reg.list)
    now = reg.now()
    return console_page(request, "breaches.html", say(request, "console_nav_breaches"), account, csrf,
                        rows=[_row(request, b, now) for b in listed], breaches_path=BREACHES_PATH,
                        fields=_fields(request))


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
        return message(request, say(request, "console_no_such_breach"), explain(request, error), account, csrf,
                       status=404, error=True)
    notified = (say(request, "console_breach_notified",
                    moment=breach.controller_notified_at.isoformat(timespec="seconds"))
                if breach.controller_notified_at else say(request, "console_breach_not_notified"))
    return console_page(request, "breach.html", say(request, "console_breach_title", reference=breach.reference),
                        account, csrf, row=_row(request, breach, reg.now()), notified=notified,
                        path=f"{BREACHES_PATH}/{breach.reference}",
                        languages=SUPPORTED_LANGUAGES,
                        contact_language=services(request).settings.breach_contact_language,
                        fields=_fields(request, breach))


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
        return _not_saved(request, BreachError("unknown language", key="console_error_language"), account, csrf)
    try:
        notified = await notify_controller(_register(request), reference, settings, language)
    except BreachError as error:
        return _not_saved(request, error, account, csrf)
    except MailError:
        return console_page(request, "breach_not_sent.html", say(request, "console_breach_not_sent_title"), account,
                            csrf, status=503)
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
            raise BreachError("unknown language", key="console_error_language")
        breach = await asyncio.to_thread(_register(request).get, reference)
    except BreachError as error:
        return message(request, say(request, "console_no_such_breach"), explain(request, error), account, csrf,
                       status=404, error=True)
    filename = f"{breach.reference}-authority-draft.md"
    return response.text(authority_draft(breach, language, settings), content_type="text/markdown; charset=utf-8",
                         headers={"Content-Disposition": f'attachment; filename="{filename}"'})
