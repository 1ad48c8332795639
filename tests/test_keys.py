"""Per-purpose keys (bot.keys): derivation, the legacy fallback, `vern keys migrate`, and who may read SECRET_KEY."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyotp
import pytest
from sqlalchemy.engine import Engine

from bot.audit.service import AuditTrail
from bot.cases.errors import ContactUnreadable
from bot.cases.service import CaseService
from bot.clock import FrozenClock
from bot.console.accounts import AccountService, LoginOutcome
from bot.db import migrate
from bot.db.engine import create_db_engine
from bot.guardians.young_notice import LinkState, YoungObjections
from bot.key_migration import migrate_keys
from bot.keys import PINNED, KeyRing, Purpose, hkdf_sha256

SECRET = b"a-deployment-secret-of-enough-length"
ROOT = Path(__file__).resolve().parent.parent
# Who may read SECRET_KEY itself, and why (docs/security.md, "Keys").
ALLOWED = {
    "bot/keys.py": "derives every key from it",
    "bot/backup/crypto.py": "BACKUP_KEY or else SECRET_KEY, HKDF-labelled already; old backups must still restore",
}


class LegacyRing(KeyRing):
    """The keying before bot.keys: every purpose used the raw secret."""

    def key(self, purpose: Purpose) -> bytes:
        return SECRET

    def legacy(self, purpose: Purpose) -> bytes | None:
        return None


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'keys.sqlite3'}")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc))


def test_hkdf_matches_rfc_5869_test_case_1() -> None:
    okm = hkdf_sha256(bytes([0x0B] * 22), bytes(range(0xF0, 0xFA)), length=42, salt=bytes(range(0x0D)))
    assert okm.hex() == ("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c"
                         "5db02d56ecc4c5bf34007208d5b887185865")


def test_every_purpose_has_its_own_stable_key() -> None:
    ring = KeyRing(SECRET)
    derived = {purpose: ring.key(purpose) for purpose in Purpose if purpose not in PINNED}
    assert len(set(derived.values())) == len(derived)
    assert SECRET not in derived.values()
    assert all(len(key) == 32 for key in derived.values())
    # The label is part of the stored data's format: this value must never change.
    assert ring.key(Purpose.VERIFICATION) == hkdf_sha256(SECRET, b"vern/verification")
    assert KeyRing(SECRET).key(Purpose.CASE_CONTACTS) == ring.key(Purpose.CASE_CONTACTS)
    assert KeyRing(b"another-secret-of-enough-length!").key(Purpose.CASE_CONTACTS) != ring.key(Purpose.CASE_CONTACTS)


def test_candidates_follow_the_fallback_setting() -> None:
    on, off = KeyRing(SECRET), KeyRing(SECRET, legacy_fallback=False)
    assert on.candidates(Purpose.GUARDIAN_INVITATIONS) == (on.key(Purpose.GUARDIAN_INVITATIONS), SECRET)
    assert off.candidates(Purpose.GUARDIAN_INVITATIONS) == (off.key(Purpose.GUARDIAN_INVITATIONS),)
    # A pinned purpose is keyed with the secret itself, so there is nothing to fall back to.
    assert on.candidates(Purpose.SUBJECT_KEYS) == (SECRET,)
    assert "a-deployment" not in repr(on)


def test_only_the_allow_list_reads_the_secret_key() -> None:
    reads = re.compile(r"secret_key\)?\.reveal\(")
    found = {str(path.relative_to(ROOT)) for path in (ROOT / "bot").rglob("*.py") if reads.search(path.read_text())}
    assert found == set(ALLOWED)


def test_a_contact_and_child_written_before_are_read_and_then_migrated(engine: Engine, clock: FrozenClock) -> None:
    before = CaseService(engine, clock, LegacyRing(SECRET))
    opened = before.open_case("access", "kari@example.org", "nb", "web", for_child="ab-123",
                              guardian_verified="email")
    subject = before.subject_key("kari@example.org")

    now = CaseService(engine, clock, KeyRing(SECRET))
    assert now.contact_email(subject) == "kari@example.org"
    assert now.get(opened.case.reference).child_reference == "AB-123"
    strict = CaseService(engine, clock, KeyRing(SECRET, legacy_fallback=False))
    with pytest.raises(ContactUnreadable):
        strict.contact_email(subject)

    assert migrate_keys(engine, KeyRing(SECRET), write=False).left == 2
    report = migrate_keys(engine, KeyRing(SECRET))
    assert report.tables["subject_contacts"].moved == 1
    assert report.tables["cases.child_reference"].moved == 1
    assert strict.contact_email(subject) == "kari@example.org"
    assert strict.get(opened.case.reference).child_reference == "AB-123"
    again = migrate_keys(engine, KeyRing(SECRET))  # idempotent: the data is its own progress record
    assert again.tables["subject_contacts"].done == 1 and again.tables["subject_contacts"].moved == 0
    assert migrate_keys(engine, KeyRing(SECRET), write=False).left == 0


def test_a_caseworkers_second_factor_survives_the_migration(engine: Engine, clock: FrozenClock) -> None:
    made = AccountService(engine, clock, SECRET).create("ola", "caseworker", "a-long-enough-password")
    assert migrate_keys(engine, KeyRing(SECRET)).tables["console_users"].moved == 1
    ring = KeyRing(SECRET, legacy_fallback=False)
    accounts = AccountService(engine, clock, ring.key(Purpose.CONSOLE_TOTP))
    outcome, _ = accounts.verify("ola", "a-long-enough-password", pyotp.TOTP(made.totp_secret).at(clock()))
    assert outcome is LoginOutcome.OK
    assert migrate_keys(engine, ring, write=False).tables["console_users"].done == 1


def test_a_link_mailed_before_works_while_the_fallback_is_on(engine: Engine, clock: FrozenClock) -> None:
    token = YoungObjections(engine, SECRET, clock).issue("V-ABC", "nb", clock() + timedelta(days=30))
    ring = KeyRing(SECRET)
    after = YoungObjections(engine, ring.key(Purpose.YOUNG_OBJECTIONS), clock,
                            legacy_key=ring.legacy(Purpose.YOUNG_OBJECTIONS))
    assert after.peek(token).state is LinkState.OK
    assert after.use(token).state is LinkState.OK
    off = YoungObjections(engine, ring.key(Purpose.YOUNG_OBJECTIONS), clock)
    assert off.peek(token).state is LinkState.UNKNOWN
    fresh = after.issue("V-DEF", "nb", clock() + timedelta(days=30))
    assert off.peek(fresh).state is LinkState.OK


def test_the_audit_chain_verifies_across_the_switch(engine: Engine, clock: FrozenClock) -> None:
    before = AuditTrail(engine, clock, LegacyRing(SECRET))
    before.record("case.opened", "subject-1", {"n": 1})
    before.record("case.verified", "subject-1", {"n": 2})

    after = AuditTrail(engine, clock, KeyRing(SECRET))
    assert after.verify().ok  # the head is still sealed with the raw secret
    strict = AuditTrail(engine, clock, KeyRing(SECRET, legacy_fallback=False))
    assert not strict.verify().ok  # ...which only the fallback accepts

    assert migrate_keys(engine, KeyRing(SECRET)).audit_head_resealed
    assert strict.verify().ok
    strict.record("case.closed", "subject-1", {"n": 3})
    result = strict.verify()
    assert result.ok and result.count == 3
    assert not migrate_keys(engine, KeyRing(SECRET)).audit_head_resealed
