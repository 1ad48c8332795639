"""Loading and checking the purposes file; the notice text a person is shown, and its hash."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.config import SUPPORTED_LANGUAGES

DEFAULT_FILE = Path(__file__).with_name("purposes.yml")
_DPV = re.compile(r"^dpv:[A-Z][A-Za-z]+$")
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$")


class PurposeError(ValueError):
    """The purposes file is not usable; the message says where."""


@dataclass(frozen=True)
class Purpose:
    id: str
    version: int
    legal_basis: str
    data_categories: tuple[str, ...]
    processing: tuple[str, ...]
    retention: str
    recipients: Mapping[str, str]
    special_category: bool
    title: Mapping[str, str]
    description: Mapping[str, str]
    guardian_required_until: int | None = None
    keywords: tuple[str, ...] = ()
    # A guardian's answer counts only when the controller's register lists them for the child
    # (when a register is configured; bot.guardians.registry).
    registry_required: bool = False
    # Words for the age (bot.consent.audience): the child's (under 13, read aloud to the child by the guardian)
    # and the young person's (13-17) title, description and recipients, per language; a field a version
    # leaves out is the adult one. tests/consent/test_readability.py requires a readable child version.
    versions: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)

    @property
    def retention_days(self) -> int:
        match = _DURATION.match(self.retention)
        assert match is not None
        years, months, days = (int(part or 0) for part in match.groups())
        return years * 365 + months * 30 + days


NOTICE_LINES = {
    "nb": "{title}\n{description}\nLagres i: {retention}. Ser det: {recipients}.\n"
          "Du kan trekke samtykket tilbake når som helst.",
    "nn": "{title}\n{description}\nLagrast i: {retention}. Ser det: {recipients}.\n"
          "Du kan trekkje samtykket tilbake når som helst.",
    "da": "{title}\n{description}\nGemmes i: {retention}. Ser det: {recipients}.\n"
          "Du kan trække samtykket tilbage når som helst.",
    "en": "{title}\n{description}\nKept for: {retention}. Seen by: {recipients}.\n"
          "You can withdraw consent at any time.",
}
# The child's notice explains instead of naming legal terms ("samtykke", "trekke tilbake"): short sentences
# a guardian can read aloud. The young person's (13-17) keeps the legal words a teenager will meet again but says
# in a few words what they mean, that saying yes is voluntary and that it can be taken back at any time.
CHILD_NOTICE_LINES = {
    "nb": "{title}\n{description}\nVi tar vare på det i {retention}. Disse kan se det: {recipients}.\n"
          "Du kan si nei senere. Da slutter vi.",
    "nn": "{title}\n{description}\nVi tek vare på det i {retention}. Desse kan sjå det: {recipients}.\n"
          "Du kan seie nei seinare. Då sluttar vi.",
    "da": "{title}\n{description}\nVi gemmer det i {retention}. Disse kan se det: {recipients}.\n"
          "Du kan sige nej senere. Så stopper vi.",
    "en": "{title}\n{description}\nWe keep it for {retention}. These people can see it: {recipients}.\n"
          "You can say no later. Then we stop.",
}
YOUNG_NOTICE_LINES = {
    "nb": "{title}\n{description}\nVi lagrer det i {retention}. Disse ser det: {recipients}.\n"
          "Å samtykke betyr å si ja til dette. Det er frivillig. Du kan trekke samtykket tilbake (si nei likevel) "
          "når du vil, og da slutter vi.",
    "nn": "{title}\n{description}\nVi lagrar det i {retention}. Desse ser det: {recipients}.\n"
          "Å samtykkje tyder å seie ja til dette. Det er frivillig. Du kan trekkje samtykket tilbake (seie nei "
          "likevel) når du vil, og då sluttar vi.",
    "da": "{title}\n{description}\nVi gemmer det i {retention}. Disse ser det: {recipients}.\n"
          "At give samtykke betyder at sige ja til dette. Det er frivilligt. Du kan trække samtykket tilbage "
          "(fortryde), når du vil, og så stopper vi.",
    "en": "{title}\n{description}\nWe keep it for {retention}. Seen by: {recipients}.\n"
          "Giving consent means saying yes to this. It is your choice. You can withdraw your consent (take back "
          "your yes) whenever you want, and then we stop.",
}
TEMPLATES = {"child": CHILD_NOTICE_LINES, "young": YOUNG_NOTICE_LINES, "adult": NOTICE_LINES}
AUDIENCES = ("child", "young", "adult")
_FIELDS = ("title", "description", "recipients")
_UNITS = {
    "nb": ("år", "måneder", "dager"), "nn": ("år", "månader", "dagar"),
    "da": ("år", "måneder", "dage"), "en": ("years", "months", "days"),
}


def _duration_words(duration: str, language: str) -> str:
    match = _DURATION.match(duration)
    assert match is not None
    parts = [f"{int(n)} {unit}" for n, unit in zip(match.groups(), _UNITS[language], strict=True) if n]
    return ", ".join(parts)


def retention_text(purpose: Purpose, language: str) -> str:
    """How long the purpose keeps data, in words ("1 år")."""
    return _duration_words(purpose.retention, language)


def words_for(purpose: Purpose, language: str, audience: str = "adult") -> dict[str, str]:
    """Title, description and recipients in the version for the audience (the adult's where it has none)."""
    adult = {"title": purpose.title[language], "description": purpose.description[language],
             "recipients": purpose.recipients[language]}
    version = purpose.versions.get(audience, {})
    return {name: version[name][language] if name in version else adult[name] for name in _FIELDS}


def notice_text(purpose: Purpose, language: str, audience: str = "adult") -> str:
    """Exactly what the person is shown before consenting: its hash is the record's evidence."""
    return TEMPLATES[audience][language].format(
        retention=_duration_words(purpose.retention, language), **words_for(purpose, language, audience))


def notice_hash(purpose: Purpose, language: str, audience: str = "adult") -> str:
    # The adult notice hashes as before the versions existed, so older records still verify.
    label = language if audience == "adult" else f"{language}:{audience}"
    shown = f"{purpose.id}:v{purpose.version}:{label}\n{notice_text(purpose, language, audience)}"
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()


def _texts(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or set(raw) != set(SUPPORTED_LANGUAGES):
        raise PurposeError(f"{where}: needs a text in each of {', '.join(SUPPORTED_LANGUAGES)}")
    if not all(isinstance(v, str) and v.strip() for v in raw.values()):
        raise PurposeError(f"{where}: texts must not be empty")
    return {k: v.strip() for k, v in raw.items()}


def _terms(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(t, str) and _DPV.match(t) for t in raw):
        raise PurposeError(f"{where}: a non-empty list of DPV terms (dpv:Term)")
    return tuple(raw)


def parse_purpose(raw: Any, index: int) -> Purpose:
    where = f"purposes[{index}]"
    if not isinstance(raw, dict):
        raise PurposeError(f"{where}: must be a mapping")
    purpose_id = raw.get("id")
    if not isinstance(purpose_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,63}", purpose_id):
        raise PurposeError(f"{where}: id must be lowercase letters, digits and dashes")
    where = f"purpose {purpose_id}"
    version = raw.get("version")
    if not isinstance(version, int) or version < 1:
        raise PurposeError(f"{where}: version must be a positive integer")
    legal_basis = raw.get("legal_basis")
    if not isinstance(legal_basis, str) or not _DPV.match(legal_basis):
        raise PurposeError(f"{where}: legal_basis must be a DPV term")
    retention = raw.get("retention")
    if not isinstance(retention, str) or not _DURATION.match(retention) or retention == "P":
        raise PurposeError(f"{where}: retention must be an ISO 8601 duration such as P1Y or P6M")
    until = raw.get("guardian_required_until")
    if until is not None and (not isinstance(until, int) or not 1 <= until <= 25):
        raise PurposeError(f"{where}: guardian_required_until must be an age between 1 and 25")
    registry_required = raw.get("registry_required", False)
    if not isinstance(registry_required, bool):
        raise PurposeError(f"{where}: registry_required must be true or false")
    return Purpose(
        id=purpose_id, version=version, legal_basis=legal_basis,
        data_categories=_terms(raw.get("data_categories"), f"{where}: data_categories"),
        processing=_terms(raw.get("processing"), f"{where}: processing"),
        retention=retention, recipients=_texts(raw.get("recipients"), f"{where}: recipients"),
        special_category=bool(raw.get("special_category")),
        title=_texts(raw.get("title"), f"{where}: title"),
        description=_texts(raw.get("description"), f"{where}: description"), guardian_required_until=until,
        keywords=_keywords(raw.get("keywords"), where), registry_required=registry_required,
        versions=_versions(raw, where),
    )


def _versions(raw: dict[str, Any], where: str) -> dict[str, dict[str, dict[str, str]]]:
    versions: dict[str, dict[str, dict[str, str]]] = {}
    for audience in ("child", "young"):
        block = raw.get(audience)
        if block is None:
            continue
        if not isinstance(block, dict) or not block or not set(block) <= set(_FIELDS):
            raise PurposeError(f"{where}: {audience} may give {', '.join(_FIELDS)}")
        versions[audience] = {name: _texts(text, f"{where}: {audience}.{name}") for name, text in block.items()}
    return versions


def _keywords(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(k, str) and k.strip() for k in raw):
        raise PurposeError(f"{where}: keywords must be a list of words or phrases")
    return tuple(k.strip().casefold() for k in raw)


def load_purposes(path: Path) -> dict[str, Purpose]:
    """The purposes in `path`: `settings.consent_purposes_file` (CONSENT_PURPOSES_FILE, else the shipped one)."""
    source = Path(path)
    try:
        document = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PurposeError(f"{source}: cannot be read ({type(error).__name__})") from None
    if not isinstance(document, dict) or document.get("version") != 1 or not isinstance(document.get("purposes"), list):
        raise PurposeError(f"{source}: expected `version: 1` and a `purposes:` list")
    purposes: dict[str, Purpose] = {}
    for index, raw in enumerate(document["purposes"]):
        purpose = parse_purpose(raw, index)
        if purpose.id in purposes:
            raise PurposeError(f"purpose {purpose.id}: listed twice")
        purposes[purpose.id] = purpose
    return purposes


@lru_cache(maxsize=1)
def default_purposes() -> dict[str, Purpose]:
    """The purposes of CONSENT_PURPOSES_FILE, for what is not handed them: `purpose_title` (said from the actions
    and mails) and a retention worker built without its purposes. It reads the one setting itself: asking
    bot.wiring from here would close an import cycle."""
    from bot.config import setting_from_env

    return load_purposes(Path(setting_from_env("consent_purposes_file")))


def purpose_title(purpose_id: str, language: str) -> str:
    purpose = default_purposes().get(purpose_id)
    return purpose.title[language] if purpose is not None else purpose_id


_WORD = re.compile(r"\w+")
_STEM = 6  # "nyhetsbrevet" finds "nyhetsbrev", "treningen" finds "trening"


def _hits(word: str, tokens: list[str]) -> bool:
    stem = word[:_STEM]
    return any(token.startswith(stem) for token in tokens) if len(word) >= 4 else word in tokens


def match_purpose(text: str, purposes: Mapping[str, Purpose]) -> str | None:
    """The purpose a sentence is about ("jeg vil være med på videoopptak"), if exactly one fits best."""
    tokens = _WORD.findall(text.casefold())
    if not tokens:
        return None
    if text.strip().casefold() in purposes:
        return text.strip().casefold()  # a button sends the id itself
    scores: dict[str, int] = {}
    for purpose in purposes.values():
        score = sum(1 for phrase in purpose.keywords if all(_hits(w, tokens) for w in _WORD.findall(phrase)))
        title_words = {w for title in purpose.title.values() for w in _WORD.findall(title.casefold()) if len(w) >= 5}
        score += sum(1 for word in title_words if _hits(word, tokens))
        if score:
            scores[purpose.id] = score
    if not scores:
        return None
    best = max(scores.values())
    winners = [pid for pid, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None
