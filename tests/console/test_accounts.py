"""Console accounts: argon2 passwords, one-time TOTP codes, throttled failures, sessions that end."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.clock import FrozenClock
from bot.console.access_log import AccessLog
from bot.console.accounts import AccountError, AccountService, LoginOutcome
from bot.console.sessions import SessionStore
from tests.support.databases import migrated_sqlite

SECRET = b"console-test-secret-0123456789abc"
PASSWORD = "correct horse battery"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with migrated_sqlite(tmp_path / "console.sqlite3") as db:
        yield db


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 29, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def accounts(engine: Engine, clock: FrozenClock) -> AccountService:
    return AccountService(engine, clock, SECRET)


def code(secret: str, clock: FrozenClock) -> str:
    return pyotp.TOTP(secret).at(clock())


def test_a_caseworker_logs_in_with_password_and_code_and_a_code_works_once(
    accounts: AccountService, clock: FrozenClock, engine: Engine
) -> None:
    created = accounts.create("kari", "caseworker", PASSWORD)
    assert created.totp_uri.startswith("otpauth://totp/Vern:kari?secret=")
    outcome, account = accounts.verify("Kari", PASSWORD, code(created.totp_secret, clock))
    assert outcome is LoginOutcome.OK and account is not None and not account.is_admin
    assert accounts.verify("kari", PASSWORD, code(created.totp_secret, clock))[0] is LoginOutcome.WRONG, \
        "the same code cannot be used twice"
    with engine.connect() as connection:
        stored = " ".join(str(v) for row in connection.execute(text("SELECT * FROM console_users")) for v in row)
    assert PASSWORD not in stored and created.totp_secret not in stored and "$argon2id$" in stored


def test_wrong_password_wrong_code_and_unknown_user_look_the_same(
    accounts: AccountService, clock: FrozenClock
) -> None:
    created = accounts.create("ola", "admin", PASSWORD)
    good = code(created.totp_secret, clock)
    assert accounts.verify("ola", "wrong password!", good) == (LoginOutcome.WRONG, None)
    assert accounts.verify("ola", PASSWORD, "000000" if good != "000000" else "111111") == (LoginOutcome.WRONG, None)
    assert accounts.verify("nobody", PASSWORD, good) == (LoginOutcome.WRONG, None)


def test_disabled_accounts_and_reset_second_factors(accounts: AccountService, clock: FrozenClock) -> None:
    created = accounts.create("per", "caseworker", PASSWORD)
    accounts.disable("per")
    assert accounts.verify("per", PASSWORD, code(created.totp_secret, clock))[0] is LoginOutcome.DISABLED
    accounts.enable("per")
    reset = accounts.reset_second_factor("per")
    clock.advance(seconds=60)
    assert accounts.verify("per", PASSWORD, code(created.totp_secret, clock))[0] is LoginOutcome.WRONG
    assert accounts.verify("per", PASSWORD, code(reset.totp_secret, clock))[0] is LoginOutcome.OK


@pytest.mark.parametrize(("username", "role", "password"), [
    ("Bad Name", "caseworker", PASSWORD), ("kari", "boss", PASSWORD), ("kari", "admin", "short"),
])
def test_bad_account_details_are_refused_plainly(accounts: AccountService, username: str, role: str,
                                                 password: str) -> None:
    with pytest.raises(AccountError):
        accounts.create(username, role, password)


def test_sessions_end_when_idle_after_8_hours_and_at_logout(
    engine: Engine, accounts: AccountService, clock: FrozenClock
) -> None:
    accounts.create("kari", "caseworker", PASSWORD)
    (account,) = accounts.list()
    sessions = SessionStore(engine, clock, SECRET, accounts)
    token = sessions.start(account)
    assert sessions.account(token) == account
    assert sessions.csrf_ok(token, sessions.csrf_token(token))
    assert not sessions.csrf_ok(token, "forged") and not sessions.csrf_ok(None, None)
    clock.advance(minutes=31)
    assert sessions.account(token) is None, "idle for more than 30 minutes"
    token = sessions.start(account)
    for _ in range(17):
        clock.advance(minutes=29)
        sessions.account(token)
    assert sessions.account(token) is None, "at most 8 hours"
    token = sessions.start(account)
    sessions.end(token)
    assert sessions.account(token) is None
    token = sessions.start(account)
    accounts.disable("kari")
    assert sessions.account(token) is None, "disabling an account ends its sessions"


def test_the_access_log_keeps_who_saw_what(engine: Engine, clock: FrozenClock) -> None:
    log = AccessLog(engine, clock)
    log.record("kari", "viewed_case", "VRN-ABCD-12")
    clock.advance(seconds=5)
    log.record("ola", "revealed_contact", "VRN-ABCD-12")
    assert [(r.username, r.action) for r in log.recent()] == [("ola", "revealed_contact"), ("kari", "viewed_case")]
    assert [r.action for r in log.recent(username="kari")] == ["viewed_case"]
    assert log.recent()[0].at - log.recent()[1].at == timedelta(seconds=5)


def test_a_new_account_must_replace_its_initial_password(accounts: AccountService, clock: FrozenClock) -> None:
    created = accounts.create("siri", "caseworker")  # generated, shown to the admin
    outcome, account = accounts.verify("siri", created.password, code(created.totp_secret, clock))
    assert outcome is LoginOutcome.OK and account is not None and account.must_change_password
    with pytest.raises(AccountError, match="current password"):
        accounts.change_password(account.id, "not it at all", PASSWORD)
    with pytest.raises(AccountError, match="differ"):
        accounts.change_password(account.id, created.password, created.password)
    with pytest.raises(AccountError, match="12 characters"):
        accounts.change_password(account.id, created.password, "short")
    accounts.change_password(account.id, created.password, PASSWORD)
    refreshed = accounts.get(account.id)
    assert refreshed is not None and not refreshed.must_change_password
    clock.advance(seconds=30)
    assert accounts.verify("siri", PASSWORD, code(created.totp_secret, clock))[0] is LoginOutcome.OK
