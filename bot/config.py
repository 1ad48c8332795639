"""One frozen settings object, built from the environment (and an optional `.env`).

Secrets are wrapped in `Secret` so they never show up in a repr, a log line or
a traceback. In development, missing secrets are generated once and kept in
`var/dev-secrets.json` so that every process of `make run` agrees on them; in
production a missing secret is a start-up error that names the variable.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.private_files import exclusive, private_dir, write_private_bytes

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SUPPORTED_LANGUAGES = ("nb", "nn", "da", "en")
# The caseworker console's languages: every console word is translated in these (bot.i18n.check, tests/i18n).
CONSOLE_LANGUAGES = ("en", "nb")
# Loopback and the private ranges (RFC 1918, RFC 4193): the only places Rasa's HTTP API may be called from.
DEFAULT_API_NETWORKS = ("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")


class ConfigError(Exception):
    """The environment does not describe a runnable Vern."""


class Secret:
    """A string that does not reveal itself when printed."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and secrets.compare_digest(self._value, other._value)

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __bool__(self) -> bool:
        return bool(self._value)


# Every setting is declared once, on its field: the environment variable, the dataclass default, how the text is
# read, a derived default where one depends on other settings, a single-setting check, whether it is secret, and
# the sentence docs/configuration.md shows. `load_settings`, `vern config` and the generated page all walk these
# declarations, so adding a setting is one `setting(...)` line (plus `vern config docs`).

Scope = Mapping[str, Any]  # the settings read so far, by attribute name (a group's fields see the top level)
Parser = Callable[[str, str, Scope], Any]  # (variable name, raw text, scope) -> value
Deriver = Callable[[Scope], Any]
Checker = Callable[[str, Any, Scope], None]

DECLARED = "vern.setting"
GROUP = "vern.group"


@dataclass(frozen=True)
class Declared:
    env: str
    doc: str
    parse: Parser
    derive: Deriver | None = None  # the default when the variable is unset, computed from settings read before
    check: Checker | None = None  # one setting's own rule; rules across settings are in _check_combinations
    shown: str | None = None  # the default as the page shows it, when it is not the dataclass default itself
    secret: bool = False
    generated: bool = False  # unset in development: generated once into var/dev-secrets.json; production needs it
    production_requires: bool = False


def _text(_name: str, raw: str, _scope: Scope) -> str:
    return raw.strip()


def _lower(_name: str, raw: str, _scope: Scope) -> str:
    return raw.strip().lower()


def _whole(name: str, raw: str, _scope: Scope) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None


def _on_off(name: str, raw: str, _scope: Scope) -> bool:
    value = raw.strip().lower()
    if value in ("on", "true", "1", "yes"):
        return True
    if value in ("off", "false", "0", "no"):
        return False
    raise ConfigError(f"{name} must be on or off, got {value!r}")


def _number(example: str) -> Parser:
    def parse(name: str, raw: str, _scope: Scope) -> float:
        try:
            return float(raw.strip())
        except ValueError:
            raise ConfigError(f"{name} must be a number such as {example}") from None
    return parse


def _period(lowest: int) -> Parser:
    """A period that overrides the retention policy file when set; unset means the file's value."""
    def parse(name: str, raw: str, scope: Scope) -> int:
        value = _whole(name, raw, scope)
        if value < lowest:
            raise ConfigError(f"{name} must be at least {lowest}, got {value}")
        return value
    return parse


def _path(_name: str, raw: str, _scope: Scope) -> Path:
    return Path(raw.strip())


def _resolved(_name: str, raw: str, _scope: Scope) -> Path:
    return Path(raw.strip()).resolve()


def _secret(_name: str, raw: str, _scope: Scope) -> Secret:
    return Secret(raw.strip())


def _list(_name: str, raw: str, _scope: Scope) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def _networks(name: str, raw: str, _scope: Scope) -> tuple[str, ...]:
    """A comma-separated CIDR list, each normalised (10.1.2.3/16 -> 10.1.0.0/16)."""
    import ipaddress

    networks = []
    for item in raw.split(","):
        if not item.strip():
            continue
        try:
            networks.append(str(ipaddress.ip_network(item.strip(), strict=False)))
        except ValueError:
            raise ConfigError(f"{name} must list networks such as 10.20.0.0/16 or 2001:db8::/48, "
                              f"separated by commas; {item.strip()!r} is not one") from None
    return tuple(networks)


def _one_of(*allowed: str, message: str) -> Checker:
    def check(_name: str, value: Any, _scope: Scope) -> None:
        if value not in allowed:
            raise ConfigError(message)
    return check


def _at_least(lowest: int, message: str) -> Checker:
    def check(_name: str, value: Any, _scope: Scope) -> None:
        if value < lowest:
            raise ConfigError(message)
    return check


def _production(scope: Scope) -> bool:
    return bool(scope.get("environment") == "production")


def setting(env: str, default: Any = None, *, doc: str, parse: Parser = _text, derive: Deriver | None = None,
            check: Checker | None = None, shown: str | None = None, secret: bool = False, generated: bool = False,
            production_requires: bool = False) -> Any:
    """A settings field and its declaration. `default` is the dataclass default (what `Settings()` holds)."""
    declared = Declared(env=env, doc=doc, parse=parse, derive=derive, check=check, shown=shown, secret=secret,
                        generated=generated, production_requires=production_requires)
    if isinstance(default, Secret):
        value = default
        return field(default_factory=lambda: value, metadata={DECLARED: declared})
    return field(default=default, metadata={DECLARED: declared})


def group(cls: type[Any]) -> Any:
    """A field holding a smaller frozen dataclass whose own fields are settings."""
    return field(default_factory=cls, metadata={GROUP: cls})


@dataclass(frozen=True)
class AgeBands:
    """Norwegian guidance by default: under 13 the guardian consents alone,
    13-15 child and guardian both, 16-17 the child with the guardian informed."""

    guardian_only_below: int = setting("MINOR_GUARDIAN_ONLY_BELOW", 13, parse=_whole,
                                       doc="under this age only a guardian consents")
    joint_below: int = setting("MINOR_JOINT_CONSENT_BELOW", 16, parse=_whole,
                               doc="under this age child and guardian both consent")
    adult_from: int = setting("ADULT_AGE", 18, parse=_whole,
                              doc="from this age the person consents alone (16–17: guardian informed)")

    def __post_init__(self) -> None:
        if not 0 < self.guardian_only_below <= self.joint_below <= self.adult_from <= 25:
            raise ConfigError(
                "Age bands must satisfy 0 < MINOR_GUARDIAN_ONLY_BELOW <= "
                "MINOR_JOINT_CONSENT_BELOW <= ADULT_AGE <= 25"
            )


@dataclass(frozen=True)
class RetentionPeriods:
    """Overrides of the retention policy file (bot/retention/policy.yml, which holds the annex's
    15 minutes and one year). None: the policy file's value holds. Set, they replace the `after`
    of mask-bot-chats and delete-masked-bot-chats, and every text that names the period says so
    (bot.retention.announced)."""

    mask_within_minutes: int | None = setting(
        "MASK_WITHIN_MINUTES", parse=_period(0), shown="unset: the policy file's (15)",
        doc="bot chats are masked within this time after they end; replaces the `mask-bot-chats` rule's period, "
            "and every text that names it")
    chat_inactivity_minutes: int = setting("CHAT_INACTIVITY_MINUTES", 30, parse=_whole,
                                           doc="a chat without messages for this long has ended")
    masked_chat_days: int | None = setting(
        "MASKED_CHAT_RETENTION_DAYS", parse=_period(1), shown="unset: the policy file's (365)",
        doc="masked bot chats are deleted this many days after masking; replaces the `delete-masked-bot-chats` "
            "rule's period")
    tracker_expiry_days: int = setting("TRACKER_EXPIRY_DAYS", 400, parse=_whole,
                                       doc="expiry of Redis tracker records (a backstop above the retention rules)")


@dataclass(frozen=True)
class ConsoleGuard:
    """Who may reach the case console, and when its use is unusual enough to alert the admins.

    The processing agreement and the school DPIA ask for the console to be reachable from the controller's
    networks only and for unusual access to be noticed; the thresholds are per caseworker per hour."""

    allowed_networks: tuple[str, ...] = setting(
        "CONSOLE_ALLOWED_NETWORKS", (), parse=_networks, shown="empty (any)",
        doc="CIDRs the case console answers (e.g. `10.20.0.0/16, 2001:db8::/48`); others get 403")
    trusted_proxies: tuple[str, ...] = setting(
        "TRUSTED_PROXIES", (), parse=_networks, shown="empty (none: the connecting address is the client)",
        doc="CIDRs of reverse proxies whose `X-Forwarded-For` is believed")
    alert_reveals_per_hour: int = setting(
        "CONSOLE_ALERT_REVEALS_PER_HOUR", 20, parse=_whole,
        doc="a caseworker revealing masked contact details more often than this in an hour triggers an alert")
    alert_cases_per_hour: int = setting(
        "CONSOLE_ALERT_CASES_PER_HOUR", 60, parse=_whole,
        doc="a caseworker opening more cases than this in an hour triggers an alert")
    alert_recipients: tuple[str, ...] = setting(
        "CONSOLE_ALERT_EMAILS", (), parse=_list, derive=lambda s: _list("", s["controller_contact"], s),
        shown="`CONTROLLER_CONTACT`", doc="who gets unusual-access alerts (comma-separated)")


def _check_languages(_name: str, value: tuple[str, ...], _scope: Scope) -> None:
    unknown = [lang for lang in value if lang not in SUPPORTED_LANGUAGES]
    if unknown or not value:
        raise ConfigError(f"LANGUAGES may only list {', '.join(SUPPORTED_LANGUAGES)}")


def _check_default_language(_name: str, value: str, scope: Scope) -> None:
    if value not in scope["languages"]:
        raise ConfigError("DEFAULT_LANGUAGE must be one of LANGUAGES")


def _long_enough_for_production(name: str, value: Secret, scope: Scope) -> None:
    if _production(scope) and value and len(value.reveal()) < 16:
        raise ConfigError(f"{name} is too short for production (at least 16 characters)")


def _check_webhook_secret(_name: str, value: Secret | None, _scope: Scope) -> None:
    if value and not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", value.reveal()):
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET must be 16-256 letters, digits, _ or -")


def _check_backup_key(_name: str, value: Secret | None, _scope: Scope) -> None:
    if value and len(value.reveal()) < 16:
        raise ConfigError("BACKUP_KEY is too short (at least 16 characters)")


def _check_handoff_hours(_name: str, value: str, _scope: Scope) -> None:
    if value and not re.fullmatch(r"\d{1,2}:\d{2}-\d{1,2}:\d{2}", value):
        raise ConfigError("HANDOFF_HOURS must look like 08:00-15:30 (or be empty: always open)")


def _check_timezone(_name: str, value: str, _scope: Scope) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("TIMEZONE must be an IANA time zone such as Europe/Oslo") from None


def _log_level(_name: str, raw: str, _scope: Scope) -> str:
    # Debug logs of Rasa carry message texts and slot values; they are for a developer's machine only and never
    # the default. An unknown level falls back to INFO rather than stopping a process.
    level = raw.strip().upper()
    return level if level in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL") else "INFO"


def _username(_name: str, raw: str, _scope: Scope) -> str | None:
    return raw.strip().lstrip("@") or None


def _socket_url(_name: str, raw: str, _scope: Scope) -> str:
    return raw.strip().rstrip("/")


_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]{1,253}(?::\d{1,5})?")


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL: what a browser sends as Origin."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _own_origins(scope: Scope) -> tuple[str, ...]:
    """Without WIDGET_ORIGINS: Vern's own pages only."""
    port = scope["web_port"]
    own = [origin_of(scope["public_url"]), f"http://127.0.0.1:{port}", f"http://localhost:{port}"]
    return tuple(dict.fromkeys(own))


def _widget_origins(_name: str, raw: str, _scope: Scope) -> tuple[str, ...]:
    """The pages allowed to open the chat socket."""
    origins = tuple(dict.fromkeys(o.strip().rstrip("/") for o in raw.split(",") if o.strip()))
    for origin in origins:
        # No "*": a chat socket open to every site lets any page talk to Vern in a visitor's name.
        if not _ORIGIN.fullmatch(origin):
            raise ConfigError(
                "WIDGET_ORIGINS must list origins such as https://www.example.kommune.no (scheme, host and "
                "optional port; no path, no *), separated by commas"
            )
    return origins


def _api_networks(_name: str, raw: str, scope: Scope) -> tuple[str, ...]:
    """Where Rasa's HTTP API may be called from. It can replay, rewrite and read every conversation, so in
    production it is never open to the internet (issue 15 item 8): a public network is a start-up error."""
    import ipaddress

    networks = []
    for entry in (e.strip() for e in raw.split(",") if e.strip()):
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ConfigError("RASA_API_NETWORKS must list networks such as 10.0.0.0/8, separated by commas") from None
        internal = (ipaddress.ip_network(n) for n in DEFAULT_API_NETWORKS)
        if _production(scope) and not any(network.version == n.version and network.subnet_of(n) for n in internal):  # type: ignore[arg-type]
            raise ConfigError(f"RASA_API_NETWORKS may list only internal networks in production, not {entry}")
        networks.append(str(network))
    return tuple(networks)


@dataclass(frozen=True)
class Settings:
    # Read first: the ones below derive their defaults from these, and errors come in this order.
    environment: str = setting(
        "VERN_ENV", "development", parse=_lower,
        check=_one_of("development", "production", "test", message="VERN_ENV must be development, test or production"),
        doc="`development`, `test` or `production`")
    var_dir: Path = setting("VERN_VAR_DIR", PROJECT_ROOT / "var", parse=_resolved,
                            derive=lambda s: (PROJECT_ROOT / "var").resolve(),
                            doc="generated secrets, SQLite file, outbox")
    languages: tuple[str, ...] = setting("LANGUAGES", SUPPORTED_LANGUAGES, parse=_list, check=_check_languages,
                                         doc="languages offered")
    default_language: str = setting(
        "DEFAULT_LANGUAGE", "nb", derive=lambda s: s["languages"][0], check=_check_default_language,
        shown="first of `LANGUAGES`", doc="language before one is detected, and for Swedish")
    console_language: str = setting(
        "CONSOLE_LANGUAGE", "en", parse=_lower,
        check=_one_of(*CONSOLE_LANGUAGES, message=f"CONSOLE_LANGUAGE must be one of {', '.join(CONSOLE_LANGUAGES)}"),
        doc="the caseworker console's language: `en` or `nb` (docs/translating.md)")
    secret_key: Secret = setting(
        "SECRET_KEY", Secret(""), parse=_secret, secret=True, generated=True, check=_long_enough_for_production,
        doc="key for pseudonymous keys and hashed codes (required in production, ≥16 chars)")
    legacy_key_fallback: bool = setting(
        "LEGACY_KEY_FALLBACK", True, parse=_on_off, shown="`on`",
        doc="`on`: data keyed with `SECRET_KEY` itself (before per-purpose keys) is still read and verified; turn "
            "`off` once `vern keys migrate` reports nothing left and the longest short-lived value has expired "
            "(docs/security.md, Keys)")
    rasa_api_token: Secret = setting(
        "RASA_API_TOKEN", Secret(""), parse=_secret, secret=True, generated=True, check=_long_enough_for_production,
        doc="token for Rasa's HTTP API (required in production, ≥16 chars)")
    action_server_secret: Secret = setting(
        "ACTION_SERVER_SECRET", Secret(""), parse=_secret, secret=True, generated=True,
        check=_long_enough_for_production,
        doc="shared secret between Rasa and the action server (required in production, ≥16 chars)")
    smtp_url: Secret | None = setting(
        "SMTP_URL", parse=_secret, secret=True, production_requires=True,
        doc="`smtp://user:pass@host:port` (or `smtps://`); unset → mail goes to `OUTBOX_DIR` (required in production)")
    database_url: str = setting(
        "DATABASE_URL", "", production_requires=True, derive=lambda s: f"sqlite:///{s['var_dir'] / 'vern.sqlite3'}",
        shown="`sqlite:///var/vern.sqlite3`", doc="SQLAlchemy URL; PostgreSQL in production (required there)")
    redis_url: str | None = setting(
        "REDIS_URL", doc="Redis for the tracker and lock store; unset → SQL tracker store, in-process locks")
    mail_from: str = setting("MAIL_FROM", "Vern <vern@localhost>", doc="sender of Vern's e-mail")
    # The guardian bot: its @username (for t.me deep links), the Bot API address (tests point it at a
    # fake server), polling or webhook, and the secret Telegram echoes in a header on every webhook call.
    telegram_token: Secret | None = setting(
        "TELEGRAM_TOKEN", parse=_secret, secret=True,
        doc="the guardian bot's token from @BotFather; unset: no bot, guardians use the web page")
    telegram_bot_username: str | None = setting(
        "TELEGRAM_BOT_USERNAME", parse=_username,
        doc="the bot's @username, for the `t.me` deep links given to children")
    telegram_api_url: str = setting("TELEGRAM_API_URL", "https://api.telegram.org/bot",
                                    doc="the Bot API server (tests use a local fake)")
    telegram_mode: str = setting(
        "TELEGRAM_MODE", "polling", parse=_lower, derive=lambda s: "webhook" if _production(s) else "polling",
        check=_one_of("polling", "webhook", message="TELEGRAM_MODE must be polling or webhook"),
        shown="`polling` (`webhook` in production)", doc="how the bot gets updates")
    telegram_webhook_secret: Secret | None = setting(
        "TELEGRAM_WEBHOOK_SECRET", parse=_secret, secret=True, check=_check_webhook_secret,
        shown="unset (required for webhook mode)",
        doc="the secret Telegram sends in a header on every webhook call (16-256 letters, digits, `_` or `-`)")
    telegram_port: int = setting("TELEGRAM_PORT", 8443, parse=_whole,
                                 doc="where `vern telegram` listens in webhook mode")
    telegram_webhook_url: str | None = setting(
        "TELEGRAM_WEBHOOK_URL", shown="`PUBLIC_URL/telegram/webhook`", doc="the address registered with Telegram")
    audit_signing_key: Secret | None = setting(
        "AUDIT_SIGNING_KEY", parse=_secret, secret=True, shown="derived from `SECRET_KEY`",
        doc="base64 of a 32-byte Ed25519 seed for signed audit checkpoints")
    # The controller's system: verified cases are pushed here (signed), completions come back signed.
    case_webhook_url: str | None = setting("CASE_WEBHOOK_URL",
                                           doc="the controller's system that receives verified cases")
    case_webhook_secret: Secret | None = setting(
        "CASE_WEBHOOK_SECRET", parse=_secret, secret=True, shown="unset (required with the URL)",
        doc="shared secret for signing pushes and completion reports")
    art19_recipients: tuple[str, ...] = setting(
        "ART19_RECIPIENTS", (), parse=_list, shown="unset",
        doc="comma-separated recipients to tell of rectification, erasure and restriction (Art. 19); listed on "
            "those cases, in exports and in pushes")
    metrics_token: Secret | None = setting(
        "METRICS_TOKEN", parse=_secret, secret=True,
        doc="bearer token for `/metrics`; without it the endpoint is open in development and absent in production")
    controller_name: str = setting("CONTROLLER_NAME", "Vern demo municipality",
                                   doc="the data controller named in the privacy notice")
    controller_contact: str = setting("CONTROLLER_CONTACT", "personvern@example.org",
                                      doc="how to reach the controller")
    breach_contact: str = setting(
        "BREACH_CONTACT", "personvern@example.org", derive=lambda s: s["controller_contact"],
        shown="`CONTROLLER_CONTACT`",
        doc="the controller's breach (security) contact: `vern breach notify` and automatic openings e-mail it "
            "(docs/breach.md)")
    breach_contact_language: str = setting(
        "BREACH_CONTACT_LANGUAGE", "nb", parse=_lower, derive=lambda s: s["default_language"],
        check=_one_of(*SUPPORTED_LANGUAGES,
                      message=f"BREACH_CONTACT_LANGUAGE must be one of {', '.join(SUPPORTED_LANGUAGES)}"),
        shown="`DEFAULT_LANGUAGE`", doc="the language of that notice: `nb`, `nn`, `da` or `en`")
    age_bands: AgeBands = group(AgeBands)
    knowledge_file: Path = setting(
        "KNOWLEDGE_FILE", PROJECT_ROOT / "bot" / "knowledge" / "knowledge.yml", parse=_path,
        doc="the controller's facts the FAQ answers come from (checked completely when the action server starts)")
    subprocessors_file: Path = setting(
        "SUBPROCESSORS_FILE", PROJECT_ROOT / "bot" / "compliance" / "subprocessors.yml", parse=_path,
        doc="the sub-processors (name, role, location, transfer basis, data categories, and what each `covers`: "
            "`hosting`, `backups`, `smtp`, `telegram`); read at every start. In production a service Vern is "
            "configured to use that no entry covers is a start-up error (`TELEGRAM_TOKEN` set without a `telegram` "
            "entry, `SMTP_URL` without `smtp`; `hosting` and `backups` always). Values beginning with `TODO` are "
            "listed as open points in the record of processing and the DPIA ([compliance.md](compliance.md))")
    retention_policy_file: Path = setting(
        "RETENTION_POLICY_FILE", PROJECT_ROOT / "bot" / "retention" / "policy.yml", parse=_path,
        doc="the retention rules for every record kind (durations, tokens, purpose tags, sources)")
    consent_purposes_file: Path = setting(
        "CONSENT_PURPOSES_FILE", PROJECT_ROOT / "bot" / "consent" / "purposes.yml", parse=_path,
        doc="the purposes people consent to (texts, DPV terms, retention, age rules)")
    locales_dir: Path = setting(
        "LOCALES_DIR", PROJECT_ROOT / "locales", parse=_path,
        doc="the translations of Vern's words: a gettext catalog per language, `<lang>/LC_MESSAGES/vern.po`, read "
            "once per process; every language in `LANGUAGES` needs one ([translating.md](translating.md))")
    retention: RetentionPeriods = group(RetentionPeriods)
    console: ConsoleGuard = group(ConsoleGuard)
    models_dir: Path = setting("MODELS_DIR", PROJECT_ROOT / "models", parse=_path,
                               doc="trained models, named by a hash of their training data")
    model_cache_dir: Path | None = setting(
        "MODEL_CACHE_DIR", parse=_resolved, shown="unset (`make` sets `~/.cache/vern/models`)",
        doc="models trained on this repository's data alone, shared by every checkout on the machine: a fresh "
            "clone with the same data and packages starts without training; never holds a model trained on "
            "reviewed chat lines")
    outbox_dir: Path = setting("OUTBOX_DIR", PROJECT_ROOT / "var" / "outbox", parse=_path,
                               derive=lambda s: s["var_dir"] / "outbox", shown="`VERN_VAR_DIR/outbox`",
                               doc="mail without `SMTP_URL` lands here (development)")
    # Backups (bot.backup): kept BACKUP_RETENTION_DAYS (the processing agreements' 30 days: 000 Vedlegg 2, 003 §4.3
    # and Appendiks B §3). ERASURE_JOURNAL lives outside the dumps, so a restore can erase again before Vern serves.
    backup_dir: Path = setting("BACKUP_DIR", PROJECT_ROOT / "var" / "backups", parse=_resolved,
                               derive=lambda s: (s["var_dir"] / "backups").resolve(), shown="`VERN_VAR_DIR/backups`",
                               doc="where `vern backup create` writes encrypted backups")
    backup_retention_days: int = setting(
        "BACKUP_RETENTION_DAYS", 30, parse=_whole,
        check=_at_least(1, "BACKUP_RETENTION_DAYS must be at least 1"),
        doc="`vern backup prune` deletes older backups (processing agreements)")
    backup_key: Secret | None = setting(
        "BACKUP_KEY", parse=_secret, secret=True, check=_check_backup_key,
        shown="derived from `SECRET_KEY` (own purpose label)",
        doc="base64 of the 32-byte key backups are encrypted with (at least 16 characters)")
    erasure_journal: Path = setting(
        "ERASURE_JOURNAL", PROJECT_ROOT / "var" / "erasure-journal.jsonl", parse=_resolved,
        derive=lambda s: (s["var_dir"] / "erasure-journal.jsonl").resolve(),
        shown="`VERN_VAR_DIR/erasure-journal.jsonl`",
        doc="every erased subject key, replayed by every restore; keep it apart from the database")
    host: str = setting("VERN_HOST", "127.0.0.1", doc="interface every process listens on")
    web_port: int = setting("WEB_PORT", 8000, parse=_whole, doc="the web app's port")
    rasa_port: int = setting("RASA_PORT", 5005, parse=_whole, doc="Rasa's port")
    rasa_backlog: int = setting(
        "SANIC_BACKLOG", 1024, parse=_whole,
        doc="Rasa's listen backlog: connections queued while all are busy (Rasa's own default, 100, resets "
            "connections when a few hundred people write at once)")
    action_port: int = setting("ACTION_PORT", 5055, parse=_whole, doc="the action server's port")
    rasa_url: str = setting("RASA_URL", "http://127.0.0.1:5005", derive=lambda s: f"http://127.0.0.1:{s['rasa_port']}",
                            shown="`http://127.0.0.1:$RASA_PORT`", doc="where the web app finds Rasa")
    action_server_url: str = setting(
        "ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook",
        derive=lambda s: f"http://127.0.0.1:{s['action_port']}/webhook",
        shown="`http://127.0.0.1:$ACTION_PORT/webhook`", doc="where Rasa finds the action server")
    public_url: str = setting("PUBLIC_URL", "http://127.0.0.1:8000", derive=lambda s: f"http://{s['host']}:{s['web_port']}",
                              shown="`http://$VERN_HOST:$WEB_PORT`", doc="the URL `make run` prints")
    # Where browsers reach Rasa's socket.io endpoint (the widget's transport), and the page origins
    # allowed to open it: the web widget works only on the pages of these origins.
    chat_socket_url: str = setting(
        "CHAT_SOCKET_URL", "http://127.0.0.1:5005", parse=_socket_url,
        derive=lambda s: f"http://{s['host']}:{s['rasa_port']}", shown="`http://$VERN_HOST:$RASA_PORT`",
        doc="where browsers reach Rasa's `/socket.io` (the widget's transport)")
    widget_origins: tuple[str, ...] = setting(
        "WIDGET_ORIGINS", ("http://127.0.0.1:8000",), parse=_widget_origins, derive=_own_origins,
        shown="`PUBLIC_URL`'s origin and Vern's own port on `127.0.0.1`/`localhost`",
        doc="comma-separated page origins allowed to open the chat socket (`https://host[:port]`; no `*`)")
    rasa_api_networks: tuple[str, ...] = setting(
        "RASA_API_NETWORKS", DEFAULT_API_NETWORKS, parse=_api_networks, shown="loopback and private ranges",
        doc="where Rasa's HTTP API (/conversations, /model, /status, …) may be called from (CIDR, comma-separated); "
            "the chat channels stay open. In production every entry must be a private network")
    max_message_chars: int = setting("MAX_MESSAGE_CHARS", 2000, parse=_whole,
                                     doc="longer messages are refused with a clear message")
    turn_speedups: bool = setting(
        "TURN_SPEEDUPS", True, parse=_on_off, shown="`on`",
        doc="`on`: Rasa's per-turn work that gives the same result every time is done once "
            "(bot/rasa_adapter/turn_speedups.py); `off` runs Rasa's own path, to rule the change out when debugging")
    quick_start: bool = setting(
        "QUICK_START", True, parse=_on_off, shown="`on`",
        doc="`on`: when `vern dev` (`make run`) finds no model for the current data, it first trains a quick one "
            "(DIET without its transformer, a few minutes), answers with it, and swaps in the full model when that is "
            "trained (bot/rasa_adapter/quick_model.py); `off` waits for the full model")
    training_basis: str = setting(
        "TRAINING_BASIS", "agreement", parse=_lower,
        check=_one_of("agreement", "consent", message="TRAINING_BASIS must be agreement or consent"),
        doc="train on masked chats under the processing agreement's annex (`agreement`), or only on chats whose "
            "person's training consent is active (`consent`)")
    # Caseworkers in the chat: weekdays within these hours (empty: always), and how long a person waits
    # in the queue before the bot offers a case instead.
    handoff_hours: str = setting(
        "HANDOFF_HOURS", "", check=_check_handoff_hours, shown="empty (always)",
        doc="weekday hours when caseworkers are in the chat, e.g. `08:00-15:30` (Europe/Oslo)")
    handoff_wait_minutes: int = setting("HANDOFF_WAIT_MINUTES", 10, parse=_whole,
                                        doc="a waiting chat nobody takes goes back to the bot after this")
    training_legal_basis: str = setting(
        "TRAINING_LEGAL_BASIS", "gdpr:art-6-1-e",
        doc="the legal basis written in the export's purpose tag under `agreement`")
    training_k: int = setting(
        "TRAINING_K", 5, parse=_whole,
        check=_at_least(2, "TRAINING_K must be at least 2: a token from one chat identifies it"),
        doc="a token must occur in this many distinct chats to be exported as it is; a model whose vocabulary "
            "holds a chat-derived word from fewer chats is refused")
    training_promotion_margin: float = setting(
        "TRAINING_PROMOTION_MARGIN", 0.02, parse=_number("0.02"),
        doc="how much worse (macro F1) a candidate may be and still be promoted")
    # AISVS C11: a model trained on a chat that must be forgotten is replaced within this many days.
    training_forget_days: int = setting(
        "TRAINING_FORGET_DAYS", 30, parse=_whole,
        check=_at_least(1, "TRAINING_FORGET_DAYS must be a whole number of at least 1"),
        doc="a model trained on a chat that must be forgotten (erasure, withdrawn training consent, restriction, "
            "objection) is flagged until a retrained model replaces it, within this many days")
    # The controller's guardian register (bot.guardians.registry): a signed HTTPS endpoint (wins) or a
    # CSV/YAML file. Unset: guardians are verified by e-mail code or Telegram account only, and the
    # record says so (guardian_verified).
    guardian_registry_url: str | None = setting(
        "GUARDIAN_REGISTRY_URL",
        doc="the controller's guardian register over HTTPS: Vern POSTs a child reference and a guardian's e-mail "
            "or phone, signed like the case webhook, and reads only yes/no (docs/consent.md); wins over the file")
    guardian_registry_secret: Secret | None = setting(
        "GUARDIAN_REGISTRY_SECRET", parse=_secret, secret=True, shown="unset (required with the URL)",
        doc="shared secret for signing register questions")
    guardian_registry_file: Path | None = setting(
        "GUARDIAN_REGISTRY_FILE", parse=_path,
        doc="a CSV (`child_reference,guardian`) or YAML guardian register for small controllers and the demo; "
            "cells may be `sha256:<hex>` of the normalised value. Without URL or file, guardians are verified by "
            "e-mail code or Telegram account only and records say `guardian_verified: email`/`telegram`")
    # A guardian acting for a child in the chat (bot.guardians.acting): access, erasure, consents.
    guardian_acts_below: int = setting(
        "GUARDIAN_ACTS_BELOW", 16, parse=_whole,
        check=_at_least(1, "GUARDIAN_ACTS_BELOW must be a whole number of at least 1"),
        doc="a guardian may ask for access or erasure, or see and withdraw consents, for a child under this age "
            "(the age the guardian states, checked on the server; the register answers only yes/no). Above 16, "
            "a case for a 16-17-year-old goes to a caseworker, who tells the young person (docs/guardians.md)")
    timezone: str = setting(
        "TIMEZONE", "Europe/Oslo", check=_check_timezone,
        doc="the deployment's time zone: times shown to people (the guardian page, receipts) are local")
    log_level: str = setting("LOG_LEVEL", "INFO", parse=_log_level,
                             doc="application log level (`DEBUG` is for a developer's machine: Rasa's debug "
                                 "logs carry message texts)")

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


def _declaration(item: Field[Any]) -> Declared:
    try:
        return item.metadata[DECLARED]  # type: ignore[no-any-return]
    except KeyError:
        # A field added the old way (a plain default): say how to declare it instead of failing obscurely.
        raise TypeError(f"settings field {item.name!r} needs a setting(...) declaration in bot/config.py") from None


def _default_of(item: Field[Any]) -> Any:
    if item.default is not MISSING:
        return item.default
    factory = item.default_factory
    return factory() if callable(factory) else None


def declared(cls: type[Any] | None = None, prefix: str = "") -> list[tuple[str, Any, Declared]]:
    """Every setting as (attribute path such as `age_bands.adult_from`, dataclass default, declaration)."""
    found: list[tuple[str, Any, Declared]] = []
    for item in fields(cls or Settings):
        if GROUP in item.metadata:
            found += declared(item.metadata[GROUP], f"{prefix}{item.name}.")
        else:
            found.append((prefix + item.name, _default_of(item), _declaration(item)))
    return found


def _dev_secret(var_dir: Path, name: str) -> str:
    """A per-checkout development secret, generated once and kept in var/."""
    path = var_dir / "dev-secrets.json"
    private_dir(var_dir)
    # Vern's processes may start at the same moment on a fresh var/: under the lock the first one makes the secret
    # and the others read it, so every process signs and checks with the same one.
    with exclusive(var_dir / "dev-secrets.lock"):
        stored: dict[str, str] = {}
        if path.exists():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
        if name not in stored:
            stored[name] = secrets.token_urlsafe(32)
            write_private_bytes(path, json.dumps(stored, indent=2).encode("utf-8"))
    return stored[name]


def _load_dotenv(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def _environment(environ: Mapping[str, str] | None) -> dict[str, str]:
    """The process environment over `.env` (which fills only what is unset), or exactly `environ` when given."""
    env: dict[str, str] = {}
    if environ is None:
        env.update(_load_dotenv(PROJECT_ROOT / ".env"))
        env.update(os.environ)
    else:
        env.update(environ)
    return env


def _read(item: Field[Any], env: Mapping[str, str], scope: Scope, missing: list[str]) -> Any:
    """One setting: parsed when set; otherwise generated (development secrets), derived or the default."""
    declaration = _declaration(item)
    raw = env.get(declaration.env)
    if raw is not None and raw.strip():
        value = declaration.parse(declaration.env, raw, scope)
    elif declaration.generated:
        if _production(scope):
            missing.append(declaration.env)
            value = Secret("")
        else:
            value = Secret(_dev_secret(scope["var_dir"], declaration.env))
    else:
        if declaration.production_requires and _production(scope):
            missing.append(declaration.env)
        value = declaration.derive(scope) if declaration.derive is not None else _default_of(item)
    if declaration.check is not None:
        declaration.check(declaration.env, value, scope)
    return value


def _read_all(cls: type[Any], env: Mapping[str, str], missing: list[str], scope: dict[str, Any] | None = None
              ) -> dict[str, Any]:
    values: dict[str, Any] = {}
    top = values if scope is None else scope  # derived defaults and checks see the top level read so far
    for item in fields(cls):
        if GROUP in item.metadata:
            nested = item.metadata[GROUP]
            values[item.name] = nested(**_read_all(nested, env, missing, top))
        else:
            values[item.name] = _read(item, env, top, missing)
    return values


def setting_from_env(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """One top-level setting by attribute name, for code that runs without the settings object (a policy or
    purposes file named before the rest is loaded, the log level). Only settings whose default and check do
    not depend on other settings make sense here."""
    item = next(f for f in fields(Settings) if f.name == name)
    return _read(item, _environment(environ), {}, [])


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build settings from the environment; `.env` fills only what is unset."""
    missing: list[str] = []
    values = _read_all(Settings, _environment(environ), missing)
    if missing:
        raise ConfigError(
            "Production mode needs these settings from the environment: " + ", ".join(missing)
        )
    _check_combinations(values)
    settings = Settings(**values)
    _check_subprocessors(settings)
    return settings


def _check_combinations(values: Mapping[str, Any]) -> None:
    """The rules that tie settings together (one setting's own rules are its `check`)."""
    if values["telegram_token"] and values["telegram_mode"] == "webhook" and not values["telegram_webhook_secret"]:
        raise ConfigError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET: Telegram's calls are checked by it")
    if values["case_webhook_url"] and not values["case_webhook_secret"]:
        raise ConfigError("CASE_WEBHOOK_URL needs CASE_WEBHOOK_SECRET: pushes are always signed")
    registry_url = values["guardian_registry_url"]
    if registry_url and not values["guardian_registry_secret"]:
        raise ConfigError("GUARDIAN_REGISTRY_URL needs GUARDIAN_REGISTRY_SECRET: register questions are always signed")
    if registry_url and _production(values) and not registry_url.startswith("https://"):
        raise ConfigError("GUARDIAN_REGISTRY_URL must be https:// in production")
    # bot.i18n.catalog reads these; it imports this module, so the path is spelt out here.
    untranslated = [lang for lang in values["languages"]
                    if not (values["locales_dir"] / lang / "LC_MESSAGES" / "vern.po").is_file()]
    if untranslated:
        raise ConfigError(f"LOCALES_DIR has no catalog for {', '.join(untranslated)}: every language in LANGUAGES "
                          "needs <lang>/LC_MESSAGES/vern.po (docs/translating.md)")
    console: ConsoleGuard = values["console"]
    if console.alert_reveals_per_hour < 1 or console.alert_cases_per_hour < 1:
        raise ConfigError("CONSOLE_ALERT_REVEALS_PER_HOUR and CONSOLE_ALERT_CASES_PER_HOUR must be at least 1")


def _check_subprocessors(settings: Settings) -> None:
    """A sub-processor list that cannot be read stops every process; in production so does a service in use
    that it does not list (issue 18: TELEGRAM_TOKEN set without Telegram listed)."""
    from bot.compliance.subprocessors import SubprocessorError, check_coverage, load_subprocessors

    try:
        entries = load_subprocessors(settings.subprocessors_file)
    except SubprocessorError as error:
        raise ConfigError(str(error)) from None
    if settings.is_production:
        check_coverage(settings, entries, str(settings.subprocessors_file))


_cached: Settings | None = None


def get_settings() -> Settings:
    """The process-wide settings, loaded on first use."""
    global _cached
    if _cached is None:
        _cached = load_settings()
    return _cached


def settings_or_exit() -> Settings:
    """For commands: the settings, or the reason they are unusable on stderr and exit status 2."""
    import sys

    try:
        return load_settings()
    except ConfigError as error:
        print(f"Vern configuration error: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def child_environment() -> dict[str, str]:
    """A copy of this process's environment for a child process (`rasa train`, pg_dump) to add its variables to.
    Settings are never read from it here: the child is a program of its own that reads its own variables."""
    return dict(os.environ)


def export_environment(values: Mapping[str, str], *, overwrite: bool = True) -> None:
    """Put `values` in this process's environment, for libraries that read their switches from there (Rasa,
    TensorFlow, endpoints.yml's ${...}). Without `overwrite`, an operator's own value wins."""
    for key, value in values.items():
        if overwrite:
            os.environ[key] = value
        else:
            os.environ.setdefault(key, value)


def reset_settings_cache() -> None:
    global _cached
    _cached = None
