"""`vern keys migrate`: move long-lived data from the raw SECRET_KEY to the per-purpose keys (bot.keys).

What moves: everything encrypted that outlives a restart (the case contacts, children's references, the
caseworkers' TOTP secrets) is decrypted with the legacy key and encrypted under the derived one, and the
audit log's head is sealed anew. Short-lived values (codes, links, sessions, throttle counters) are not
touched: they expire while LEGACY_KEY_FALLBACK still reads them. Pinned purposes (bot.keys.PINNED) stay.

The data is its own progress record: a row that opens under the derived key alone is done and is skipped, so
the command can be stopped and run again (each batch commits on its own). `--check` only counts, and exits 1
while anything is left: run it before turning LEGACY_KEY_FALLBACK off.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.fernet import InvalidToken
from sqlalchemy import Column, Table, select, update
from sqlalchemy.engine import Engine

from bot.clock import utc_now
from bot.keys import KeyRing, Purpose

BATCH = 500
Rotate = Callable[[str], "str | None"]  # a token under the current key; None: no allowed key opens it


@dataclass
class Moved:
    done: int = 0  # already under the derived key
    moved: int = 0  # re-encrypted now (or, with --check, still to move)
    unreadable: int = 0  # opened by no allowed key: another deployment's, or damaged; left as they are


@dataclass
class MigrationReport:
    tables: dict[str, Moved] = field(default_factory=dict)
    audit_head_resealed: bool = False
    audit_head_left: bool = False  # with --check: the head is still sealed with the legacy key

    @property
    def left(self) -> int:
        return sum(m.moved for m in self.tables.values()) + int(self.audit_head_left)


def _fernet_rotations(keys: KeyRing) -> dict[str, tuple[Table, Column, Rotate, Rotate]]:
    """Per store: its table, id and token columns, and (is it current?, rotate) for one token."""
    from bot.cases.keys import ChildReferenceCipher, ContactCipher
    from bot.cases.models import Case, SubjectContact
    from bot.console.accounts import totp_cipher
    from bot.console.models import ConsoleUser

    contacts = ContactCipher(keys.key(Purpose.CASE_CONTACTS), legacy_key=keys.legacy(Purpose.CASE_CONTACTS))
    contacts_now = ContactCipher(keys.key(Purpose.CASE_CONTACTS))
    children = ChildReferenceCipher(keys.key(Purpose.CHILD_REFERENCES),
                                    legacy_key=keys.legacy(Purpose.CHILD_REFERENCES))
    children_now = ChildReferenceCipher(keys.key(Purpose.CHILD_REFERENCES))
    totp = totp_cipher(keys.key(Purpose.CONSOLE_TOTP), keys.legacy(Purpose.CONSOLE_TOTP))
    totp_now = totp_cipher(keys.key(Purpose.CONSOLE_TOTP))

    def opens(decrypt: Callable[[str], object]) -> Rotate:
        def check(token: str) -> str | None:
            try:
                return token if decrypt(token) is not None else None
            except Exception:  # each cipher's own "cannot open" (ContactUnreadable, InvalidToken)
                return None
        return check

    def rotated(rotate: Callable[[str], str | None]) -> Rotate:
        def run(token: str) -> str | None:
            try:
                return rotate(token)
            except Exception:
                return None
        return run

    def totp_rotate(token: str) -> str | None:
        try:
            return totp.rotate(token.encode()).decode()
        except InvalidToken:
            return None

    contact_table = SubjectContact.__table__
    case_table = Case.__table__
    user_table = ConsoleUser.__table__
    return {
        "subject_contacts": (contact_table, contact_table.c.encrypted_email,
                             opens(contacts_now.decrypt), rotated(contacts.rotate)),
        "cases.child_reference": (case_table, case_table.c.encrypted_child_reference,
                                  opens(children_now.decrypt), rotated(children.rotate)),
        "console_users": (user_table, user_table.c.totp_secret,
                          opens(lambda token: totp_now.decrypt(token.encode())), totp_rotate),
    }


def migrate_keys(engine: Engine, keys: KeyRing, *, write: bool = True) -> MigrationReport:
    """Re-encrypt what the legacy key wrote and reseal the audit head; with `write=False` only count."""
    from bot.audit.log import AuditLog

    report = MigrationReport()
    for name, (table, column, is_current, rotate) in _fernet_rotations(keys).items():
        counts = report.tables[name] = Moved()
        ident = table.c.id
        after = 0
        while True:
            with engine.begin() as connection:
                rows = connection.execute(select(ident, column).where(ident > after, column.isnot(None))
                                          .order_by(ident).limit(BATCH)).all()
                for row_id, token in rows:
                    if is_current(token) is not None:
                        counts.done += 1
                        continue
                    fresh = rotate(token)
                    if fresh is None:
                        counts.unreadable += 1
                        continue
                    counts.moved += 1
                    if write:
                        connection.execute(update(table).where(ident == row_id).values({column.name: fresh}))
            if len(rows) < BATCH:
                break
            after = rows[-1][0]
    log = AuditLog(engine, utc_now, keys.key(Purpose.AUDIT_SEAL), legacy_key=keys.legacy(Purpose.AUDIT_SEAL))
    if write:
        report.audit_head_resealed = log.reseal()
    else:
        current = AuditLog(engine, utc_now, keys.key(Purpose.AUDIT_SEAL)).sealed_head()
        report.audit_head_left = current is not None and not current.seal_valid and bool(
            (head := log.sealed_head()) and head.seal_valid)
    return report


def cmd_keys_migrate(args: argparse.Namespace) -> int:
    from bot.config import settings_or_exit
    from bot.db.engine import get_engine
    from bot.db.migrate import upgrade

    settings = settings_or_exit()
    keys = KeyRing.from_settings(settings)
    if not keys.legacy_fallback:
        print("LEGACY_KEY_FALLBACK is off: the legacy key is not available to read old data with", file=sys.stderr)
    engine = get_engine(settings.database_url)
    upgrade(engine)
    report = migrate_keys(engine, keys, write=not args.check)
    verb = "to move" if args.check else "moved"
    for name, counts in report.tables.items():
        print(f"{name}: {counts.done} already current, {counts.moved} {verb}, {counts.unreadable} unreadable")
    if args.check:
        print(f"audit head: {'sealed with the legacy key' if report.audit_head_left else 'current'}")
        return 1 if report.left else 0
    print(f"audit head: {'sealed anew' if report.audit_head_resealed else 'already current'}")
    return 0


def add_keys_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("keys", help="the per-purpose keys derived from SECRET_KEY")
    commands = keys.add_subparsers(dest="keys_command", required=True)
    migrate = commands.add_parser("migrate", help="move long-lived data from the raw SECRET_KEY to derived keys")
    migrate.add_argument("--check", action="store_true", help="only count what is left; exit 1 if anything is")
    migrate.set_defaults(func=cmd_keys_migrate)
