"""`vern inventory docs [--check]`: write (or check) docs/data-inventory.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def cmd_inventory_docs(args: argparse.Namespace) -> int:
    from bot.inventory.page import PAGE, render, write

    path = Path(args.out) if args.out else PAGE
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != render():
            print(f"{path} is out of date: run `vern inventory docs`", file=sys.stderr)
            return 1
        print(f"{path} is current")
        return 0
    print(f"wrote {write(path)}")
    return 0


def add_inventory_commands(subparsers: Any) -> None:
    inventory = subparsers.add_parser("inventory", help="the inventory of personal data Vern keeps")
    commands = inventory.add_subparsers(dest="inventory_command", required=True)
    docs = commands.add_parser("docs", help="write docs/data-inventory.md from the inventory and the policy")
    docs.add_argument("--out", help="write here instead of docs/data-inventory.md")
    docs.add_argument("--check", action="store_true", help="exit 1 if the page differs from the code")
    docs.set_defaults(func=cmd_inventory_docs)
