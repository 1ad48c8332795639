"""Is this person a registered guardian of this child? Asked of the controller's own register.

Schools and municipalities know who a child's guardians are. Vern never holds
that register: it asks one question per answer ("is <contact> a guardian of
<child reference>?") and gets yes or no, nothing else. Two implementations:

- `FileGuardianRegistry`: a CSV or YAML file, for small controllers and the
  demo. A cell may hold the value itself or `sha256:<hex>` of its normalised
  form, so the file on disk need not show who anyone is.
- `HttpsGuardianRegistry`: the controller's system over HTTPS, signed exactly
  like the case webhook (bot.connectors.signing).

Both compare normalised values (lower-case e-mail, phone digits with +), so
"Kari@X.no" matches "kari@x.no"."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import hmac
import io
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import aiohttp
import yaml

from bot.cases.errors import InvalidEmail
from bot.cases.keys import normalise_email
from bot.connectors.signing import SIGNATURE_HEADER, sign
from bot.errors import Unavailable

logger = logging.getLogger(__name__)
_PHONE = re.compile(r"^\+?\d{6,15}$")
_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")


class RegistryUnavailable(Unavailable):
    """The register could not be asked now (network, bad answer, unreadable file): ask again later."""


class RegistryConfigError(ValueError):
    """The register file is not usable; the message says where (never a row's content)."""


@dataclass(frozen=True)
class GuardianContact:
    """How the guardian who answers was reached: a verified e-mail address or a phone number."""

    kind: str  # "email" or "phone"
    value: str  # normalised

    @classmethod
    def email(cls, address: str) -> GuardianContact:
        return cls("email", normalise_email(address))

    @classmethod
    def phone(cls, number: str) -> GuardianContact:
        return cls("phone", normalise_phone(number))


def normalise_phone(raw: str) -> str:
    digits = re.sub(r"[\s().-]", "", raw or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not _PHONE.match(digits):
        raise ValueError("not a phone number")
    return digits


def normalise_reference(raw: str) -> str | None:
    """The controller's reference for a child (pupil number, case number): letters, digits, . _ / -."""
    text = (raw or "").strip().strip(".")
    return text.upper() if _REFERENCE.match(text) else None


def normalise_contact(raw: str) -> str:
    text = raw.strip()
    if "@" in text:
        return normalise_email(text)
    return normalise_phone(text)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class GuardianRegistry(Protocol):
    async def is_guardian(self, child_reference: str, contact: GuardianContact) -> bool:
        """True only when the register lists `contact` as a guardian of `child_reference`.

        Raises `RegistryUnavailable` when it cannot say (the caller then refuses, never guesses)."""
        ...


def _cell(raw: str, normalise: Callable[[str], str | None], where: str) -> str:
    text = (raw or "").strip()
    if text.lower().startswith("sha256:"):
        digest = text[7:].lower()
        if not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise RegistryConfigError(f"{where}: sha256: needs 64 hex digits")
        return digest
    try:
        value = normalise(text)
    except (InvalidEmail, ValueError):
        value = None
    if not value:
        raise RegistryConfigError(f"{where}: not a usable value")
    return _digest(value)


class FileGuardianRegistry:
    """CSV (`child_reference,guardian` header; one guardian a row) or YAML
    (`guardians: [{child: ..., contacts: [...]}]`); re-read when the file changes."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._loaded_at: float | None = None
        self._pairs: set[tuple[str, str]] = set()
        self._load()  # a broken file stops the start, not the first guardian

    def _load(self) -> None:
        try:
            stamp = self._path.stat().st_mtime
            if stamp == self._loaded_at:
                return
            text = self._path.read_text(encoding="utf-8")
        except OSError as error:
            raise RegistryConfigError(f"{self._path.name}: cannot be read ({type(error).__name__})") from None
        rows = _yaml_rows(text, self._path.name) if self._path.suffix.lower() in (".yml", ".yaml") \
            else _csv_rows(text, self._path.name)
        pairs = set()
        for where, child, contact in rows:
            pairs.add((_cell(child, normalise_reference, f"{where}: child"),
                       _cell(contact, normalise_contact, f"{where}: guardian")))
        self._pairs, self._loaded_at = pairs, stamp

    async def is_guardian(self, child_reference: str, contact: GuardianContact) -> bool:
        try:
            await asyncio.to_thread(self._load)
        except RegistryConfigError as error:
            logger.error("guardian register file unusable (%s)", error)
            raise RegistryUnavailable("register file") from None
        child = normalise_reference(child_reference)
        if child is None:
            return False
        wanted = (_digest(child), _digest(contact.value))
        # Constant-time over every row: how long the answer takes says nothing about the register.
        found = False
        for pair in self._pairs:
            found |= hmac.compare_digest(pair[0], wanted[0]) & hmac.compare_digest(pair[1], wanted[1])
        return found


def _csv_rows(text: str, name: str) -> list[tuple[str, str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    if not {"child_reference", "guardian"} <= fields:
        raise RegistryConfigError(f"{name}: needs a header line `child_reference,guardian`")
    rows: list[tuple[str, str, str]] = []
    for number, row in enumerate(reader, start=2):
        clean = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
        if not any(v.strip() for v in clean.values()):
            continue
        rows.append((f"{name} line {number}", clean["child_reference"], clean["guardian"]))
    return rows


def _yaml_rows(text: str, name: str) -> list[tuple[str, str, str]]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError:
        raise RegistryConfigError(f"{name}: not valid YAML") from None
    entries = document.get("guardians") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise RegistryConfigError(f"{name}: expected a `guardians:` list")
    rows: list[tuple[str, str, str]] = []
    for index, entry in enumerate(entries):
        where = f"{name} guardians[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("contacts"), list):
            raise RegistryConfigError(f"{where}: needs `child` and a `contacts` list")
        rows.extend((where, str(entry.get("child") or ""), str(contact)) for contact in entry["contacts"])
    return rows


class HttpsGuardianRegistry:
    """POST {"child_reference": ..., "guardian": {"email"|"phone": ...}} signed like the case webhook;
    the answer is {"guardian": true} or {"guardian": false}, and nothing else is read."""

    def __init__(self, url: str, secret: bytes, clock: Callable[[], float] = time.time,
                 timeout: float = 10) -> None:
        self._url = url
        self._path = urlsplit(url).path or "/"
        self._secret = secret
        self._clock = clock
        self._timeout = timeout

    async def is_guardian(self, child_reference: str, contact: GuardianContact) -> bool:
        body = json.dumps({"child_reference": child_reference, "guardian": {contact.kind: contact.value}},
                          sort_keys=True, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json",
                   SIGNATURE_HEADER: sign(self._secret, body, int(self._clock()), method="POST", path=self._path)}
        try:
            timeout = aiohttp.ClientTimeout(total=self._timeout)
            async with aiohttp.ClientSession(timeout=timeout) as session, session.post(
                self._url, data=body, headers=headers
            ) as response:
                status = response.status
                answer: Any = await response.json(content_type=None) if status == 200 else None
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            logger.warning("guardian register not reachable (%s)", type(error).__name__)
            raise RegistryUnavailable("register unreachable") from None
        if status != 200 or not isinstance(answer, dict) or not isinstance(answer.get("guardian"), bool):
            logger.warning("guardian register gave no yes/no answer (HTTP %d)", status)
            raise RegistryUnavailable("no yes/no answer")
        return bool(answer["guardian"])


def build_registry(settings: Any) -> GuardianRegistry | None:
    """The register configured for this deployment (URL wins over a file), or None: no register check."""
    if settings.guardian_registry_url:
        assert settings.guardian_registry_secret is not None  # load_settings insists
        return HttpsGuardianRegistry(settings.guardian_registry_url,
                                     settings.guardian_registry_secret.reveal().encode())
    if settings.guardian_registry_file:
        return FileGuardianRegistry(settings.guardian_registry_file)
    return None
