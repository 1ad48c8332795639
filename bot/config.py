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
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.private_files import private_dir, write_private_bytes

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SUPPORTED_LANGUAGES = ("nb", "nn", "da", "en")
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


@dataclass(frozen=True)
class AgeBands:
    """Norwegian guidance by default: under 13 the guardian consents alone,
    13-15 child and guardian both, 16-17 the child with the guardian informed."""

    guardian_only_below: int = 13
    joint_below: int = 16
    adult_from: int = 18

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

    mask_within_minutes: int | None = None  # MASK_WITHIN_MINUTES
    chat_inactivity_minutes: int = 30
    masked_chat_days: int | None = None  # MASKED_CHAT_RETENTION_DAYS
    tracker_expiry_days: int = 400


@dataclass(frozen=True)
class ConsoleGuard:
    """Who may reach the case console, and when its use is unusual enough to alert the admins.

    The processing agreement and the school DPIA ask for the console to be reachable from the controller's
    networks only and for unusual access to be noticed; the thresholds are per caseworker per hour."""

    # CONSOLE_ALLOWED_NETWORKS: CIDRs the console answers (e.g. "10.20.0.0/16, 2001:db8::/48"); empty: any.
    allowed_networks: tuple[str, ...] = ()
    # TRUSTED_PROXIES: CIDRs of the reverse proxies whose X-Forwarded-For is believed; empty: none, the
    # connecting address is the client.
    trusted_proxies: tuple[str, ...] = ()
    # CONSOLE_ALERT_REVEALS_PER_HOUR: more reveals of masked contact details than this in an hour alerts.
    alert_reveals_per_hour: int = 20
    # CONSOLE_ALERT_CASES_PER_HOUR: more cases opened than this in an hour alerts.
    alert_cases_per_hour: int = 60
    # CONSOLE_ALERT_EMAILS: the admins' addresses for these alerts; default CONTROLLER_CONTACT.
    alert_recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    environment: str = "development"
    database_url: str = ""
    redis_url: str | None = None
    smtp_url: Secret | None = None
    mail_from: str = "Vern <vern@localhost>"
    telegram_token: Secret | None = None
    # The guardian bot: its @username (for t.me deep links), the Bot API address (tests point it at a
    # fake server), polling or webhook, and the secret Telegram echoes in a header on every webhook call.
    telegram_bot_username: str | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_mode: str = "polling"
    telegram_webhook_secret: Secret | None = None
    telegram_port: int = 8443
    telegram_webhook_url: str | None = None  # default: PUBLIC_URL + /telegram/webhook (behind the proxy)
    # Ed25519 seed (base64, 32 bytes) for signed audit checkpoints; derived from SECRET_KEY when unset.
    audit_signing_key: Secret | None = None
    # The controller's system: verified cases are pushed here (signed), completions come back signed.
    case_webhook_url: str | None = None
    # Art. 19: the recipients the controller has disclosed data to, told of rectification, erasure, restriction.
    art19_recipients: tuple[str, ...] = ()
    # Bearer token for /metrics; without it the endpoint is open in development and absent in production.
    metrics_token: Secret | None = None
    case_webhook_secret: Secret | None = None
    secret_key: Secret = field(default_factory=lambda: Secret(""))
    rasa_api_token: Secret = field(default_factory=lambda: Secret(""))
    action_server_secret: Secret = field(default_factory=lambda: Secret(""))
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    default_language: str = "nb"
    controller_name: str = "Vern demo municipality"
    controller_contact: str = "personvern@example.org"
    # BREACH_CONTACT: where Vern sends a breach notice (000 §9.2, 003 §4.4: the controller's security contact);
    # default CONTROLLER_CONTACT. BREACH_CONTACT_LANGUAGE: its language (nb, nn, da, en); default DEFAULT_LANGUAGE.
    breach_contact: str = "personvern@example.org"
    breach_contact_language: str = "nb"
    age_bands: AgeBands = field(default_factory=AgeBands)
    # KNOWLEDGE_FILE: the controller's facts and FAQ answers (bot/knowledge/knowledge.yml is the documented
    # default); checked completely when the action server starts.
    knowledge_file: Path = PROJECT_ROOT / "bot" / "knowledge" / "knowledge.yml"
    # SUBPROCESSORS_FILE: who else processes the data (bot/compliance/subprocessors.yml is the documented default);
    # read at every start, and in production a service in use that it does not list is a start-up error.
    subprocessors_file: Path = PROJECT_ROOT / "bot" / "compliance" / "subprocessors.yml"
    retention: RetentionPeriods = field(default_factory=RetentionPeriods)
    console: ConsoleGuard = field(default_factory=ConsoleGuard)
    var_dir: Path = PROJECT_ROOT / "var"
    models_dir: Path = PROJECT_ROOT / "models"
    outbox_dir: Path = PROJECT_ROOT / "var" / "outbox"
    # Backups (bot.backup): BACKUP_DIR holds the encrypted dumps, kept BACKUP_RETENTION_DAYS (the processing
    # agreements' 30 days: 000 Vedlegg 2, 003 §4.3 and Appendiks B §3); BACKUP_KEY encrypts them (when unset,
    # a key derived from SECRET_KEY with its own purpose label). ERASURE_JOURNAL lists every erased subject
    # key, outside the dumps, so a restore can erase them again before Vern serves.
    backup_dir: Path = PROJECT_ROOT / "var" / "backups"
    backup_retention_days: int = 30
    backup_key: Secret | None = None
    erasure_journal: Path = PROJECT_ROOT / "var" / "erasure-journal.jsonl"
    host: str = "127.0.0.1"
    web_port: int = 8000
    rasa_port: int = 5005
    action_port: int = 5055
    rasa_url: str = "http://127.0.0.1:5005"
    action_server_url: str = "http://127.0.0.1:5055/webhook"
    public_url: str = "http://127.0.0.1:8000"
    # Where browsers reach Rasa's socket.io endpoint (the widget's transport), and the page origins
    # allowed to open it: the web widget works only on the pages of these origins.
    chat_socket_url: str = "http://127.0.0.1:5005"
    widget_origins: tuple[str, ...] = ("http://127.0.0.1:8000",)
    # RASA_API_NETWORKS: the networks (CIDR, comma-separated) from which Rasa's HTTP API (/conversations,
    # /model, /status, …) may be called on Rasa's port; the chat channels (/webhooks/, the socket) stay open.
    # Default: loopback and private networks. In production every entry must be a private network.
    rasa_api_networks: tuple[str, ...] = DEFAULT_API_NETWORKS
    max_message_chars: int = 2000
    # TURN_SPEEDUPS: Rasa's per-turn work that gives the same result every time done once (on, the default);
    # "off" runs Rasa's own path, to rule the change out when debugging (bot/rasa_adapter/turn_speedups.py).
    turn_speedups: bool = True
    # Training on masked chats: under the processing agreement's annex ("agreement", the default), or
    # only chats whose person consented to assistant training ("consent").
    training_basis: str = "agreement"
    # Caseworkers in the chat: weekdays within these hours (empty: always), and how long a person waits
    # in the queue before the bot offers a case instead.
    handoff_hours: str = ""
    handoff_wait_minutes: int = 10
    training_legal_basis: str = "gdpr:art-6-1-e"
    training_k: int = 5
    training_promotion_margin: float = 0.02
    # AISVS C11: a model trained on a chat that must be forgotten is replaced within this many days.
    training_forget_days: int = 30
    # The controller's guardian register (bot.guardians.registry): a signed HTTPS endpoint (wins) or a
    # CSV/YAML file. Unset: guardians are verified by e-mail code or Telegram account only, and the
    # record says so (guardian_verified).
    guardian_registry_url: str | None = None
    guardian_registry_secret: Secret | None = None
    guardian_registry_file: Path | None = None
    # The deployment's time zone: times a person reads (the guardian page, receipts) are shown in it.
    timezone: str = "Europe/Oslo"

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


def _env_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None


def _env_optional_period(env: Mapping[str, str], name: str, lowest: int) -> int | None:
    """A period that overrides the retention policy file when set; unset means the file's value."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return None
    value = _env_int(env, name, lowest)
    if value < lowest:
        raise ConfigError(f"{name} must be at least {lowest}, got {value}")
    return value


def _env_on_off(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if raw == "":
        return default
    if raw in ("on", "true", "1", "yes"):
        return True
    if raw in ("off", "false", "0", "no"):
        return False
    raise ConfigError(f"{name} must be on or off, got {raw!r}")


def _env_str(env: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip()


def _dev_secret(var_dir: Path, name: str) -> str:
    """A per-checkout development secret, generated once and kept in var/."""
    path = var_dir / "dev-secrets.json"
    private_dir(var_dir)
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


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build settings from the environment; `.env` fills only what is unset."""
    env: dict[str, str] = {}
    if environ is None:
        env.update(_load_dotenv(PROJECT_ROOT / ".env"))
        env.update(os.environ)
    else:
        env.update(environ)

    environment = (_env_str(env, "VERN_ENV", "development") or "development").lower()
    if environment not in ("development", "production", "test"):
        raise ConfigError("VERN_ENV must be development, test or production")
    production = environment == "production"

    var_dir = Path(_env_str(env, "VERN_VAR_DIR", str(PROJECT_ROOT / "var")) or "var").resolve()

    languages = tuple(
        lang.strip() for lang in (_env_str(env, "LANGUAGES", ",".join(SUPPORTED_LANGUAGES)) or "").split(",")
        if lang.strip()
    )
    unknown = [lang for lang in languages if lang not in SUPPORTED_LANGUAGES]
    if unknown or not languages:
        raise ConfigError(f"LANGUAGES may only list {', '.join(SUPPORTED_LANGUAGES)}")
    default_language = _env_str(env, "DEFAULT_LANGUAGE", languages[0]) or languages[0]
    if default_language not in languages:
        raise ConfigError("DEFAULT_LANGUAGE must be one of LANGUAGES")

    missing: list[str] = []

    def secret(name: str) -> Secret:
        value = _env_str(env, name)
        if value:
            if production and len(value) < 16:
                raise ConfigError(f"{name} is too short for production (at least 16 characters)")
            return Secret(value)
        if production:
            missing.append(name)
            return Secret("")
        return Secret(_dev_secret(var_dir, name))

    secret_key = secret("SECRET_KEY")
    rasa_api_token = secret("RASA_API_TOKEN")
    action_server_secret = secret("ACTION_SERVER_SECRET")
    smtp_url = _env_str(env, "SMTP_URL")
    if production and not smtp_url:
        missing.append("SMTP_URL")
    database_url = _env_str(env, "DATABASE_URL")
    if production and not database_url:
        missing.append("DATABASE_URL")
    if missing:
        raise ConfigError(
            "Production mode needs these settings from the environment: " + ", ".join(missing)
        )
    if not database_url:
        database_url = f"sqlite:///{var_dir / 'vern.sqlite3'}"
    telegram = _env_str(env, "TELEGRAM_TOKEN")
    telegram_mode = (_env_str(env, "TELEGRAM_MODE", "webhook" if production else "polling") or "").lower()
    if telegram_mode not in ("polling", "webhook"):
        raise ConfigError("TELEGRAM_MODE must be polling or webhook")
    telegram_webhook_secret = _env_str(env, "TELEGRAM_WEBHOOK_SECRET")
    if telegram and telegram_mode == "webhook" and not telegram_webhook_secret:
        raise ConfigError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET: Telegram's calls are checked by it")
    if telegram_webhook_secret and not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", telegram_webhook_secret):
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET must be 16-256 letters, digits, _ or -")
    audit_signing_key = _env_str(env, "AUDIT_SIGNING_KEY")
    backup_key = _env_str(env, "BACKUP_KEY")
    if backup_key and len(backup_key) < 16:
        raise ConfigError("BACKUP_KEY is too short (at least 16 characters)")
    backup_retention_days = _env_int(env, "BACKUP_RETENTION_DAYS", 30)
    if backup_retention_days < 1:
        raise ConfigError("BACKUP_RETENTION_DAYS must be at least 1")
    webhook_url = _env_str(env, "CASE_WEBHOOK_URL")
    metrics_token = _env_str(env, "METRICS_TOKEN")
    webhook_secret = _env_str(env, "CASE_WEBHOOK_SECRET")
    if webhook_url and not webhook_secret:
        raise ConfigError("CASE_WEBHOOK_URL needs CASE_WEBHOOK_SECRET: pushes are always signed")

    host = _env_str(env, "VERN_HOST", "127.0.0.1") or "127.0.0.1"
    web_port = _env_int(env, "WEB_PORT", 8000)
    rasa_port = _env_int(env, "RASA_PORT", 5005)
    action_port = _env_int(env, "ACTION_PORT", 5055)

    handoff_hours = _env_str(env, "HANDOFF_HOURS", "") or ""
    if handoff_hours and not re.fullmatch(r"\d{1,2}:\d{2}-\d{1,2}:\d{2}", handoff_hours):
        raise ConfigError("HANDOFF_HOURS must look like 08:00-15:30 (or be empty: always open)")
    training_basis = (_env_str(env, "TRAINING_BASIS", "agreement") or "").lower()
    if training_basis not in ("agreement", "consent"):
        raise ConfigError("TRAINING_BASIS must be agreement or consent")
    training_k = _env_int(env, "TRAINING_K", 5)
    if training_k < 2:
        raise ConfigError("TRAINING_K must be at least 2: a token from one chat identifies it")
    try:
        margin = float(_env_str(env, "TRAINING_PROMOTION_MARGIN", "0.02") or "0.02")
    except ValueError:
        raise ConfigError("TRAINING_PROMOTION_MARGIN must be a number such as 0.02") from None

    registry_url = _env_str(env, "GUARDIAN_REGISTRY_URL")
    registry_secret = _env_str(env, "GUARDIAN_REGISTRY_SECRET")
    if registry_url and not registry_secret:
        raise ConfigError("GUARDIAN_REGISTRY_URL needs GUARDIAN_REGISTRY_SECRET: register questions are always signed")
    if registry_url and production and not registry_url.startswith("https://"):
        raise ConfigError("GUARDIAN_REGISTRY_URL must be https:// in production")
    registry_file = _env_str(env, "GUARDIAN_REGISTRY_FILE")
    zone = _env_str(env, "TIMEZONE", "Europe/Oslo") or "Europe/Oslo"
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("TIMEZONE must be an IANA time zone such as Europe/Oslo") from None

    public_url = _env_str(env, "PUBLIC_URL", f"http://{host}:{web_port}") or ""
    widget_origins = _widget_origins(_env_str(env, "WIDGET_ORIGINS"), public_url, web_port)
    rasa_api_networks = _api_networks(_env_str(env, "RASA_API_NETWORKS"), production)

    settings = Settings(
        environment=environment,
        database_url=database_url,
        redis_url=_env_str(env, "REDIS_URL"),
        smtp_url=Secret(smtp_url) if smtp_url else None,
        mail_from=_env_str(env, "MAIL_FROM", "Vern <vern@localhost>") or "",
        telegram_token=Secret(telegram) if telegram else None,
        telegram_bot_username=(_env_str(env, "TELEGRAM_BOT_USERNAME") or "").lstrip("@") or None,
        telegram_api_url=_env_str(env, "TELEGRAM_API_URL", "https://api.telegram.org/bot") or "",
        telegram_mode=telegram_mode,
        telegram_webhook_secret=Secret(telegram_webhook_secret) if telegram_webhook_secret else None,
        telegram_port=_env_int(env, "TELEGRAM_PORT", 8443),
        telegram_webhook_url=_env_str(env, "TELEGRAM_WEBHOOK_URL"),
        audit_signing_key=Secret(audit_signing_key) if audit_signing_key else None,
        case_webhook_url=webhook_url or None,
        art19_recipients=tuple(
            name.strip() for name in (_env_str(env, "ART19_RECIPIENTS") or "").split(",") if name.strip()
        ),
        metrics_token=Secret(metrics_token) if metrics_token else None,
        case_webhook_secret=Secret(webhook_secret) if webhook_secret else None,
        secret_key=secret_key,
        rasa_api_token=rasa_api_token,
        action_server_secret=action_server_secret,
        languages=languages,
        default_language=default_language,
        controller_name=_env_str(env, "CONTROLLER_NAME", "Vern demo municipality") or "",
        controller_contact=_env_str(env, "CONTROLLER_CONTACT", "personvern@example.org") or "",
        breach_contact=_env_str(env, "BREACH_CONTACT", _env_str(env, "CONTROLLER_CONTACT", "personvern@example.org"))
        or "",
        breach_contact_language=_breach_language(env, default_language),
        age_bands=AgeBands(
            guardian_only_below=_env_int(env, "MINOR_GUARDIAN_ONLY_BELOW", 13),
            joint_below=_env_int(env, "MINOR_JOINT_CONSENT_BELOW", 16),
            adult_from=_env_int(env, "ADULT_AGE", 18),
        ),
        knowledge_file=Path(
            _env_str(env, "KNOWLEDGE_FILE", str(PROJECT_ROOT / "bot" / "knowledge" / "knowledge.yml")) or ""
        ),
        retention=RetentionPeriods(
            mask_within_minutes=_env_optional_period(env, "MASK_WITHIN_MINUTES", lowest=0),
            chat_inactivity_minutes=_env_int(env, "CHAT_INACTIVITY_MINUTES", 30),
            masked_chat_days=_env_optional_period(env, "MASKED_CHAT_RETENTION_DAYS", lowest=1),
            tracker_expiry_days=_env_int(env, "TRACKER_EXPIRY_DAYS", 400),
        ),
        console=_console_guard(env),
        var_dir=var_dir,
        models_dir=Path(_env_str(env, "MODELS_DIR", str(PROJECT_ROOT / "models")) or "models"),
        outbox_dir=Path(_env_str(env, "OUTBOX_DIR", str(var_dir / "outbox")) or "outbox"),
        backup_dir=Path(_env_str(env, "BACKUP_DIR", str(var_dir / "backups")) or "backups").resolve(),
        backup_retention_days=backup_retention_days,
        backup_key=Secret(backup_key) if backup_key else None,
        erasure_journal=Path(
            _env_str(env, "ERASURE_JOURNAL", str(var_dir / "erasure-journal.jsonl")) or "erasure-journal.jsonl"
        ).resolve(),
        host=host,
        web_port=web_port,
        rasa_port=rasa_port,
        action_port=action_port,
        rasa_url=_env_str(env, "RASA_URL", f"http://127.0.0.1:{rasa_port}") or "",
        action_server_url=_env_str(env, "ACTION_SERVER_URL", f"http://127.0.0.1:{action_port}/webhook")
        or "",
        public_url=public_url,
        chat_socket_url=(_env_str(env, "CHAT_SOCKET_URL", f"http://{host}:{rasa_port}") or "").rstrip("/"),
        widget_origins=widget_origins,
        rasa_api_networks=rasa_api_networks,
        max_message_chars=_env_int(env, "MAX_MESSAGE_CHARS", 2000),
        turn_speedups=_env_on_off(env, "TURN_SPEEDUPS", True),
        training_basis=training_basis,
        handoff_hours=handoff_hours,
        handoff_wait_minutes=_env_int(env, "HANDOFF_WAIT_MINUTES", 10),
        training_legal_basis=_env_str(env, "TRAINING_LEGAL_BASIS", "gdpr:art-6-1-e") or "",
        training_k=training_k,
        training_promotion_margin=margin,
        training_forget_days=_positive(_env_int(env, "TRAINING_FORGET_DAYS", 30), "TRAINING_FORGET_DAYS"),
        subprocessors_file=Path(_env_str(env, "SUBPROCESSORS_FILE",
                                         str(PROJECT_ROOT / "bot" / "compliance" / "subprocessors.yml")) or ""),
        guardian_registry_url=registry_url or None,
        guardian_registry_secret=Secret(registry_secret) if registry_secret else None,
        guardian_registry_file=Path(registry_file) if registry_file else None,
        timezone=zone,
    )
    _check_subprocessors(settings)
    return settings


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


def _breach_language(env: Mapping[str, str], default_language: str) -> str:
    language = (_env_str(env, "BREACH_CONTACT_LANGUAGE", default_language) or default_language).lower()
    if language not in SUPPORTED_LANGUAGES:
        raise ConfigError(f"BREACH_CONTACT_LANGUAGE must be one of {', '.join(SUPPORTED_LANGUAGES)}")
    return language


def _positive(value: int, name: str) -> int:
    if value < 1:
        raise ConfigError(f"{name} must be a whole number of at least 1")
    return value


_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]{1,253}(?::\d{1,5})?")


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL: what a browser sends as Origin."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _widget_origins(configured: str | None, public_url: str, web_port: int) -> tuple[str, ...]:
    """The pages allowed to open the chat socket. Without WIDGET_ORIGINS: Vern's own pages only."""
    if configured is None:
        own = [origin_of(public_url), f"http://127.0.0.1:{web_port}", f"http://localhost:{web_port}"]
        return tuple(dict.fromkeys(own))
    origins = tuple(dict.fromkeys(o.strip().rstrip("/") for o in configured.split(",") if o.strip()))
    for origin in origins:
        # No "*": a chat socket open to every site lets any page talk to Vern in a visitor's name.
        if not _ORIGIN.fullmatch(origin):
            raise ConfigError(
                "WIDGET_ORIGINS must list origins such as https://www.example.kommune.no (scheme, host and "
                "optional port; no path, no *), separated by commas"
            )
    return origins


def _networks(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """A comma-separated CIDR list, each normalised (10.1.2.3/16 -> 10.1.0.0/16)."""
    import ipaddress

    networks = []
    for item in (_env_str(env, name) or "").split(","):
        if not item.strip():
            continue
        try:
            networks.append(str(ipaddress.ip_network(item.strip(), strict=False)))
        except ValueError:
            raise ConfigError(f"{name} must list networks such as 10.20.0.0/16 or 2001:db8::/48, "
                              f"separated by commas; {item.strip()!r} is not one") from None
    return tuple(networks)


def _console_guard(env: Mapping[str, str]) -> ConsoleGuard:
    reveals = _env_int(env, "CONSOLE_ALERT_REVEALS_PER_HOUR", 20)
    opened = _env_int(env, "CONSOLE_ALERT_CASES_PER_HOUR", 60)
    if reveals < 1 or opened < 1:
        raise ConfigError("CONSOLE_ALERT_REVEALS_PER_HOUR and CONSOLE_ALERT_CASES_PER_HOUR must be at least 1")
    recipients = _env_str(env, "CONSOLE_ALERT_EMAILS") or _env_str(env, "CONTROLLER_CONTACT",
                                                                     "personvern@example.org") or ""
    return ConsoleGuard(
        allowed_networks=_networks(env, "CONSOLE_ALLOWED_NETWORKS"),
        trusted_proxies=_networks(env, "TRUSTED_PROXIES"),
        alert_reveals_per_hour=reveals,
        alert_cases_per_hour=opened,
        alert_recipients=tuple(a.strip() for a in recipients.split(",") if a.strip()),
    )


def _api_networks(configured: str | None, production: bool) -> tuple[str, ...]:
    """Where Rasa's HTTP API may be called from. It can replay, rewrite and read every conversation, so in
    production it is never open to the internet (issue 15 item 8): a public network is a start-up error."""
    import ipaddress

    if configured is None or not configured.strip():
        return DEFAULT_API_NETWORKS
    networks = []
    for entry in (e.strip() for e in configured.split(",") if e.strip()):
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ConfigError("RASA_API_NETWORKS must list networks such as 10.0.0.0/8, separated by commas") from None
        internal = (ipaddress.ip_network(n) for n in DEFAULT_API_NETWORKS)
        if production and not any(network.version == n.version and network.subnet_of(n) for n in internal):  # type: ignore[arg-type]
            raise ConfigError(f"RASA_API_NETWORKS may list only internal networks in production, not {entry}")
        networks.append(str(network))
    return tuple(networks)


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


def reset_settings_cache() -> None:
    global _cached
    _cached = None
