"""`vern audit verify` and `vern audit checkpoint`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.config import get_settings
from bot.wiring import Services, build


def _services() -> Services:
    return build(get_settings())


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from bot.audit.checkpoint import Checkpoint, signature_holds
    from bot.db.migrate import upgrade

    checkpoint = None
    if args.checkpoint:
        try:
            checkpoint = Checkpoint.from_json(Path(args.checkpoint).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as error:
            print(f"cannot read the checkpoint: {type(error).__name__}", file=sys.stderr)
            return 2
        if not signature_holds(checkpoint, args.public_key):
            print("FAILED: the checkpoint's signature does not hold", file=sys.stderr)
            return 1
    services = _services()
    upgrade(services.engine)
    result = services.audit.verify(checkpoint)
    if result.ok:
        suffix = f"; it contains checkpoint {checkpoint.count} ({checkpoint.at})" if checkpoint else ""
        print(f"OK: {result.count} entries, head {result.head}{suffix}")
        return 0
    print(f"FAILED: {result.problem}", file=sys.stderr)
    return 1


def cmd_audit_checkpoint(args: argparse.Namespace) -> int:
    from bot.db.migrate import upgrade

    services = _services()
    upgrade(services.engine)
    try:
        checkpoint = services.audit.checkpoint()
    except ValueError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    if args.out:
        Path(args.out).write_text(checkpoint.to_json() + "\n", encoding="utf-8")
        print(f"checkpoint of {checkpoint.count} entries written to {args.out}")
    else:
        print(checkpoint.to_json())
    return 0


def add_audit_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = sub.add_parser("audit", help="the tamper-evident audit log")
    commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = commands.add_parser("verify", help="check the hash chain (and, optionally, a signed checkpoint)")
    verify.add_argument("--checkpoint", help="a checkpoint file exported earlier")
    verify.add_argument("--public-key", help="the signer's public key you trust (base64); default: the file's")
    verify.set_defaults(func=cmd_audit_verify)
    checkpoint = commands.add_parser("checkpoint", help="export a signed checkpoint (head hash, count, time)")
    checkpoint.add_argument("--out", help="write to this file instead of printing")
    checkpoint.set_defaults(func=cmd_audit_checkpoint)
