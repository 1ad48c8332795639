"""`vern breach open|update|notify|close|list|show`: the breach register from the command line.

Every listing shows both deadlines (controller notice at discovery + 24 h, authority notice at + 72 h) and how
much time is left, the way `vern retention status` shows what is due."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from bot.config import SUPPORTED_LANGUAGES

FIELDS = (
    ("what", "what_happened", "what happened (the nature of the breach)"),
    ("discovered", "discovered_at", "when Vern's operator became aware, ISO 8601 (UTC unless a zone is given); "
                                    "default now"),
    ("subjects", "subject_categories", "categories of data subjects concerned"),
    ("subjects-approx", "subjects_approx", "approximate number of data subjects"),
    ("records", "record_categories", "categories of personal data records concerned"),
    ("records-approx", "records_approx", "approximate number of records"),
    ("consequences", "consequences", "likely consequences"),
    ("measures", "measures", "measures taken or proposed"),
    ("contact", "contact", "contact point for more information (default MAIL_FROM)"),
)


def add_breach_commands(subparsers: Any) -> None:
    breach = subparsers.add_parser("breach", help="the breach register: open, update, notify the controller, close")
    commands = breach.add_subparsers(dest="breach_command", required=True)
    opened = commands.add_parser("open", help="register a breach; prints its reference and deadlines")
    update = commands.add_parser("update", help="add or correct what is known about a breach")
    update.add_argument("reference")
    for parser in (opened, update):
        for flag, _name, text in FIELDS:
            parser.add_argument(f"--{flag}", help=text, required=(parser is opened and flag == "what"))
    opened.set_defaults(func=cmd_breach_open)
    update.set_defaults(func=cmd_breach_update)
    notify = commands.add_parser("notify", help="e-mail the controller's breach contact (BREACH_CONTACT) the "
                                                "Art. 33(3) content, and print the authority's draft notice")
    notify.add_argument("reference")
    notify.add_argument("--language", choices=SUPPORTED_LANGUAGES, help="default BREACH_CONTACT_LANGUAGE")
    notify.add_argument("--draft", action="store_true", help="only print the authority's draft; send nothing")
    notify.add_argument("--draft-out", help="also write the authority's draft to this file")
    notify.set_defaults(func=cmd_breach_notify)
    close = commands.add_parser("close", help="close a breach (its retention rule starts)")
    close.add_argument("reference")
    close.set_defaults(func=cmd_breach_close)
    listed = commands.add_parser("list", help="every breach with its deadlines")
    listed.add_argument("--open", action="store_true", help="only open breaches")
    listed.add_argument("--json", action="store_true", help="as JSON")
    listed.set_defaults(func=cmd_breach_list)
    show = commands.add_parser("show", help="one breach in full, as JSON")
    show.add_argument("reference")
    show.set_defaults(func=cmd_breach_show)


def _register() -> Any:
    from bot.breach.service import breach_register
    from bot.config import settings_or_exit
    from bot.db.engine import get_engine
    from bot.db.migrate import upgrade

    settings = settings_or_exit()
    upgrade(get_engine(settings.database_url))
    return breach_register(settings), settings


def _values(args: argparse.Namespace) -> dict[str, Any]:
    return {name: getattr(args, flag.replace("-", "_")) for flag, name, _ in FIELDS}


def _run(action: Any) -> int:
    from bot.breach.register import BreachError

    try:
        return int(action())
    except BreachError as error:
        print(f"Vern: {error}", file=sys.stderr)
        return 2


def _summary(breach: Any, now: Any) -> str:
    data = breach.as_dict(now)
    return (f"{breach.reference}  {breach.status:6}  discovered {data['discovered_at']}\n"
            f"  controller notice due {data['controller_notice_due']} ({data['controller_notice']})\n"
            f"  authority notice due  {data['authority_notice_due']}"
            + (" (closed)" if breach.status == "closed" else
               f" ({breach.deadlines.state(breach.deadlines.authority_due, None, now)}; the controller sends it)")
            + f"\n  {breach.what_happened[:200]}")


def cmd_breach_open(args: argparse.Namespace) -> int:
    def act() -> int:
        register, settings = _register()
        values = _values(args)
        what, discovered = values.pop("what_happened"), values.pop("discovered_at")
        values["contact"] = values.get("contact") or settings.mail_from
        breach, _ = register.open(what, discovered_at=_time(discovered), **values)
        print(_summary(breach, register.now()))
        print(f"next: vern breach notify {breach.reference}")
        return 0
    return _run(act)


def _time(raw: str | None) -> Any:
    from bot.breach.register import parse_time

    return parse_time(raw) if raw else None


def cmd_breach_update(args: argparse.Namespace) -> int:
    def act() -> int:
        register, _ = _register()
        breach = register.update(args.reference, **_values(args))
        print(_summary(breach, register.now()))
        return 0
    return _run(act)


def cmd_breach_notify(args: argparse.Namespace) -> int:
    from bot.breach.notice import authority_draft
    from bot.breach.service import notify_controller
    from bot.mail.errors import MailError

    def act() -> int:
        register, settings = _register()
        language = args.language or settings.breach_contact_language
        if args.draft:
            draft = authority_draft(register.get(args.reference), language, settings)
        else:
            try:
                notified = asyncio.run(notify_controller(register, args.reference, settings, language))
            except MailError as error:
                print(f"Vern: the notice was not sent ({error}); the deadline still runs", file=sys.stderr)
                return 1
            breach = notified.breach
            print(f"notice for {breach.reference} sent to the controller's breach contact ({notified.language}); "
                  f"the authority notice is due {breach.as_dict(register.now())['authority_notice_due']}")
            draft = notified.draft
        if args.draft_out:
            Path(args.draft_out).write_text(draft, encoding="utf-8")
        print(draft)
        return 0
    return _run(act)


def cmd_breach_close(args: argparse.Namespace) -> int:
    def act() -> int:
        register, _ = _register()
        breach = register.close(args.reference)
        if breach.controller_notified_at is None:
            print("note: the controller was never notified of this breach", file=sys.stderr)
        print(_summary(breach, register.now()))
        return 0
    return _run(act)


def cmd_breach_list(args: argparse.Namespace) -> int:
    def act() -> int:
        register, _ = _register()
        now = register.now()
        breaches = register.list(include_closed=not args.open)
        if args.json:
            print(json.dumps([b.as_dict(now) for b in breaches], indent=2, ensure_ascii=False))
        elif not breaches:
            print("no breaches registered")
        else:
            print("\n".join(_summary(b, now) for b in breaches))
        return 0
    return _run(act)


def cmd_breach_show(args: argparse.Namespace) -> int:
    def act() -> int:
        register, _ = _register()
        print(json.dumps(register.get(args.reference).as_dict(register.now()), indent=2, ensure_ascii=False))
        return 0
    return _run(act)
