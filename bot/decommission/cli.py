"""`vern decommission export|purge|verify`: the end of the contract (000 §11, 003 §7.2)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.keys import KeyRing


def add_decommission_commands(subparsers: Any) -> None:
    decommission = subparsers.add_parser("decommission", help="contract end: export everything, then purge it")
    commands = decommission.add_subparsers(dest="decommission_command", required=True)
    export = commands.add_parser("export", help="a signed archive of cases, consent records, audit log, checkpoint "
                                                "(and the record of processing where available)")
    export.add_argument("--out", help="the archive to write (default: vern-export-<time>.tar.gz here)")
    export.set_defaults(func=cmd_decommission_export)
    purge = commands.add_parser("purge", help="list (default) or, with --yes, delete every store of the data "
                                              "inventory and every backup; writes a signed confirmation")
    purge.add_argument("--yes", action="store_true", help="really delete; without it nothing is touched")
    purge.add_argument("--out", help="the confirmation to write (default: vern-purge-confirmation-<time>.json here)")
    purge.set_defaults(func=cmd_decommission_purge)
    verify = commands.add_parser("verify", help="check a purge confirmation's or an export archive's signature")
    verify.add_argument("file")
    verify.add_argument("--public-key", help="the key you trust (base64), e.g. from an earlier audit checkpoint; "
                                             "default: the file's own")
    verify.set_defaults(func=cmd_decommission_verify)


def _settings() -> Any:
    from bot.config import settings_or_exit

    return settings_or_exit()


def _outside_var(path: Path, settings: Any) -> bool:
    resolved = path.resolve()
    return not any(resolved.is_relative_to(folder.resolve())
                   for folder in (settings.var_dir, settings.backup_dir, settings.outbox_dir))


def cmd_decommission_export(args: argparse.Namespace) -> int:
    from bot.clock import utc_now
    from bot.db.engine import create_db_engine
    from bot.db.migrate import is_up_to_date
    from bot.decommission.export import export_archive

    settings = _settings()
    now = utc_now()
    out = Path(args.out or f"vern-export-{now:%Y%m%dT%H%M%SZ}.tar.gz")
    if not _outside_var(out, settings):
        print("Vern: write the archive outside the var, backup and outbox folders: the purge empties them",
              file=sys.stderr)
        return 2
    engine = create_db_engine(settings.database_url)
    try:
        if not is_up_to_date(engine):
            print("Vern: the database is not migrated (or was purged already); nothing to export", file=sys.stderr)
            return 2
        manifest = export_archive(settings, engine, out, now)
        _audit(settings, engine, "decommission.exported", {"files": len(manifest["files"])})
    finally:
        engine.dispose()
    print(f"wrote {out}: {len(manifest['files'])} files, signed by {manifest['public_key']}")
    for name, section in manifest["sections"].items():
        print(f"  {name}: {', '.join(section) if section else 'not available in this deployment'}")
    return 0


def _audit(settings: Any, engine: Any, event: str, details: dict[str, Any]) -> None:
    from bot.audit.service import AuditTrail
    from bot.clock import utc_now

    AuditTrail(engine, utc_now, KeyRing.from_settings(settings),
               settings.audit_signing_key.reveal() if settings.audit_signing_key else None).record(event, None, details)


def cmd_decommission_purge(args: argparse.Namespace) -> int:
    from bot.clock import utc_now
    from bot.decommission.purge import plan, purge
    from bot.private_files import write_private_bytes

    settings = _settings()
    now = utc_now()
    lines = plan(settings)
    if not args.yes:
        print("DRY RUN: nothing deleted. A purge with --yes would delete:")
        for line in lines:
            note = f"  ({line.note})" if line.note else ""
            print(f"  {line.kind:5} {line.store:24} {line.where:38} {line.count:>8}{note}")
        print(f"total: {sum(line.count for line in lines)} rows, keys and files. Export first: "
              "`vern decommission export`.")
        return 0
    out = Path(args.out or f"vern-purge-confirmation-{now:%Y%m%dT%H%M%SZ}.json")
    if not _outside_var(out, settings):
        print("Vern: write the confirmation outside the var, backup and outbox folders", file=sys.stderr)
        return 2
    confirmation = purge(settings, now)
    write_private_bytes(out, (json.dumps(confirmation, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    deleted = sum(store["deleted"] for store in confirmation["stores"])
    print(f"purged {deleted} rows, keys and files; confirmation written to {out}")
    if confirmation["remaining"]:
        print(f"Vern: these stores still hold data: {confirmation['remaining']}", file=sys.stderr)
        return 1
    return 0


def cmd_decommission_verify(args: argparse.Namespace) -> int:
    import hashlib
    import tarfile

    from bot.decommission.export import read_archive
    from bot.decommission.signing import signature_holds

    path = Path(args.file)
    try:
        if tarfile.is_tarfile(path):
            document, files = read_archive(path)
            wrong = [name for name, meta in document["files"].items()
                     if hashlib.sha256(files.get(name, b"")).hexdigest() != meta["sha256"]]
            extra = sorted(set(files) - set(document["files"]))
        else:
            document, wrong, extra = json.loads(path.read_text(encoding="utf-8")), [], []
    except (OSError, ValueError, KeyError, tarfile.TarError) as error:
        print(f"Vern: cannot read {path}: {type(error).__name__}", file=sys.stderr)
        return 2
    if not signature_holds(document, args.public_key):
        print("FAILED: the signature does not hold (changed, or signed by another key)", file=sys.stderr)
        return 1
    if wrong or extra:
        print(f"FAILED: files differ from the signed manifest: {wrong + extra}", file=sys.stderr)
        return 1
    when = document.get("purged_at") or document.get("created_at")
    print(f"OK: {document.get('kind')} for {document.get('controller')} of {when}, signed by {document['public_key']}")
    return 0
