"""Whatever escapes a web handler becomes a status and plain words, chosen in one place (bot.web.errors)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.cases.errors import CaseNotFound
from bot.config import load_settings
from bot.guardians.registry import RegistryUnavailable
from bot.i18n import translate
from bot.web.errors import install_error_handler
from tests.support.sanic_server import sanic_test_mode, served

LEAKY_DETAIL = "ola.nordmann@example.no"


@pytest.fixture(autouse=True)
def test_mode() -> Iterator[None]:
    with sanic_test_mode():
        yield


def app_with_failures(tmp_path: Path) -> Sanic:
    settings = load_settings({"VERN_VAR_DIR": str(tmp_path)})
    app = Sanic(f"errors_{time.monotonic_ns()}", configure_logging=False)

    @app.get("/api/case")
    async def case(_request: Request) -> HTTPResponse:
        raise CaseNotFound("no case has that reference")

    @app.get("/register")
    async def register(_request: Request) -> HTTPResponse:
        raise RegistryUnavailable("the register did not answer")

    @app.get("/api/crash")
    async def crash(_request: Request) -> HTTPResponse:
        raise RuntimeError(f"could not mail {LEAKY_DETAIL}")

    install_error_handler(app, settings)
    return app


def fetch(app: Sanic, path: str, accept: str = "application/json") -> tuple[int, str, str]:
    async def go() -> tuple[int, str, str]:
        async with served(app) as url, aiohttp.ClientSession() as http, \
                http.get(url + path, headers={"Accept": accept}) as answer:
            text = await answer.text()
            if answer.content_type == "application/json":
                text = json.loads(text)["message"]  # what a client shows
            return answer.status, answer.content_type, text

    return asyncio.run(go())


def test_a_kind_of_error_gets_its_status_and_words_in_the_asked_language(tmp_path: Path) -> None:
    status, kind, body = fetch(app_with_failures(tmp_path), "/api/case?lang=nn")
    assert (status, kind) == (404, "application/json")
    assert translate("error_not_found", "nn") in body


def test_a_browser_gets_a_page_in_words(tmp_path: Path) -> None:
    status, kind, body = fetch(app_with_failures(tmp_path), "/register?lang=da", accept="text/html")
    assert (status, kind) == (503, "text/html")
    assert translate("service_unavailable", "da") in body


def test_an_unexpected_failure_is_a_500_without_details(tmp_path: Path) -> None:
    status, _kind, body = fetch(app_with_failures(tmp_path), "/api/crash")
    assert status == 500
    assert translate("error_internal", "nb") in body
    assert LEAKY_DETAIL not in body and "Traceback" not in body


def test_an_unknown_address_says_so(tmp_path: Path) -> None:
    status, _kind, body = fetch(app_with_failures(tmp_path), "/no/such/page?lang=en", accept="text/html")
    assert status == 404
    assert translate("error_not_found", "en") in body
