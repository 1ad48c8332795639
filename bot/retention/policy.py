"""The retention policy file, loaded into frozen, validated rules.

The rules are configuration, not code: a municipality whose agreement says
otherwise points RETENTION_POLICY_FILE at its own copy of `policy.yml`. A file
that cannot be read or does not describe valid rules stops the worker with a
`PolicyError` naming the file, the rule and the field — a worker that guessed
would keep personal data longer than agreed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from bot.retention.errors import PolicyError
from bot.retention.record_catalogue import record_kind, record_kinds
from bot.retention.record_kinds import RecordKind
from bot.retention.rules import RuleKind, rule_kind, rule_kinds

DEFAULT_POLICY_FILE = Path(__file__).resolve().parent / "policy.yml"
ACTIONS = ("mask", "delete")
# The categories a masker replaces, with the annex's tokens.
DEFAULT_REPLACEMENTS = {"name": "<name>", "number": "<number>", "email": "<email>"}

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_TAG = re.compile(r"^[a-z][a-z0-9]*:[a-z0-9][a-z0-9.-]*$")
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# A token the masker would mask again (digits, "@") would change on every run.
_TOKEN = re.compile(r"^[^\d@\s]{1,32}$")
_RULE_FIELDS = {"id", "applies_to", "action", "after", "purpose", "legal_basis", "replacements", "source"}


@dataclass(frozen=True)
class RetentionRule:
    id: str
    applies_to: str
    action: str
    after: timedelta
    purpose: str
    legal_basis: str
    # (category, token) pairs; empty for delete rules. A tuple keeps the rule hashable.
    replacements: tuple[tuple[str, str], ...] = ()
    # Where the period comes from (an agreement's section, or "Vern default"), for the inventory page.
    source: str = ""

    @property
    def kind(self) -> RuleKind:
        kind = rule_kind(self.applies_to)
        if kind is None:  # validated on load; only a hand-built rule gets here
            raise PolicyError(f"rule {self.id!r}: {self.applies_to!r} is not a chat kind")
        return kind

    @property
    def records(self) -> RecordKind | None:
        """The record kind this rule deletes, or None for a chat rule."""
        return record_kind(self.applies_to)

    @property
    def order(self) -> int:
        records = self.records
        return records.order if records is not None else self.kind.order

    @property
    def replacement_map(self) -> dict[str, str]:
        return dict(self.replacements)


@dataclass(frozen=True)
class RetentionPolicy:
    rules: tuple[RetentionRule, ...]
    source: str = "<memory>"

    def rule_for(self, applies_to: str) -> RetentionRule | None:
        return next((rule for rule in self.rules if rule.applies_to == applies_to), None)

    def in_order(self) -> tuple[RetentionRule, ...]:
        """The order the worker applies them in: the rule kinds' order."""
        return tuple(sorted(self.rules, key=lambda rule: rule.order))

    def chat_rules(self) -> tuple[RetentionRule, ...]:
        return tuple(rule for rule in self.in_order() if rule.records is None)

    def record_rules(self) -> tuple[RetentionRule, ...]:
        return tuple(rule for rule in self.in_order() if rule.records is not None)


def with_overrides(policy: RetentionPolicy, mask_minutes: int | None, masked_days: int | None) -> RetentionPolicy:
    """MASK_WITHIN_MINUTES and MASKED_CHAT_RETENTION_DAYS, when set, replace the two chat rules' `after`."""
    from dataclasses import replace

    after: dict[str, timedelta] = {}
    if mask_minutes is not None:
        after["bot_chat"] = timedelta(minutes=mask_minutes)
    if masked_days is not None:
        after["masked_bot_chat"] = timedelta(days=masked_days)
    rules = tuple(replace(rule, after=after[rule.applies_to]) if rule.applies_to in after else rule
                  for rule in policy.rules)
    return RetentionPolicy(rules=rules, source=policy.source)


def parse_duration(value: object, where: str = "duration") -> timedelta:
    """'15m', '0m', '365d', '12h', '30s', '2w'. A bare number is refused: minutes or days?"""
    if isinstance(value, bool) or not isinstance(value, str):
        raise PolicyError(f"{where} must be a number with a unit (s, m, h, d, w), like '15m' or '365d'")
    match = _DURATION.match(value)
    if match is None:
        raise PolicyError(f"{where} {value!r} is not a duration like '15m', '0m' or '365d'")
    return timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2)])


def load_policy(path: Path | str) -> RetentionPolicy:
    """The policy in `path`: `settings.retention_policy_file` (RETENTION_POLICY_FILE, else the shipped one)."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as error:
        raise PolicyError(f"retention policy {source}: cannot read it ({type(error).__name__})") from None
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise PolicyError(f"retention policy {source}: not valid YAML{at}") from None
    return parse_policy(document, str(source))


def parse_policy(document: Any, source: str = "<memory>") -> RetentionPolicy:
    prefix = f"retention policy {source}"
    if not isinstance(document, dict):
        raise PolicyError(f"{prefix}: expected a mapping with 'version' and 'rules'")
    unknown = sorted(set(document) - {"version", "rules"})
    if unknown:
        raise PolicyError(f"{prefix}: unknown top-level field(s) {', '.join(map(str, unknown))}")
    if document.get("version") != 1:
        raise PolicyError(f"{prefix}: 'version' must be 1")
    raw_rules = document.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise PolicyError(f"{prefix}: 'rules' must be a non-empty list")
    rules = tuple(_parse_rule(raw, f"{prefix}: rule {index + 1}") for index, raw in enumerate(raw_rules))
    _check_rule_set(rules, prefix)
    return RetentionPolicy(rules=rules + _default_record_rules(rules), source=source)


def _default_record_rules(rules: tuple[RetentionRule, ...]) -> tuple[RetentionRule, ...]:
    """A policy file written before a record kind existed gets the bundled rule for it, never no rule."""
    named = {rule.applies_to for rule in rules}
    missing = [kind.name for kind in record_kinds() if kind.name not in named]
    if not missing:
        return ()
    defaults = parse_policy(yaml.safe_load(DEFAULT_POLICY_FILE.read_text(encoding="utf-8")), str(DEFAULT_POLICY_FILE))
    return tuple(rule for rule in defaults.rules if rule.applies_to in missing)


def _parse_rule(raw: Any, where: str) -> RetentionRule:
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: expected a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise PolicyError(f"{where}: 'id' must be lower-case letters, digits, '-' or '_'")
    where = f"{where} ({rule_id})"
    unknown = sorted(set(map(str, raw)) - _RULE_FIELDS)
    if unknown:
        raise PolicyError(f"{where}: unknown field(s) {', '.join(unknown)}")
    applies_to = raw.get("applies_to")
    kind = rule_kind(applies_to) if isinstance(applies_to, str) else None
    records = record_kind(applies_to) if isinstance(applies_to, str) else None
    if kind is None and records is None:
        known = ", ".join([k.name for k in rule_kinds()] + [k.name for k in record_kinds()])
        raise PolicyError(f"{where}: 'applies_to' must be one of {known}")
    action = raw.get("action")
    if action not in ACTIONS:
        raise PolicyError(f"{where}: 'action' must be one of {', '.join(ACTIONS)}")
    allowed = kind.actions if kind is not None else frozenset({"delete"})
    if action not in allowed:
        raise PolicyError(f"{where}: action {action!r} does not apply to {applies_to}")
    source = raw.get("source", "")
    if not isinstance(source, str):
        raise PolicyError(f"{where}: 'source' must be text naming where the period comes from")
    if "after" not in raw:
        raise PolicyError(f"{where}: 'after' is missing")
    after = parse_duration(raw["after"], f"{where}: 'after'")
    tags = {name: raw.get(name) for name in ("purpose", "legal_basis")}
    for name, tag in tags.items():
        if not isinstance(tag, str) or not _TAG.match(tag):
            raise PolicyError(f"{where}: {name!r} must be a machine-readable tag like 'vern:assistant-training'")
    return RetentionRule(
        id=rule_id,
        applies_to=str(applies_to),
        action=str(action),
        after=after,
        purpose=str(tags["purpose"]),
        legal_basis=str(tags["legal_basis"]),
        replacements=_parse_replacements(raw.get("replacements"), action == "mask", where),
        source=source.strip(),
    )


def _parse_replacements(raw: Any, is_mask: bool, where: str) -> tuple[tuple[str, str], ...]:
    if not is_mask:
        if raw is not None:
            raise PolicyError(f"{where}: 'replacements' belongs to mask rules only")
        return ()
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: a mask rule needs 'replacements' for {', '.join(DEFAULT_REPLACEMENTS)}")
    categories = set(map(str, raw))
    missing = sorted(set(DEFAULT_REPLACEMENTS) - categories)
    unknown = sorted(categories - set(DEFAULT_REPLACEMENTS))
    if missing or unknown:
        problem = f"missing {', '.join(missing)}" if missing else f"unknown category {', '.join(unknown)}"
        raise PolicyError(f"{where}: 'replacements' {problem}")
    for category, token in raw.items():
        if not isinstance(token, str) or not _TOKEN.match(token):
            raise PolicyError(
                f"{where}: replacement for {category!r} must be 1-32 characters without digits, '@' or spaces"
            )
    return tuple((category, raw[category]) for category in DEFAULT_REPLACEMENTS)


def _check_rule_set(rules: tuple[RetentionRule, ...], prefix: str) -> None:
    seen_ids: set[str] = set()
    seen_kinds: set[str] = set()
    for rule in rules:
        if rule.id in seen_ids:
            raise PolicyError(f"{prefix}: rule id {rule.id!r} is used twice")
        if rule.applies_to in seen_kinds:
            raise PolicyError(f"{prefix}: more than one rule applies to {rule.applies_to}")
        seen_ids.add(rule.id)
        seen_kinds.add(rule.applies_to)
    missing = [kind.name for kind in rule_kinds() if kind.required and kind.name not in seen_kinds]
    if missing:
        raise PolicyError(f"{prefix}: no rule for {', '.join(missing)} (its chats would be kept forever)")
