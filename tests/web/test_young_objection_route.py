"""The objection link's routes in the real web app: a GET shows a button, the form's POST objects once."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.config import load_settings
from bot.db import migrate
from bot.db.engine import create_db_engine
from bot.guardians.young_notice import YoungObjections
from bot.web.app import create_web_app
from bot.web.young_pages import YoungObjectionPages
from tests.support.sanic_server import sanic_test_mode, served

SECRET = b"young-objection-route-secret-0123"
NOW = datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def test_mode() -> Iterator[None]:
    with sanic_test_mode():
        yield


async def test_get_shows_a_button_and_the_post_objects_once(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'route.sqlite3'}")
    migrate.upgrade(engine)
    clock = FrozenClock(NOW)
    cases = CaseService(engine, clock, SECRET)
    case = cases.open_case("access", "mor@example.org", "nn", "web", {}, None, None, "ELEV-4711", "register", True).case
    links = YoungObjections(engine, SECRET, clock)
    token = links.issue(case.reference, "nn", NOW + timedelta(days=30))
    audit: list[Any] = []
    app = create_web_app(load_settings({"VERN_VAR_DIR": str(tmp_path)}), name=f"young_{time.monotonic_ns()}")
    app.ctx.young_objection_pages = YoungObjectionPages(links, cases, lambda *entry: audit.append(entry))
    async with served(app) as url, aiohttp.ClientSession() as http:
        async with http.get(f"{url}/young-objection/{token}") as shown:
            page = await shown.text()
            assert shown.status == 200 and "Eg seier nei" in page
        action = re.search(r'action="([^"]+)"', page)
        assert action is not None
        async with http.post(url + action.group(1)) as answered:
            assert answered.status == 200 and "Takk" in await answered.text()
        async with http.post(url + action.group(1)) as again:
            assert again.status == 409 and "alt brukt" in await again.text()
        async with http.get(f"{url}/young-objection/not-a-token") as unknown:
            assert unknown.status == 404
    assert [event.kind for event in cases.history(case.reference)].count("young_person_objected") == 1
    assert len(audit) == 1
    engine.dispose()
