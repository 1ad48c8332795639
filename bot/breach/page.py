"""The admins' breach register in the console: /console/admin/breaches.

The same register and deadlines as `vern breach` (bot.breach.register): open a breach, complete what is known,
send the controller's notice, download the authority's draft, close it. Forms carry the session's CSRF token
(the console's `signed_in(form=True)`), and only admins reach any of it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.console.accounts import Account
from bot.console.markup import SignedIn

BREACHES_PATH = "/console/admin/breaches"
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


def register_breach_page(app: Sanic, settings: Settings, signed_in: SignedIn,
                         page: Callable[..., HTTPResponse], esc: Callable[[object], str]) -> None:
    from bot.breach.register import BreachError

    def register() -> Any:
        from bot.breach.service import breach_register

        return breach_register(settings)

    def form_values(request: Request, fill_empty: bool) -> dict[str, Any]:
        values = {name: (request.form.get(name) or "").strip() for name, _, _ in FORM_FIELDS}
        # An empty box on an update means "unchanged"; on opening it means "not known yet".
        return {k: v for k, v in values.items() if v or fill_empty}

    def fields_form(action: str, csrf: str, breach: Any = None, button: str = "Save") -> str:
        rows = []
        for name, label, kind in FORM_FIELDS:
            current = getattr(breach, name, "") if breach is not None else ""
            if name == "discovered_at" and breach is not None:
                current = f"{breach.discovered_at:%Y-%m-%dT%H:%M:%S}"
            current = "" if current is None else current
            box = (f"<textarea name='{name}' rows='3'>{esc(current)}</textarea>" if kind == "textarea" else
                   f"<input type='{kind}' name='{name}' value='{esc(current)}'"
                   + (" min='0'" if kind == "number" else "") + ">")
            rows.append(f"<label>{esc(label)}<br>{box}</label><br>")
        return (f"<form method='post' action='{esc(action)}'><input type='hidden' name='csrf' value='{esc(csrf)}'>"
                + "".join(rows) + f"<button>{esc(button)}</button></form>")

    def deadline_cells(breach: Any, now: Any) -> str:
        data = breach.as_dict(now)
        authority = ("closed" if breach.status == "closed"
                     else breach.deadlines.state(breach.deadlines.authority_due, None, now))
        return (f"<td>{esc(data['controller_notice_due'])}<br><strong>{esc(data['controller_notice'])}</strong></td>"
                f"<td>{esc(data['authority_notice_due'])}<br>{esc(authority)}</td>")

    def error_page(error: Exception, account: Account, csrf: str) -> HTTPResponse:
        return page("Breach not saved", f"<p class='error'>{esc(error)}</p>"
                    f"<p><a href='{BREACHES_PATH}'>Back to the register</a></p>", account, csrf, status=400)

    @app.get(BREACHES_PATH)
    @signed_in(admin=True)
    async def breaches(request: Request, account: Account, csrf: str) -> HTTPResponse:
        reg = register()
        listed = await asyncio.to_thread(reg.list)
        now = reg.now()
        rows = "".join(
            f"<tr class='{'flagged' if b.status == 'open' and b.controller_notified_at is None else ''}'>"
            f"<td><a href='{BREACHES_PATH}/{esc(b.reference)}'>{esc(b.reference)}</a></td><td>{esc(b.status)}</td>"
            f"<td>{esc(b.discovered_at.isoformat(timespec='seconds'))}Z</td>{deadline_cells(b, now)}"
            f"<td>{esc(b.what_happened[:160])}</td></tr>" for b in listed)
        body = ("<p>Vern tells the controller within 24 hours of becoming aware of a breach (processing agreement "
                "§9.2); the controller tells Datatilsynet within 72 hours (Art. 33(1)).</p>"
                "<table><thead><tr><th>Reference</th><th>Status</th><th>Discovered (UTC)</th>"
                "<th>Controller notice due</th><th>Authority notice due</th><th>What happened</th></tr></thead>"
                f"<tbody>{rows or '<tr><td colspan=6>No breaches registered.</td></tr>'}</tbody></table>"
                "<h2>Register a breach</h2>" + fields_form(BREACHES_PATH, csrf, button="Open breach"))
        return page("Breaches", body, account, csrf)

    @app.post(BREACHES_PATH)
    @signed_in(admin=True, form=True)
    async def open_breach(request: Request, account: Account, csrf: str) -> HTTPResponse:
        values = form_values(request, fill_empty=True)
        what, discovered = values.pop("what_happened", ""), values.pop("discovered_at", "")
        values["contact"] = values.get("contact") or settings.mail_from
        try:
            from bot.breach.register import parse_time

            moment = parse_time(discovered) if discovered else None
            breach, _ = await asyncio.to_thread(register().open, what, discovered_at=moment, **values)
        except BreachError as error:
            return error_page(error, account, csrf)
        return response.redirect(f"{BREACHES_PATH}/{breach.reference}")

    @app.get(f"{BREACHES_PATH}/<reference:str>")
    @signed_in(admin=True)
    async def breach_page(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
        reg = register()
        try:
            breach = await asyncio.to_thread(reg.get, reference)
        except BreachError as error:
            return page("No such breach", f"<p class='error'>{esc(error)}</p>", account, csrf, status=404)
        now = reg.now()
        path = f"{BREACHES_PATH}/{breach.reference}"
        notified = (f"The controller was notified at {breach.controller_notified_at.isoformat(timespec='seconds')}Z."
                    if breach.controller_notified_at else "The controller has not been notified yet.")
        languages = "".join(f"<option value='{code}'{' selected' if code == settings.breach_contact_language else ''}>"
                            f"{code}</option>" for code in SUPPORTED_LANGUAGES)
        actions = ("" if breach.status == "closed" else
                   f"<form method='post' action='{path}/notify' class='inline'>"
                   f"<input type='hidden' name='csrf' value='{esc(csrf)}'><select name='language'>{languages}</select>"
                   "<button>E-mail the controller's breach contact</button></form> "
                   f"<form method='post' action='{path}/close' class='inline'>"
                   f"<input type='hidden' name='csrf' value='{esc(csrf)}'><button>Close the breach</button></form>")
        body = (f"<p>Status: <strong>{esc(breach.status)}</strong>. {esc(notified)}</p>"
                "<table><thead><tr><th>Controller notice due</th><th>Authority notice due</th></tr></thead>"
                f"<tbody><tr>{deadline_cells(breach, now)}</tr></tbody></table>"
                f"<p>{actions}</p><p><a href='{path}/draft'>Download the draft notice for the authority</a></p>"
                "<h2>What is known</h2>" + fields_form(path, csrf, breach))
        return page(f"Breach {breach.reference}", body, account, csrf)

    @app.post(f"{BREACHES_PATH}/<reference:str>")
    @signed_in(admin=True, form=True)
    async def update_breach(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
        try:
            breach = await asyncio.to_thread(register().update, reference, **form_values(request, fill_empty=False))
        except BreachError as error:
            return error_page(error, account, csrf)
        return response.redirect(f"{BREACHES_PATH}/{breach.reference}")

    @app.post(f"{BREACHES_PATH}/<reference:str>/notify")
    @signed_in(admin=True, form=True)
    async def notify_breach(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
        from bot.breach.service import notify_controller
        from bot.mail.errors import MailError

        language = request.form.get("language") or settings.breach_contact_language
        if language not in SUPPORTED_LANGUAGES:
            return error_page(BreachError("unknown language"), account, csrf)
        try:
            notified = await notify_controller(register(), reference, settings, language)
        except BreachError as error:
            return error_page(error, account, csrf)
        except MailError:
            return page("Not sent", "<p class='error'>The notice could not be sent; the deadline still runs. "
                        "Try again, or send it with <code>vern breach notify</code>.</p>", account, csrf, status=503)
        return response.redirect(f"{BREACHES_PATH}/{notified.breach.reference}")

    @app.post(f"{BREACHES_PATH}/<reference:str>/close")
    @signed_in(admin=True, form=True)
    async def close_breach(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
        try:
            breach = await asyncio.to_thread(register().close, reference)
        except BreachError as error:
            return error_page(error, account, csrf)
        return response.redirect(f"{BREACHES_PATH}/{breach.reference}")

    @app.get(f"{BREACHES_PATH}/<reference:str>/draft")
    @signed_in(admin=True)
    async def breach_draft(request: Request, account: Account, csrf: str, reference: str) -> HTTPResponse:
        from bot.breach.notice import authority_draft

        language = request.args.get("lang") or settings.breach_contact_language
        try:
            if language not in SUPPORTED_LANGUAGES:
                raise BreachError("unknown language")
            breach = await asyncio.to_thread(register().get, reference)
        except BreachError as error:
            return page("No such breach", f"<p class='error'>{esc(error)}</p>", account, csrf, status=404)
        return response.text(authority_draft(breach, language, settings), content_type="text/markdown; charset=utf-8",
                             headers={"Content-Disposition":
                                      f'attachment; filename="{breach.reference}-authority-draft.md"'})
