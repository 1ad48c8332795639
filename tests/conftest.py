"""Suite-wide fixtures: the trained model, clean real stores, the running stack."""

from __future__ import annotations

import os
import tempfile
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests never write into the developer's var/ (generated secrets, SQLite file, outbox).
_SESSION_VAR = Path(tempfile.mkdtemp(prefix="vern-test-var-"))
os.environ["VERN_VAR_DIR"] = str(_SESSION_VAR)
os.environ["VERN_ENV"] = "test"
os.environ["RASA_TELEMETRY_ENABLED"] = "false"
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)
# Nor into the machine's shared model cache: a test's stand-in model must never reach another checkout.
os.environ.pop("MODEL_CACHE_DIR", None)

from tests.support.fake_telegram import BOT_USERNAME, FakeTelegram  # noqa: E402
from tests.support.services import free_port, postgres_url, redis_url  # noqa: E402
from tests.support.stack import VernStack  # noqa: E402

# What a test needs, read from the code it runs before it starts: the test function and every fixture in its
# closure. A new test that uses an existing fixture (or calls one of these helpers) gets its markers without anyone
# remembering them, so `make test-fast` (-m "not rasa and not browser") never starts Rasa or Chromium.
NEEDS_BY_FIXTURE = {
    "trained_model": ("rasa",),
    "stack": ("rasa", "postgres", "redis"),
}
NEEDS_BY_NAME = {
    "postgres": {"postgres_url", "own_postgres_database", "reset_postgres"},
    "browser": {"sync_playwright", "async_playwright"},
    # The model itself (the stack's fixture trains it; some tests load it in-process and skip without it).
    "rasa": {"ensure_model", "_ensure_model", "model_path", "load_agent"},
    "redis": {"redis_url", "reset_redis"},
}
# Parametrised fixtures that choose their store by name (sqlite | postgresql | redis).
NEEDS_BY_PARAM = {"postgresql": "postgres", "redis": "redis"}


def _names(code: types.CodeType) -> Iterator[str]:
    """Every global, attribute and import name a function and the functions nested in it refer to."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _names(const)


def needs(item: pytest.Item) -> set[str]:
    found: set[str] = set()
    functions = [getattr(item, "function", None)]
    fixture_info = getattr(item, "_fixtureinfo", None)
    for name in getattr(item, "fixturenames", ()):
        found.update(NEEDS_BY_FIXTURE.get(name, ()))
        for fixturedef in (fixture_info.name2fixturedefs.get(name, ()) if fixture_info else ()):
            functions.append(fixturedef.func)
    for function in functions:
        code = getattr(getattr(function, "__wrapped__", function), "__code__", None)
        if code is not None:
            referred = set(_names(code))
            found.update(marker for marker, names in NEEDS_BY_NAME.items() if referred & names)
    callspec = getattr(item, "callspec", None)
    for value in (callspec.params.values() if callspec else ()):
        if isinstance(value, str) and value in NEEDS_BY_PARAM:
            found.add(NEEDS_BY_PARAM[value])
    return found


# Under `pytest -n` (pytest-xdist, `--dist loadgroup`; the Makefile's targets) the tests go to the workers a file at a
# time, so a module's fixtures are set up once. Nothing else needs keeping together: each worker has its own Redis
# database and PostgreSQL database (tests/support/services.py), and its own stack, SMTP server and Chromium.
# The files that start Rasa or Chromium are handed out first: the longest jobs first keeps both workers busy to
# the end instead of leaving one of them a stack test when the other has run out of work.
HEAVY_MARKERS = {"rasa", "browser"}


def xdist_group(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # xdist resets `dist` to "no" in its workers, where the groups are read, and says "loadgroup" there instead.
    grouped = config.getoption("dist", "no") == "loadgroup" or bool(getattr(config.option, "loadgroup", False))
    heavy_files: set[str] = set()
    for item in items:
        present = {mark.name for mark in item.iter_markers()}
        needed = needs(item)
        for marker in sorted(needed - present):
            item.add_marker(marker)
        if (present | needed) & HEAVY_MARKERS:
            heavy_files.add(xdist_group(item))
    if not grouped:
        return
    for item in items:
        if not any(item.iter_markers("xdist_group")):
            item.add_marker(pytest.mark.xdist_group(xdist_group(item)))
    # Every worker sorts alike (xdist checks that they collected the same list), and a file stays in one piece.
    items.sort(key=lambda item: xdist_group(item) not in heavy_files)


def _ensure_model() -> Path:
    from bot.config import load_settings
    from bot.rasa_adapter.model import ensure_model

    return ensure_model(load_settings())


def pytest_collection_finish(session: pytest.Session) -> None:
    # Training takes several minutes on two cores. Done inside the first test that needs the model, it would count
    # against that test's time limit and fail every test that shares the stack; done here, before any test starts,
    # it counts against nothing.
    if session.config.option.collectonly:
        return
    if any("trained_model" in getattr(item, "fixturenames", ()) for item in session.items):
        _ensure_model()


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """argon2id with the library's cheapest parameters in this process: the same algorithm and the same checks,
    without 64 MiB and three passes per console login (hundreds of them in the suite). The `vern` commands the
    tests start, and every deployment, keep the library's defaults."""
    import argon2

    from bot.console import accounts

    def cheapest() -> argon2.PasswordHasher:
        return argon2.PasswordHasher.from_parameters(argon2.profiles.CHEAPEST)

    original = accounts.PasswordHasher
    accounts.PasswordHasher = cheapest  # type: ignore[misc]
    try:
        yield
    finally:
        accounts.PasswordHasher = original  # type: ignore[misc]


@pytest.fixture(scope="session")
def trained_model() -> Path:
    return _ensure_model()


def reset_postgres(url: str) -> None:
    from sqlalchemy import text

    from bot.db.engine import create_db_engine

    engine = create_db_engine(url)
    # A clean schema: every table of every migration and Rasa's events go.
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


WEBHOOK_SECRET = "connector-test-secret-0123456789"
ART19_RECIPIENTS = "Medlemsregisteret, Lønnssystemet"
TELEGRAM_WEBHOOK_SECRET = "telegram-webhook-test-secret-0123"
# (child reference, guardian address) in the stack's guardian register file.
REGISTERED_GUARDIANS = (("ELEV-4711", "mor.elev4711@example.org"), ("ELEV-0815", "far.elev0815@example.org"))


def reset_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


@pytest.fixture(scope="session")
def stack(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VernStack]:
    """Vern on the machine's Redis (tracker and lock store) and PostgreSQL, mailing a local SMTP server."""
    from tests.support.smtp import CapturingSmtpServer
    from tests.support.webhook import WebhookReceiver

    reset_postgres(postgres_url())
    reset_redis(redis_url())
    smtp = CapturingSmtpServer()
    smtp.start()
    receiver = WebhookReceiver().start()
    telegram = FakeTelegram()
    telegram.start()
    telegram_port = free_port()
    vern = VernStack(
        {
            "DATABASE_URL": postgres_url(), "REDIS_URL": redis_url(), "SMTP_URL": smtp.url(),
            "CASE_WEBHOOK_URL": receiver.url, "CASE_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "ART19_RECIPIENTS": ART19_RECIPIENTS,
            # The guardian bot, in webhook mode, against a local fake of the Telegram Bot API.
            "TELEGRAM_TOKEN": telegram.token, "TELEGRAM_API_URL": telegram.base_url,
            "TELEGRAM_BOT_USERNAME": BOT_USERNAME, "TELEGRAM_MODE": "webhook",
            "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_WEBHOOK_SECRET, "TELEGRAM_PORT": str(telegram_port),
            "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{telegram_port}/telegram/webhook",
        },
        tmp_path_factory.mktemp("stack-var"),
        smtp=smtp,
        webhook=receiver,
    )
    vern.ports["telegram"] = telegram_port
    # A municipality's page on another origin embeds the widget (tests/e2e/test_widget.py); only it and
    # Vern's own pages may open the chat socket.
    vern.ports["embed"] = free_port()
    web = vern.ports["web"]
    vern.env_overrides["WIDGET_ORIGINS"] = (
        f"http://127.0.0.1:{web},http://localhost:{web},http://127.0.0.1:{vern.ports['embed']}"
    )
    vern.telegram = telegram
    # The demo school's guardian register (a file): purposes with `registry_required` check guardians in it.
    # It is the controller's file, not one Vern keeps: outside Vern's var folder, as in a deployment.
    register = tmp_path_factory.mktemp("controller") / "guardian-register.csv"
    register.write_text("child_reference,guardian\n" + "".join(f"{child},{guardian}\n"
                                                                  for child, guardian in REGISTERED_GUARDIANS),
                        encoding="utf-8")
    vern.env_overrides["GUARDIAN_REGISTRY_FILE"] = str(register)
    try:
        vern.start()
        yield vern
    finally:
        vern.stop()
        smtp.stop()
        receiver.stop()
        telegram.stop()
