"""The sub-processor list (subprocessors.yml): loaded, checked, and compared with what Vern is configured to use.

The processing agreements name every sub-processor with its location and transfer basis (000 §8, 003 §6);
a deployment that sends mail through a provider, or talks to Telegram, that is not on the list would
process data through someone the controller never approved. So in production a service in use without an
entry is a start-up error (bot.config calls `check_coverage`), and the record and DPIA print the list."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from bot.config import Settings

DEFAULT_FILE = Path(__file__).resolve().with_name("subprocessors.yml")
# What an entry may cover; each is in use when the setting named here says so.
SERVICES = {
    "hosting": "always: Vern runs somewhere",
    "backups": "always: BACKUP_DIR holds the encrypted backups",
    "smtp": "SMTP_URL is set",
    "telegram": "TELEGRAM_TOKEN is set",
}
# EU member states, the EEA's Iceland, Liechtenstein and Norway, and "EU"/"EEA" as a whole: no transfer.
EEA = frozenset((
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "EU", "EEA"))
_FIELDS = ("id", "name", "role", "location", "transfer_basis", "data_categories", "covers")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class SubprocessorError(ValueError):
    """The sub-processor file is not usable; the message names the file and the entry."""


@dataclass(frozen=True)
class SubProcessor:
    id: str
    name: str
    role: str
    location: str
    transfer_basis: str
    data_categories: tuple[str, ...]
    covers: tuple[str, ...]

    @property
    def countries(self) -> tuple[str, ...]:
        return () if is_todo(self.location) else tuple(c.strip().upper() for c in self.location.split(","))

    @property
    def outside_eea(self) -> bool | None:
        """True when some location is outside the EEA; None while the location is a TODO."""
        if not self.countries:
            return None
        return any(country not in EEA for country in self.countries)

    def todos(self) -> list[str]:
        """The fields only the controller or operator can fill in."""
        return [name for name in ("name", "role", "location", "transfer_basis") if is_todo(getattr(self, name))]


def is_todo(value: str) -> bool:
    return value.strip().upper().startswith("TODO")


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SubprocessorError(f"{where}: `{key}` must be a non-empty text")
    return value.strip()


def _location(raw: Mapping[str, Any], where: str) -> str:
    value = raw.get("location")
    # YAML 1.1 reads a bare NO (Norway) as false: the most likely location of a Norwegian deployment.
    if value is False:
        return "NO"
    if isinstance(value, list):
        value = ", ".join("NO" if item is False else str(item) for item in value)
    return _text({"location": value}, "location", where)


def _parse(raw: Any, where: str) -> SubProcessor:
    if not isinstance(raw, Mapping):
        raise SubprocessorError(f"{where}: must be a mapping with {', '.join(_FIELDS)}")
    unknown = sorted(set(map(str, raw)) - set(_FIELDS))
    if unknown:
        raise SubprocessorError(f"{where}: unknown field(s) {', '.join(unknown)}")
    ident = _text(raw, "id", where)
    if not _ID.match(ident):
        raise SubprocessorError(f"{where}: `id` must be lower-case letters, digits, - or _")
    where = f"{where} ({ident})"
    lists = {}
    for key in ("data_categories", "covers"):
        value = raw.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise SubprocessorError(f"{where}: `{key}` must be a non-empty list of texts")
        lists[key] = tuple(v.strip() for v in value)
    wrong = [service for service in lists["covers"] if service not in SERVICES]
    if wrong:
        raise SubprocessorError(f"{where}: `covers` may list only {', '.join(SERVICES)}, not {wrong[0]!r}")
    entry = SubProcessor(ident, _text(raw, "name", where), _text(raw, "role", where), _location(raw, where),
                         _text(raw, "transfer_basis", where), lists["data_categories"], lists["covers"])
    for country in entry.countries:
        if not re.fullmatch(r"[A-Z]{2,3}", country):
            raise SubprocessorError(f"{where}: `location` must list country codes such as NO, SE or US "
                                    f"(or EU, EEA), separated by commas; {country!r} is not one")
    return entry


def parse_subprocessors(document: Any, source: str = "<memory>") -> tuple[SubProcessor, ...]:
    where = f"sub-processors {source}"
    if not isinstance(document, Mapping) or document.get("version") != 1:
        raise SubprocessorError(f"{where}: expected a mapping with 'version: 1' and 'subprocessors'")
    raw = document.get("subprocessors")
    if not isinstance(raw, list):
        raise SubprocessorError(f"{where}: 'subprocessors' must be a list")
    entries = tuple(_parse(item, f"{where}: entry {index + 1}") for index, item in enumerate(raw))
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise SubprocessorError(f"{where}: the id {entry.id!r} is used twice")
        seen.add(entry.id)
    return entries


def load_subprocessors(path: Path) -> tuple[SubProcessor, ...]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SubprocessorError(f"sub-processors {path}: cannot be read ({error.strerror})") from None
    except yaml.YAMLError:
        raise SubprocessorError(f"sub-processors {path}: is not valid YAML") from None
    return parse_subprocessors(document, str(path))


def services_in_use(settings: Settings) -> dict[str, str]:
    """Each service this configuration uses, with the setting that makes it so."""
    used = {"hosting": SERVICES["hosting"], "backups": SERVICES["backups"]}
    if settings.smtp_url is not None:
        used["smtp"] = SERVICES["smtp"]
    if settings.telegram_token is not None:
        used["telegram"] = SERVICES["telegram"]
    return used


def uncovered(settings: Settings, entries: tuple[SubProcessor, ...]) -> list[str]:
    covered = {service for entry in entries for service in entry.covers}
    return [service for service in services_in_use(settings) if service not in covered]


def check_coverage(settings: Settings, entries: tuple[SubProcessor, ...], source: str) -> None:
    """Production only: every service in use must be covered by a listed sub-processor."""
    from bot.config import ConfigError

    missing = uncovered(settings, entries)
    if missing:
        reasons = "; ".join(f"{service} ({SERVICES[service]})" for service in missing)
        raise ConfigError(
            f"Vern is configured to use sub-processors that {source} (SUBPROCESSORS_FILE) does not list: "
            f"{reasons}. Add an entry whose `covers` names each, with name, role, location and transfer basis "
            "(docs/configuration.md), or stop using the service.")
