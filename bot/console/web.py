"""The case console: server-rendered pages for caseworkers and admins under /console.

Every state-changing form carries the session's CSRF token; the session cookie
is HttpOnly, SameSite=Strict, scoped to /console and Secure in production.
Personal data is masked in the lists; a caseworker reveals a contact on a case
they work on, and the reveal, like every view of a case, is in the access log."""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.cases.errors import CaseError
from bot.cases.request_types import RequestType
from bot.cases.status import CaseStatus
from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.console.accounts import Account, LoginOutcome
from bot.console.case_fields import case_fields, made_by_line
from bot.console.chats import register_chats
from bot.console.compliance_page import register_compliance_page
from bot.console.guard import register_allow_list, source_of
from bot.console.markup import PREFIX, Handler, esc
from bot.console.password_page import PASSWORD_PATH, register_password_page
from bot.console.services import ConsoleServices, tell_by_mail
from bot.console.training_page import register_training_page
from bot.mail import templates
from bot.pii import mask

logger = logging.getLogger(__name__)

SESSION_COOKIE = "vern_console"
LOGIN_COOKIE = "vern_console_login"  # double-submit token for the login form, which has no session yet


def page(title: str, body: str, account: Account | None = None, csrf: str = "", status: int = 200) -> HTTPResponse:
    nav = ""
    if account is not None:
        admin = (f' <a href="{PREFIX}/admin/access-log">Access log</a> <a href="{PREFIX}/admin/training">Training</a>'
                 f' <a href="{PREFIX}/admin/compliance">Compliance</a>'
                 f' <a href="{PREFIX}/admin/breaches">Breaches</a>' if account.is_admin else "")
        nav = (f'<nav><a href="{PREFIX}/">Cases</a> <a href="{PREFIX}/chats">Chats</a>{admin} '
               f'<span>{esc(account.username)} ({esc(account.role)})</span> '
               f'<form method="post" action="{PREFIX}/logout" class="inline">'
               f'<input type="hidden" name="csrf" value="{esc(csrf)}"><button>Log out</button></form></nav>')
    return response.html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="/static/console.css"><title>{esc(title)} · Vern console</title></head>'
        f'<body>{nav}<main><h1>{esc(title)}</h1>{body}</main></body></html>',
        status=status,
    )


def _cookie(resp: HTTPResponse, name: str, value: str, settings: Settings, max_age: int | None = None) -> None:
    resp.cookies[name] = value
    cookie = resp.cookies[name]
    cookie["path"] = PREFIX
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    if settings.is_production:
        cookie["secure"] = True
    if max_age is not None:
        cookie["max-age"] = max_age


def _forget_cookie(resp: HTTPResponse, name: str) -> None:
    resp.cookies[name] = ""
    resp.cookies[name]["path"] = PREFIX
    resp.cookies[name]["max-age"] = 0


def register_console(app: Sanic, services_factory: Callable[[], ConsoleServices], settings: Settings) -> None:
    register_allow_list(app, settings)

    def services() -> ConsoleServices:
        if not hasattr(app.ctx, "console"):
            app.ctx.console = services_factory()
        console: ConsoleServices = app.ctx.console
        return console

    def signed_in(admin: bool = False, form: bool = False, allow_pending: bool = False
                  ) -> Callable[[Handler], Handler]:
        """The account behind the cookie, the CSRF check for forms, the role for admin pages; an account
        still on its initial password reaches only the page that changes it."""

        def wrap(handler: Handler) -> Handler:
            async def checked(request: Request, **kwargs: Any) -> HTTPResponse:
                s = services()
                token = request.cookies.get(SESSION_COOKIE)
                account = await asyncio.to_thread(s.sessions.account, token)
                if account is None:
                    if form:
                        return page("Signed out", "<p>Your session has ended. Please log in again.</p>",
                                    status=401)
                    return response.redirect(f"{PREFIX}/login")
                if form and not s.sessions.csrf_ok(token, request.form.get("csrf")):
                    return page("Refused", "<p>The form was not sent from this console (CSRF check).</p>",
                                account, s.sessions.csrf_token(str(token)), status=403)
                if account.must_change_password and not allow_pending:
                    return response.redirect(PASSWORD_PATH)
                if admin and not account.is_admin:
                    return page("Not allowed", "<p>This page is for admins.</p>", account,
                                s.sessions.csrf_token(str(token)), status=403)
                return await handler(request, account, s.sessions.csrf_token(str(token)), **kwargs)

            checked.__name__ = handler.__name__
            return checked

        return wrap

    @app.get(f"{PREFIX}/login")
    async def login_form(request: Request) -> HTTPResponse:
        nonce = secrets.token_urlsafe(24)
        resp = page("Log in", _login_form(nonce))
        _cookie(resp, LOGIN_COOKIE, nonce, services().settings, max_age=900)
        return resp

    @app.post(f"{PREFIX}/login")
    async def login(request: Request) -> HTTPResponse:
        s = services()
        nonce = request.cookies.get(LOGIN_COOKIE) or ""
        if not nonce or not secrets.compare_digest(nonce.encode(), (request.form.get("csrf") or "").encode()):
            return page("Refused", "<p>The login form has expired. <a href='login'>Try again</a>.</p>", status=403)
        username = (request.form.get("username") or "").strip().lower()[:64]
        password = request.form.get("password") or ""
        code = request.form.get("code") or ""
        address = source_of(request, s.settings)
        source = str(address) if address else "unknown"
        # Counted as a failure before the (slow) check: parallel guesses cannot outrun the count.
        wait = await asyncio.to_thread(s.throttle.admit, username, source)
        if wait:
            return page("Log in", f"<p class='error'>Too many failed attempts. Try again in {wait} seconds.</p>"
                        + _login_form(nonce), status=429)
        outcome, account = await asyncio.to_thread(s.accounts.verify, username, password, code)
        if outcome is not LoginOutcome.OK or account is None:
            logger.info("console login refused")
            return page("Log in", "<p class='error'>Wrong username, password or code.</p>" + _login_form(nonce),
                        status=401)
        await asyncio.to_thread(s.throttle.succeeded, username, source)
        await asyncio.to_thread(s.throttle.purge)
        if s.alerts is not None and await asyncio.to_thread(s.alerts.new_network, account.id, address):
            await s.alerts.alert(account.username, "new_network")
        token = await asyncio.to_thread(s.sessions.start, account)
        resp = response.redirect(PASSWORD_PATH if account.must_change_password else f"{PREFIX}/")
        _cookie(resp, SESSION_COOKIE, token, s.settings)
        _forget_cookie(resp, LOGIN_COOKIE)
        return resp

    @app.post(f"{PREFIX}/logout")
    @signed_in(form=True)
    async def logout(request: Request, account: Account, csrf: str) -> HTTPResponse:
        await asyncio.to_thread(services().sessions.end, str(request.cookies.get(SESSION_COOKIE)))
        resp = response.redirect(f"{PREFIX}/login")
        _forget_cookie(resp, SESSION_COOKIE)
        return resp

    @app.get(f"{PREFIX}/")
    @signed_in()
    async def case_list(request: Request, account: Account, csrf: str) -> HTTPResponse:
        filters = {key: request.args.get(key) or None for key in ("type", "status", "language")}
        try:
            cases = await asyncio.to_thread(
                services().cases.list_cases, "deadline", filters["type"], filters["status"], filters["language"])
        except (ValueError, CaseError):
            return page("Cases", "<p class='error'>Unknown filter.</p>", account, csrf, status=400)
        return page("Cases", _filters(filters) + _case_table(cases), account, csrf)

    @app.get(f"{PREFIX}/cases/<reference:str>")
    @signed_in()
    async def case_page(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
        return await _case_detail(services(), account, csrf, reference, reveal=False)

    @app.post(f"{PREFIX}/cases/<reference:str>/reveal")
    @signed_in(form=True)
    async def case_reveal(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
        return await _case_detail(services(), account, csrf, reference, reveal=True)

    @app.post(f"{PREFIX}/cases/<reference:str>/status")
    @signed_in(form=True)
    async def case_status(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
        s = services()
        target = request.form.get("status") or ""
        note = (request.form.get("note") or "").strip()[:2000] or None
        try:
            case = await asyncio.to_thread(s.cases.change_status, reference, target, note, account.username)
        except (ValueError, CaseError) as error:
            return page("Not changed", f"<p class='error'>{esc(error)}</p>", account, csrf, status=400)
        if case.status is CaseStatus.COMPLETED:
            await tell_by_mail(s, case.subject_key, lambda to: templates.case_completed(to, case.reference, case.language,
                                                                                  settings=s.settings))
        return response.redirect(f"{PREFIX}/cases/{case.reference}")

    @app.post(f"{PREFIX}/cases/<reference:str>/extend")
    @signed_in(form=True)
    async def case_extend(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
        s = services()
        try:
            months = int(request.form.get("months") or "1")
            case = await asyncio.to_thread(s.cases.extend, reference, months, request.form.get("reason") or "",
                                           account.username)
        except (ValueError, CaseError) as error:
            return page("Not extended", f"<p class='error'>{esc(error)}</p>", account, csrf, status=400)
        await tell_by_mail(s, case.subject_key, lambda to: templates.case_extended(
            to, case.reference, case.deadline, case.extension_reason or "", case.language, settings=s.settings))
        return response.redirect(f"{PREFIX}/cases/{case.reference}")

    register_chats(app, services, signed_in, page)
    register_password_page(app, services, signed_in, page, esc)
    register_training_page(app, settings, signed_in, page, esc)
    register_compliance_page(app, settings, signed_in, page, esc)
    from bot.breach.page import register_breach_page

    register_breach_page(app, settings, signed_in, page, esc)

    @app.get(f"{PREFIX}/admin/access-log")
    @signed_in(admin=True)
    async def access_log(request: Request, account: Account, csrf: str) -> HTTPResponse:
        entries = await asyncio.to_thread(services().access.recent, 500, request.args.get("user") or None)
        rows = "".join(f"<tr class='{'flagged' if e.flagged else ''}'>"
                       f"<td>{esc(e.at.isoformat(timespec='seconds'))}Z</td><td>{esc(e.username)}</td>"
                       f"<td>{esc(e.action)}</td><td>{esc(e.target)}</td></tr>" for e in entries)
        return page("Access log", "<table><thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Which</th>"
                    f"</tr></thead><tbody>{rows}</tbody></table>", account, csrf)


def _login_form(nonce: str) -> str:
    return (f'<form method="post" action="{PREFIX}/login" class="login">'
            f'<input type="hidden" name="csrf" value="{esc(nonce)}">'
            '<label for="username">Username</label><input id="username" name="username" autocomplete="username" '
            'required maxlength="64">'
            '<label for="password">Password</label><input id="password" name="password" type="password" '
            'autocomplete="current-password" required maxlength="1024">'
            '<label for="code">Code from your authenticator app</label><input id="code" name="code" '
            'inputmode="numeric" autocomplete="one-time-code" required maxlength="8">'
            '<button type="submit">Log in</button></form>')


def _filters(chosen: dict[str, str | None]) -> str:
    def select_(name: str, options: list[str]) -> str:
        items = "".join(f'<option value="{esc(o)}"{" selected" if chosen.get(name) == o else ""}>{esc(o or "all")}'
                        "</option>" for o in ["", *options])
        return f'<label for="f-{name}">{name.title()}</label><select id="f-{name}" name="{name}">{items}</select>'

    return (f'<form method="get" action="{PREFIX}/" class="filters">'
            + select_("type", [t.value for t in RequestType]) + select_("status", [s.value for s in CaseStatus])
            + select_("language", list(SUPPORTED_LANGUAGES)) + '<button type="submit">Filter</button></form>')


def _case_table(cases: list[Any]) -> str:
    if not cases:
        return "<p>No cases.</p>"
    rows = []
    for case in cases:
        overdue = case.days_left is not None and case.days_left < 0
        due = "closed" if case.days_left is None else (
            f"{-case.days_left} days overdue" if overdue else f"{case.days_left} days left")
        rows.append(
            f'<tr class="{"overdue" if overdue else ""}" data-reference="{esc(case.reference)}">'
            f'<td><a href="{PREFIX}/cases/{esc(case.reference)}">{esc(case.reference)}</a></td>'
            f"<td>{esc(case.request_type.value)}</td><td>{esc(case.status.value)}</td><td>{esc(case.language)}</td>"
            f"<td>{esc(case.deadline.isoformat())}</td><td>{esc(due)}</td></tr>")
    return ("<table><thead><tr><th>Case</th><th>Right</th><th>Status</th><th>Language</th><th>Deadline</th>"
            f"<th>Time</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def detail_fields(details: dict[str, Any], prefix: str = "") -> list[tuple[str, object]]:
    """A case's details as label/value pairs; nested results (an erasure's counts per store) become
    one field each ("erased: consent records"), never a Python dict's repr."""
    fields: list[tuple[str, object]] = []
    for key, value in sorted(details.items()):
        label = f"{prefix}{str(key).replace('_', ' ')}"
        if isinstance(value, dict):
            fields += detail_fields(value, f"{label}: ")
        elif isinstance(value, bool):
            fields.append((label, "yes" if value else "no"))
        else:
            fields.append((label, value))
    return fields


async def _case_detail(s: ConsoleServices, account: Account, csrf: str, reference: str,
                       reveal: bool) -> HTTPResponse:
    try:
        case = await asyncio.to_thread(s.cases.get, reference.upper()[:16])
    except CaseError:
        return page("No such case", "<p>There is no case with this reference.</p>", account, csrf, status=404)
    action = "revealed_contact" if reveal else "viewed_case"
    await asyncio.to_thread(s.access.record, account.username, action, case.reference)
    if s.alerts is not None:
        kind = await asyncio.to_thread(s.alerts.crossed, account.username, action)
        if kind:
            await s.alerts.alert(account.username, kind)
    details = case_fields(case.details, str if reveal else mask)
    history = await asyncio.to_thread(s.cases.history, case.reference)
    made_by = made_by_line(case.made_by, case.child_reference, case.guardian_verified, reveal,
                           frozenset(event.kind for event in history))
    contact = ""
    if reveal:
        address = await asyncio.to_thread(s.cases.contact_email, case.subject_key)
        contact = f"<p>Contact: <strong>{esc(address or 'erased')}</strong> (this reveal is logged)</p>"
    else:
        contact = (f'<form method="post" action="{PREFIX}/cases/{esc(case.reference)}/reveal" class="inline">'
                   f'<input type="hidden" name="csrf" value="{esc(csrf)}"><button>Reveal contact and details'
                   "</button></form>")
    events = "".join(f"<li>{esc(e.occurred_at.isoformat(timespec='minutes'))}: {esc(e.kind)} {esc(e.to_status or '')}"
                     f"{(' — ' + esc(mask(e.note))) if e.note else ''}</li>" for e in history)
    # The selector starts on the case's status: saving a note alone must not move the case.
    statuses = "".join(f'<option value="{s_.value}"{" selected" if s_ is case.status else ""}>{s_.value}</option>'
                       for s_ in CaseStatus)
    forms = (
        f'<form method="post" action="{PREFIX}/cases/{esc(case.reference)}/status">'
        f'<input type="hidden" name="csrf" value="{esc(csrf)}"><label for="status">New status</label>'
        f'<select id="status" name="status">{statuses}</select><label for="note">Note</label>'
        '<textarea id="note" name="note" maxlength="2000"></textarea><button>Save</button></form>'
        f'<form method="post" action="{PREFIX}/cases/{esc(case.reference)}/extend">'
        f'<input type="hidden" name="csrf" value="{esc(csrf)}"><label for="months">Extend by (months)</label>'
        '<select id="months" name="months"><option>1</option><option>2</option></select>'
        '<label for="reason">Reason (sent to the person)</label>'
        '<textarea id="reason" name="reason" required maxlength="2000"></textarea><button>Extend</button></form>'
    ) if case.is_open else ""
    body = (f"<p>{esc(case.request_type.value)} · {esc(case.status.value)} · {esc(case.language)} · deadline "
            f"{esc(case.deadline.isoformat())}</p>{made_by}{contact}{details}<h2>History</h2><ul>{events}</ul>{forms}")
    return page(f"Case {case.reference}", body, account, csrf)

