"""`vern backup create | list | restore NAME | prune`; registered by `add_backup_commands(subparsers)`.

Every failure is one plain line on stderr and exit status 1; the live database
is then as it was (a restore replaces it only when the restored copy is whole
and every journaled erasure has been applied to it again).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.config import settings_or_exit


def add_backup_commands(subparsers: Any) -> None:
    backup = subparsers.add_parser("backup", help="encrypted database backups that never bring an erasure back")
    commands = backup.add_subparsers(dest="backup_command", required=True)
    commands.add_parser("create", help="write an encrypted backup to BACKUP_DIR").set_defaults(func=cmd_backup)
    commands.add_parser("list", help="the backups in BACKUP_DIR, oldest first").set_defaults(func=cmd_backup)
    restore = commands.add_parser("restore", help="restore a backup (stop Vern first), then erase the journal again")
    restore.add_argument("name", help="a name from `vern backup list`")
    restore.set_defaults(func=cmd_backup)
    verify = commands.add_parser("verify", help="restore a backup into a scratch copy (the live database is not "
                                 "touched), erase the journal again, count what it holds, drop it")
    verify.add_argument("name", help="a name from `vern backup list`")
    verify.set_defaults(func=cmd_backup)
    prune = commands.add_parser("prune", help="delete backups older than BACKUP_RETENTION_DAYS")
    prune.set_defaults(func=cmd_backup)


def cmd_backup(args: argparse.Namespace) -> int:
    from bot.backup.errors import BackupError
    from bot.backup.service import Backups
    from bot.clock import utc_now

    settings = settings_or_exit()
    try:
        backups = Backups(settings, utc_now)
        return _run(backups, args)
    except BackupError as error:
        print(f"vern backup {args.backup_command}: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        # A full disk or an unwritable BACKUP_DIR: say which, not a traceback.
        print(f"vern backup {args.backup_command}: {error.strerror or type(error).__name__}", file=sys.stderr)
        return 1


def _run(backups: Any, args: argparse.Namespace) -> int:
    command = args.backup_command
    if command == "create":
        made = backups.create()
        print(f"created {made.name} ({made.size} bytes, encrypted)")
    elif command == "list":
        for backup in backups.list():
            print(f"{backup.name}  {backup.created_at:%Y-%m-%d %H:%M:%S} UTC  {backup.size} bytes")
    elif command == "verify":
        report, (tables, rows) = backups.drill(args.name, _count_rows)
        print(f"{args.name} restores: {tables} tables, {rows} rows; erasure journal re-applied: "
              f"{report.subjects} erased subject(s) checked, {report.found} found and erased again")
    elif command == "restore":
        report = backups.restore(args.name)
        print(f"restored {args.name}; erasure journal re-applied: {report.subjects} erased subject(s) checked, "
              f"{report.found} found in the backup and erased again ({report.records} records)")
    elif command == "prune":
        pruned = backups.prune()
        print(f"deleted {pruned.backups_deleted} backup(s) past the rotation; "
              f"{pruned.journal_entries_dropped} erasure journal line(s) no backup needs any more")
    return 0


def _count_rows(engine: Any) -> tuple[int, int]:
    from sqlalchemy import MetaData, func, select

    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        rows = sum(int(connection.execute(select(func.count()).select_from(table)).scalar_one())
                   for table in metadata.sorted_tables)
    return len(metadata.sorted_tables), rows

