"""`vern console ...`: the admin's commands for caseworker accounts and the access log."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from bot.config import settings_or_exit

if TYPE_CHECKING:
    from bot.console.services import ConsoleServices


def _services() -> ConsoleServices:
    from bot.db.migrate import upgrade
    from bot.wiring import build

    services = build(settings_or_exit())
    upgrade(services.engine)
    return services.console


def cmd(args: argparse.Namespace) -> int:
    from bot.console.accounts import AccountError

    services = _services()
    accounts = services.accounts
    try:
        if args.action == "add-user":
            password = getpass.getpass("Password (empty: generate one): ") if args.ask_password else None
            created = accounts.create(args.username, args.role, password or None)
            print(f"Created {args.role} {args.username}.")
            if not password:
                print(f"Initial password: {created.password} (to be changed at the first login)")
            print(f"Second factor: add this to an authenticator app:\n{created.totp_uri}")
        elif args.action == "disable-user":
            accounts.disable(args.username)
            user = next(a for a in accounts.list() if a.username == args.username.lower())
            services.sessions.end_all(user.id)
            print(f"Disabled {args.username}; their sessions have ended.")
        elif args.action == "enable-user":
            accounts.enable(args.username)
            print(f"Enabled {args.username}.")
        elif args.action == "reset-2fa":
            reset = accounts.reset_second_factor(args.username)
            print(f"New second factor for {args.username}:\n{reset.totp_uri}")
        elif args.action == "list-users":
            for account in accounts.list():
                print(f"{account.username}\t{account.role}\t{'disabled' if account.disabled else 'active'}")
        elif args.action == "access-log":
            for entry in services.access.recent(args.limit, args.user):
                print(f"{entry.at.isoformat(timespec='seconds')}Z\t{entry.username}\t{entry.action}\t{entry.target}")
    except AccountError as error:
        print(f"Not done: {error}", file=sys.stderr)
        return 2
    return 0


def add_console_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    console = sub.add_parser("console", help="caseworker accounts and the access log")
    actions = console.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add-user", help="create a caseworker or admin (prints the TOTP set-up URI)")
    add.add_argument("username")
    add.add_argument("--role", choices=("caseworker", "admin"), default="caseworker")
    add.add_argument("--ask-password", action="store_true", help="type the password instead of generating one")
    for name, text in (("disable-user", "disable an account and end its sessions"),
                       ("enable-user", "enable an account again"),
                       ("reset-2fa", "give an account a new second factor")):
        actions.add_parser(name, help=text).add_argument("username")
    actions.add_parser("list-users", help="list accounts")
    log = actions.add_parser("access-log", help="who saw which case or chat, newest first")
    log.add_argument("--user")
    log.add_argument("--limit", type=int, default=100)
    for parser in actions.choices.values():
        parser.set_defaults(func=cmd)
