"""`vern`: the command line for running, training, migrating and checking Vern."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.audit.cli import add_audit_commands
from bot.backup.cli import add_backup_commands
from bot.breach.cli import add_breach_commands
from bot.compliance.cli import add_compliance_commands
from bot.config import Settings, settings_or_exit
from bot.console.cli import add_console_commands
from bot.decommission.cli import add_decommission_commands
from bot.inventory.cli import add_inventory_commands
from bot.key_migration import add_keys_commands
from bot.private_files import restrict_process_umask
from bot.retention.cli import add_retention_commands
from bot.training.cli import add_training_commands


def _settings() -> Settings:
    return settings_or_exit()


def cmd_dev(_args: argparse.Namespace) -> int:
    from bot.runner import run_dev

    return run_dev(_settings())


def cmd_rasa(args: argparse.Namespace) -> int:
    from bot.rasa_adapter.server import serve

    serve(_settings(), train_if_missing=not args.no_train, model_file=Path(args.model) if args.model else None)
    return 0


def cmd_actions(_args: argparse.Namespace) -> int:
    from bot.db.migrate import upgrade
    from bot.rasa_adapter.action_server import serve
    from bot.wiring import build

    settings = _settings()
    upgrade(build(settings).engine)
    serve(settings)
    return 0


def cmd_web(_args: argparse.Namespace) -> int:
    from bot.web.app import serve

    serve(_settings())
    return 0


def cmd_telegram(args: argparse.Namespace) -> int:
    from bot.logs import configure_logging
    from bot.telegram.app import run_polling, run_webhook

    settings = _settings()
    configure_logging(settings.log_level)
    mode = args.mode or settings.telegram_mode
    if settings.telegram_token is None:
        print("Vern configuration error: the guardian bot needs TELEGRAM_TOKEN", file=sys.stderr)
        return 2
    if mode == "webhook" and settings.telegram_webhook_secret is None:
        print("Vern configuration error: webhook mode needs TELEGRAM_WEBHOOK_SECRET", file=sys.stderr)
        return 2
    (run_webhook if mode == "webhook" else run_polling)(settings)
    return 0


def cmd_model(args: argparse.Namespace) -> int:
    from bot.rasa_adapter.model import ensure_model, model_path

    settings = _settings()
    print(ensure_model(settings) if args.action == "ensure" else model_path(settings))
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from bot.db import migrate
    from bot.wiring import build

    engine = build(_settings()).engine
    if args.action == "upgrade":
        migrate.upgrade(engine, revision=args.revision or "heads")
    elif args.action == "downgrade":
        migrate.downgrade(engine, revision=args.revision or "base")
    current = ", ".join(migrate.current_revisions(engine)) or "base"
    print(f"database at {current}; heads {', '.join(migrate.head_revisions())}")
    return 0


def cmd_config(_args: argparse.Namespace) -> int:
    from bot.settings_page import effective

    for variable, shown in effective(_settings()):
        print(f"{variable:32} {shown}")
    return 0


def cmd_config_docs(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.settings_page import PAGE, render, write

    path = Path(args.out) if args.out else PAGE
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != render():
            print(f"{path} is out of date: run `vern config docs`", file=sys.stderr)
            return 1
        print(f"{path} is current")
        return 0
    print(f"wrote {write(path)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vern", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dev", help="run every process for development").set_defaults(func=cmd_dev)
    rasa = sub.add_parser("rasa", help="run the Rasa server")
    rasa.add_argument("--no-train", action="store_true", help="fail instead of training a missing model")
    rasa.add_argument("--model", help="serve this model file instead of the one for the current data")
    rasa.set_defaults(func=cmd_rasa)
    sub.add_parser("actions", help="run the action server").set_defaults(func=cmd_actions)
    sub.add_parser("web", help="run the web app (demo page and widget)").set_defaults(func=cmd_web)
    telegram = sub.add_parser("telegram", help="run the guardian bot on Telegram")
    telegram.add_argument("--mode", choices=("polling", "webhook"), help="default: TELEGRAM_MODE")
    telegram.set_defaults(func=cmd_telegram)
    model = sub.add_parser("model", help="the Rasa model")
    model.add_argument("action", choices=["ensure", "path"])
    model.set_defaults(func=cmd_model)
    db = sub.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "downgrade", "current"])
    db.add_argument("revision", nargs="?")
    db.set_defaults(func=cmd_db)
    config = sub.add_parser("config", help="print the settings (secrets hidden)")
    config.set_defaults(func=cmd_config)
    config_commands = config.add_subparsers(dest="config_command")
    docs = config_commands.add_parser("docs", help="write docs/configuration.md from the settings' declarations")
    docs.add_argument("--out", help="write here instead of docs/configuration.md")
    docs.add_argument("--check", action="store_true", help="exit 1 if the page differs from the declarations")
    docs.set_defaults(func=cmd_config_docs)
    add_retention_commands(sub)
    add_training_commands(sub)
    add_console_commands(sub)
    add_inventory_commands(sub)
    add_audit_commands(sub)
    add_keys_commands(sub)
    add_backup_commands(sub)
    add_compliance_commands(sub)
    add_breach_commands(sub)
    add_decommission_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Everything a Vern process creates (SQLite, exports, outbox, secrets, backups, Rasa's files) is its own.
    restrict_process_umask()
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
