"""`vern compliance record|dpia|docs`: the controller's paperwork, generated from this deployment's configuration."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.compliance.words import DOCUMENT_LANGUAGES


def _document(args: argparse.Namespace, name: str) -> int:
    from bot.compliance.documents import BUILDERS
    from bot.compliance.facts import gather
    from bot.compliance.render import render
    from bot.compliance.subprocessors import SubprocessorError
    from bot.config import settings_or_exit
    from bot.consent.purposes import PurposeError
    from bot.knowledge.base import KnowledgeError
    from bot.retention.errors import PolicyError

    settings = settings_or_exit()
    try:
        facts = gather(settings, settings.retention_policy_file, settings.consent_purposes_file)
    except (KnowledgeError, PolicyError, PurposeError, SubprocessorError) as error:
        print(f"Vern compliance: cannot read the configuration: {error}", file=sys.stderr)
        return 2
    text = render(BUILDERS[name](facts, args.lang), args.format)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    return _document(args, "record")


def cmd_dpia(args: argparse.Namespace) -> int:
    return _document(args, "dpia")


def cmd_docs(args: argparse.Namespace) -> int:
    from bot.compliance.documents import DOCS_DIR, stale, write

    directory = Path(args.dir) if args.dir else DOCS_DIR
    if args.check:
        differing = stale(directory)
        for path in differing:
            print(f"{path} is out of date: run `vern compliance docs`", file=sys.stderr)
        if not differing:
            print(f"{directory} is current")
        return 1 if differing else 0
    for path in write(directory):
        print(f"wrote {path}")
    return 0


def add_compliance_commands(subparsers: Any) -> None:
    compliance = subparsers.add_parser("compliance", help="the record of processing, the DPIA draft")
    commands = compliance.add_subparsers(dest="compliance_command", required=True)
    for name, func, text in (("record", cmd_record, "the record of processing activities (Art. 30)"),
                             ("dpia", cmd_dpia, "a DPIA draft (Art. 35), with the controller's TODO list")):
        command = commands.add_parser(name, help=f"print {text} of this deployment")
        command.add_argument("--lang", choices=DOCUMENT_LANGUAGES, default="nb", help="default: nb")
        command.add_argument("--format", choices=("md", "json"), default="md", help="Markdown (default) or JSON")
        command.add_argument("--out", help="write to this file instead of standard output")
        command.set_defaults(func=func)
    docs = commands.add_parser("docs", help="write docs/compliance/ for the shipped demo configuration")
    docs.add_argument("--dir", help="write here instead of docs/compliance/")
    docs.add_argument("--check", action="store_true", help="exit 1 if a document differs from the code")
    docs.set_defaults(func=cmd_docs)
