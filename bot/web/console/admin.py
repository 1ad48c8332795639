"""The admins' pages: the access log, training that forgets (the same facts as `vern training status`), and
compliance: the record of processing and the DPIA draft of this deployment (`vern compliance record|dpia`), built
from the running configuration when the page is opened, in nb or en, downloadable as Markdown or JSON."""

from __future__ import annotations

import asyncio
from typing import Any

from markupsafe import Markup
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.clock import utc_now
from bot.compliance.words import DOCUMENT_LANGUAGES
from bot.config import Settings
from bot.console.accounts import Account
from bot.keys import KeyRing, Purpose
from bot.web.console.pages import PREFIX, console_page, message, say, say_count
from bot.web.console.session import signed_in
from bot.web.context import services

console_admin = Blueprint("console_admin")
TRAINING_PATH = f"{PREFIX}/admin/training"
COMPLIANCE_PATH = f"{PREFIX}/admin/compliance"
DOWNLOAD_PATH = COMPLIANCE_PATH + "/download"
BREACHES_PATH = f"{PREFIX}/admin/breaches"
DOCUMENTS = ("record", "dpia")  # their titles: console_document_<name>
MEDIA = {"md": "text/markdown; charset=utf-8", "json": "application/json; charset=utf-8"}


@console_admin.get(f"{PREFIX}/admin/access-log")
@signed_in(admin=True)
async def access_log(request: Request, account: Account, csrf: str) -> HTTPResponse:
    entries = await asyncio.to_thread(services(request).console.access.recent, 500, request.args.get("user") or None)
    return console_page(request, "access_log.html", say(request, "console_nav_access_log"), account, csrf,
                        entries=entries)


def _training_statuses(settings: Settings) -> tuple[int, list[Any]]:
    from bot.db.engine import get_engine
    from bot.training.forget import ForgetList, model_statuses

    lineage_key = KeyRing.from_settings(settings).key(Purpose.TRAINING_LINEAGE)
    forgotten = ForgetList(get_engine(settings.database_url), lineage_key, utc_now).entries()
    return len(forgotten), model_statuses(settings.models_dir, forgotten, settings.training_forget_days)


def _days_left(request: Request, days: int | None) -> str:
    return "" if days is None else say_count(request, "console_model_days_left", days)


@console_admin.get(TRAINING_PATH)
@signed_in(admin=True)
async def training(request: Request, account: Account, csrf: str) -> HTTPResponse:
    # The forget list and the models that must be replaced (AISVS C11).
    forgotten, models = await asyncio.to_thread(_training_statuses, services(request).settings)
    now = utc_now()
    rows = [{"name": m.model.name, "flagged": m.flagged,
             "trained_on": say_count(request, "console_trained_on_forgotten", m.forgotten_sources),
             "days_left": _days_left(request, m.days_left(now)) if m.flagged else None} for m in models]
    return console_page(request, "training.html", say(request, "console_training_title"), account, csrf,
                        forgotten=say_count(request, "console_training_forgotten", forgotten), models=rows)


def _build(settings: Settings, name: str, lang: str) -> dict[str, Any]:
    from bot.compliance.documents import BUILDERS
    from bot.compliance.facts import gather

    return BUILDERS[name](gather(settings, settings.retention_policy_file, settings.consent_purposes_file), lang)


def _language(request: Request) -> str | None:
    lang = request.args.get("lang") or "nb"
    return lang if lang in DOCUMENT_LANGUAGES else None


async def _documents(settings: Settings, lang: str) -> dict[str, dict[str, Any]] | str:
    """Both documents, or why the configuration cannot give them (a message, never a stack trace)."""
    from bot.compliance.subprocessors import SubprocessorError
    from bot.consent.purposes import PurposeError
    from bot.knowledge.base import KnowledgeError
    from bot.retention.errors import PolicyError

    try:
        return {name: await asyncio.to_thread(_build, settings, name, lang) for name in DOCUMENTS}
    except (KnowledgeError, PolicyError, PurposeError, SubprocessorError) as error:
        return str(error)


def _unreadable(request: Request, account: Account, csrf: str, why: str) -> HTTPResponse:
    # `why` is the configuration's own error (a file and what is wrong in it), in English as the CLI says it.
    return message(request, say(request, "console_nav_compliance"), say(request, "console_unreadable", why=why),
                   account, csrf, status=503, error=True)


@console_admin.get(COMPLIANCE_PATH)
@signed_in(admin=True)
async def compliance(request: Request, account: Account, csrf: str) -> HTTPResponse:
    from bot.compliance.render import to_html

    lang = _language(request)
    if lang is None:
        return message(request, say(request, "console_nav_compliance"), say(request, "console_error_language"), account,
                       csrf, status=400, error=True)
    built = await _documents(services(request).settings, lang)
    if isinstance(built, str):
        return _unreadable(request, account, csrf, built)
    # to_html escapes every value it prints: the documents go in as they are.
    titles = {name: say(request, f"console_document_{name}") for name in DOCUMENTS}
    return console_page(request, "compliance.html", say(request, "console_nav_compliance"), account, csrf,
                        languages=DOCUMENT_LANGUAGES, lang=lang, documents=titles, formats=list(MEDIA),
                        compliance_path=COMPLIANCE_PATH,
                        download_path=DOWNLOAD_PATH, breaches_path=BREACHES_PATH,
                        record=Markup(to_html(built["record"])), dpia=Markup(to_html(built["dpia"])))  # noqa: S704


@console_admin.get(DOWNLOAD_PATH)
@signed_in(admin=True)
async def compliance_download(request: Request, account: Account, csrf: str) -> HTTPResponse:
    from bot.compliance.render import render

    name, fmt, lang = request.args.get("document") or "", request.args.get("format") or "md", _language(request)
    if name not in DOCUMENTS or fmt not in MEDIA or lang is None:
        return message(request, say(request, "console_nav_compliance"), say(request, "console_unknown_download"),
                       account, csrf, status=400, error=True)
    built = await _documents(services(request).settings, lang)
    if isinstance(built, str):
        return _unreadable(request, account, csrf, built)
    filename = f"vern-{name}.{lang}.{fmt}"
    return response.text(render(built[name], fmt), content_type=MEDIA[fmt],
                         headers={"Content-Disposition": f'attachment; filename="{filename}"'})
