"""The console's case pages: the list with its filters, one case (masked until the logged reveal), and the status
and extension forms. Every view of a case, and every reveal, is in the access log."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from markupsafe import Markup
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.cases.errors import CaseError
from bot.cases.request_types import RequestType
from bot.cases.status import CaseStatus
from bot.config import SUPPORTED_LANGUAGES
from bot.console.accounts import Account
from bot.console.case_fields import case_fields, made_by_line
from bot.console.services import ConsoleServices, tell_by_mail
from bot.mail import templates
from bot.pii import mask
from bot.web.console.pages import PREFIX, console_page, explain, message, say, say_count
from bot.web.console.session import signed_in
from bot.web.context import services

console_cases = Blueprint("console_cases")
FILTERS = {"type": [t.value for t in RequestType], "status": [s.value for s in CaseStatus],
           "language": list(SUPPORTED_LANGUAGES)}


def _row(request: Request, case: Any) -> dict[str, Any]:
    overdue = case.days_left is not None and case.days_left < 0
    due = say(request, "console_case_closed") if case.days_left is None else (
        say_count(request, "console_days_overdue", -case.days_left) if overdue
        else say_count(request, "console_days_left", case.days_left))
    return {"reference": case.reference, "request_type": case.request_type.value, "status": case.status.value,
            "language": case.language, "deadline": case.deadline.isoformat(), "due": due, "overdue": overdue}


@console_cases.get(f"{PREFIX}/")
@signed_in()
async def case_list(request: Request, account: Account, csrf: str) -> HTTPResponse:
    chosen = {key: request.args.get(key) or None for key in FILTERS}
    try:
        cases = await asyncio.to_thread(services(request).console.cases.list_cases, "deadline", chosen["type"],
                                        chosen["status"], chosen["language"])
    except (ValueError, CaseError):
        return message(request, say(request, "console_nav_cases"), say(request, "console_filter_unknown"), account,
                       csrf, status=400, error=True)
    filters = [{"name": name, "label": say(request, f"console_filter_{name}"), "options": ["", *options],
                "chosen": chosen[name]} for name, options in FILTERS.items()]
    return console_page(request, "cases.html", say(request, "console_nav_cases"), account, csrf, filters=filters,
                        cases=[_row(request, case) for case in cases])


async def _case_detail(request: Request, account: Account, csrf: str, reference: str,
                       reveal: bool) -> HTTPResponse:
    s: ConsoleServices = services(request).console
    try:
        case = await asyncio.to_thread(s.cases.get, reference.upper()[:16])
    except CaseError:
        return message(request, say(request, "console_no_such_case_title"), say(request, "console_no_such_case"),
                       account, csrf, status=404)
    action = "revealed_contact" if reveal else "viewed_case"
    await asyncio.to_thread(s.access.record, account.username, action, case.reference)
    if s.alerts is not None:
        kind = await asyncio.to_thread(s.alerts.crossed, account.username, action)
        if kind:
            await s.alerts.alert(account.username, kind)
    history = await asyncio.to_thread(s.cases.history, case.reference)
    contact = await asyncio.to_thread(s.cases.contact_email, case.subject_key) if reveal else None
    # case_fields and made_by_line escape what they print.
    words = partial(say, request)
    details = Markup(case_fields(case.details, str if reveal else mask, words))  # noqa: S704
    made_by = Markup(made_by_line(case.made_by, case.child_reference, case.guardian_verified,  # noqa: S704
                                  reveal, frozenset(event.kind for event in history), words))
    events = [{"when": e.occurred_at.isoformat(timespec="minutes"), "kind": e.kind, "to_status": e.to_status or "",
               "note": mask(e.note) if e.note else ""} for e in history]
    return console_page(request, "case.html", say(request, "console_case_title", reference=case.reference), account,
                        csrf, case=case, revealed=reveal, contact=contact, details=details, made_by=made_by,
                        history=events, statuses=list(CaseStatus))


@console_cases.get(f"{PREFIX}/cases/<reference:str>")
@signed_in()
async def case_page(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
    return await _case_detail(request, account, csrf, reference, reveal=False)


@console_cases.post(f"{PREFIX}/cases/<reference:str>/reveal")
@signed_in(form=True)
async def case_reveal(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
    return await _case_detail(request, account, csrf, reference, reveal=True)


@console_cases.post(f"{PREFIX}/cases/<reference:str>/status")
@signed_in(form=True)
async def case_status(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
    s = services(request).console
    target = request.form.get("status") or ""
    note = (request.form.get("note") or "").strip()[:2000] or None
    try:
        case = await asyncio.to_thread(s.cases.change_status, reference, target, note, account.username)
    except (ValueError, CaseError) as error:
        return message(request, say(request, "console_not_changed"), explain(request, error), account, csrf,
                       status=400, error=True)
    if case.status is CaseStatus.COMPLETED:
        await tell_by_mail(s, case.subject_key, lambda to: templates.case_completed(
            to, case.reference, case.language, settings=s.settings))
    return response.redirect(f"{PREFIX}/cases/{case.reference}")


@console_cases.post(f"{PREFIX}/cases/<reference:str>/extend")
@signed_in(form=True)
async def case_extend(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
    s = services(request).console
    try:
        months = int(request.form.get("months") or "1")
    except ValueError:
        months = 0  # not a number of months: refused below, with the words for it
    try:
        case = await asyncio.to_thread(s.cases.extend, reference, months, request.form.get("reason") or "",
                                       account.username)
    except (ValueError, CaseError) as error:
        return message(request, say(request, "console_not_extended"), explain(request, error), account, csrf,
                       status=400, error=True)
    await tell_by_mail(s, case.subject_key, lambda to: templates.case_extended(
        to, case.reference, case.deadline, case.extension_reason or "", case.language, settings=s.settings))
    return response.redirect(f"{PREFIX}/cases/{case.reference}")
