"""The console speaks CONSOLE_LANGUAGE: its templates and handlers take every word from the catalogs, and each
console word is translated in every language the console ships (CONSOLE_LANGUAGES)."""

from __future__ import annotations

import asyncio
import html
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bot.config import CONSOLE_LANGUAGES, PROJECT_ROOT, ConfigError, load_settings
from bot.db import migrate
from bot.i18n.catalog import current
from bot.i18n.check import language_problems
from bot.web.app import create_web_app
from bot.web.templates import page_templates
from tests.i18n.conftest import po_path, set_translation
from tests.support.console_client import ConsoleClient, User
from tests.support.sanic_server import sanic_test_mode, served

CONSOLE_CODE = [*sorted((PROJECT_ROOT / "bot/web/templates/console").glob("*.html")),
                *sorted((PROJECT_ROOT / "bot/web/console").glob("*.py"))]
# A key written out in full (`t("console_document_" ~ name)` builds one: the catalog check covers those).
KEY = re.compile(r"""\b(?:t|say|say_count)\((?:request, )?"(console_\w+)"(?=[,)])""")


def _page(language: str) -> str:
    admin = SimpleNamespace(is_admin=True, username="kari", role="admin")
    return page_templates().get_template("console/cases.html").render(
        language=language, title="x", account=admin, csrf="c", prefix="/console", filters=[], cases=[])


def test_the_console_renders_in_bokmal() -> None:
    page = _page("nb")
    assert '<html lang="nb">' in page
    for word in ("Saker", "Chatter", "Tilgangslogg", "Logg ut", "Filtrer", "Ingen saker.", "Vern-konsollen"):
        assert word in page, word
    assert "Log out" not in page and "No cases." not in page


def test_the_console_renders_in_english_by_default(tmp_path: Path) -> None:
    assert load_settings({"VERN_VAR_DIR": str(tmp_path)}).console_language == "en"
    page = _page("en")
    assert '<html lang="en">' in page and "Log out" in page and "No cases." in page


def test_only_a_shipped_console_language_can_be_chosen(tmp_path: Path) -> None:
    assert load_settings({"VERN_VAR_DIR": str(tmp_path), "CONSOLE_LANGUAGE": "NB"}).console_language == "nb"
    with pytest.raises(ConfigError, match="CONSOLE_LANGUAGE"):
        load_settings({"VERN_VAR_DIR": str(tmp_path), "CONSOLE_LANGUAGE": "nn"})


def test_every_console_word_the_code_uses_is_translated_in_every_console_language() -> None:
    used = {key for path in CONSOLE_CODE for key in KEY.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 30
    catalogs = current()
    for key in sorted(used):
        said = catalogs.messages.get(key) or catalogs.plurals.get(key)
        assert said is not None and set(CONSOLE_LANGUAGES) <= set(said), key


def test_a_console_word_missing_in_a_console_language_fails_the_check(locales: Path) -> None:
    set_translation(po_path(locales, "nb"), "console_log_out", "")
    assert language_problems(locales, "nb") == ["nb: console_log_out is untranslated or fuzzy"]
    assert language_problems(locales, "nn") == []  # not a console language: English meanwhile


# Every console page, as CONSOLE_LANGUAGE=nb serves it: a bokmål word each page must say, and no console sentence
# left in English.
NB_PAGES = {
    "/console/login": "Kode fra autentiseringsappen",
    "/console/": "Ingen saker.",
    "/console/chats": "Hva boten forsto",
    "/console/admin/access-log": "Hvem",
    "/console/admin/training": "Trening som glemmer",
    "/console/admin/compliance": "Nedlastinger",
    "/console/admin/breaches": "Registrer et avvik",
}


def _english_sentences() -> set[str]:
    """The English of every console word said differently in bokmål, as a page would print it: the words without
    a placeholder and with a space (a single word such as "Status" is the same in both, or a status value)."""
    catalogs = current()
    found = set()
    for key, said in catalogs.messages.items():
        if key.startswith("console_") and said.get("nb") != said["en"] and " " in said["en"] and "{" not in said["en"]:
            found.add(html.escape(said["en"]))
    return found


def _no_english(page: str, where: str) -> None:
    left = sorted(sentence for sentence in _english_sentences() if sentence in page)
    assert not left, f"{where} still says {left}"


@pytest.fixture
def nb_console(tmp_path: Path) -> Iterator[Any]:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path), "MODELS_DIR": str(tmp_path / "models"),
                              "CONSOLE_LANGUAGE": "nb"})
    with sanic_test_mode():
        app = create_web_app(settings, name=f"console_nb_{time.monotonic_ns()}")
        migrate.upgrade(app.ctx.wired.engine)
        yield app
        app.ctx.wired.engine.dispose()


async def _signed_in(url: str, app: Any, role: str, must_change_password: bool = False) -> ConsoleClient:
    accounts = app.ctx.console.accounts
    name = f"{role[:4]}-{uuid.uuid4().hex[:6]}"
    created = await asyncio.to_thread(accounts.create, name, role, "a long console password",
                                      must_change_password=must_change_password)
    client = ConsoleClient(url)
    reply = await asyncio.to_thread(client.login, name, "a long console password",
                                    User(name, created.totp_secret).code())
    assert reply.status == 302, reply.text[:300]
    return client


async def test_every_console_page_speaks_bokmal(nb_console: Any) -> None:
    app = nb_console
    async with served(app) as url:
        async def page(client: ConsoleClient, path: str, word: str, method: str = "GET",
                       form: dict[str, str] | None = None, status: int = 200) -> None:
            reply = await asyncio.to_thread(client.call, method, path, form)
            assert reply.status == status and word in reply.text, (path, reply.status, reply.text[:600])
            assert '<html lang="nb">' in reply.text
            _no_english(reply.text, path)

        admin = await _signed_in(url, app, "admin")
        for path, word in NB_PAGES.items():
            await page(admin if path != "/console/login" else ConsoleClient(url), path, word)
        csrf = await asyncio.to_thread(admin.csrf)

        # A case, and a status change the workflow refuses: the service's error in bokmål.
        case = (await asyncio.to_thread(app.ctx.wired.cases.open_case, "access", "ola@example.org", "nb", "web",
                                        {"scope": "alt", "ground": True})).case
        await page(admin, "/console/", "dager igjen")
        await page(admin, f"/console/cases/{case.reference}", "Hva personen ber om")
        await page(admin, f"/console/cases/{case.reference}/extend", "Ikke forlenget", "POST",
                   {"csrf": csrf, "months": "1", "reason": ""}, 400)
        await page(admin, "/console/cases/NOSUCH", "Det finnes ingen sak", status=404)

        # A chat: the queue, the chat, taking it twice, ending it, and another caseworker's view of it.
        chat = await asyncio.to_thread(app.ctx.console.handoffs.request, "chat-nb", "nb", "rest", "vil snakke")
        chat_path = f"/console/chats/{chat.id}"
        await page(admin, chat_path, "Med boten")
        caseworker = await _signed_in(url, app, "caseworker")
        own_csrf = await asyncio.to_thread(caseworker.csrf)
        assert (await asyncio.to_thread(caseworker.call, "POST", f"{chat_path}/take", {"csrf": own_csrf})).status == 302
        await page(admin, f"{chat_path}/take", "En annen saksbehandler har tatt denne chatten", "POST",
                   {"csrf": csrf}, 409)
        other = await _signed_in(url, app, "caseworker")
        await page(other, chat_path, "Overta denne chatten", status=403)
        await page(caseworker, f"{chat_path}/end", "Ja, avslutt og slett chatten", "POST", {"csrf": own_csrf})
        await page(caseworker, f"{chat_path}/send", "Meldingen er tom", "POST", {"csrf": own_csrf, "message": " "},
                   409)

        # A breach: its page, and a form the register refuses.
        opened = await asyncio.to_thread(admin.call, "POST", "/console/admin/breaches",
                                         {"csrf": csrf, "what_happened": "En liste på avveie"})
        assert opened.status == 302, opened.text[:300]
        await page(admin, opened.location or "", "Hva som er kjent")
        await page(admin, "/console/admin/breaches", "Skriv hva som skjedde", "POST", {"csrf": csrf}, 400)

        # Refusals: a caseworker on an admin page, a form without its token, and the first-login password page.
        await page(caseworker, "/console/admin/breaches", "Denne siden er for administratorer", status=403)
        await page(admin, f"/console/cases/{case.reference}/status", "CSRF-kontroll", "POST", {"csrf": "x"}, 403)
        pending = await _signed_in(url, app, "caseworker", must_change_password=True)
        await page(pending, "/console/password", "Velg ditt eget passord")
        pending_csrf = await asyncio.to_thread(pending.csrf, "/console/password")
        await page(pending, "/console/password", "Det nåværende passordet er feil", "POST",
                   {"csrf": pending_csrf, "current": "wrong", "new": "another long password",
                    "repeat": "another long password"}, 400)
