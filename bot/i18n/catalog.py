"""Vern's words from its gettext catalogs: `<LOCALES_DIR>/<lang>/LC_MESSAGES/vern.po`, one per language found
there, read once per process (docs/translating.md). The chat's Rasa responses are in the catalogs too, but Rasa
reads them from domain.yml, which bot.i18n.domain writes from them; `translate` is for the words of code paths
that do not go through Rasa's response selection.

A message is found by its key (the catalog's msgctxt); the English text is the msgid. A message that counts
something is a gettext plural entry (msgid_plural, msgstr[n]), said with `translate_plural`, which chooses the
form by the catalog's Plural-Forms header as gettext's ngettext does. The .po files are read directly, so
nothing compiled has to be kept in step with them: about 1,000 entries take a few milliseconds.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser

DOMAIN = "vern"
SOURCE_LANGUAGE = "en"
# A language Vern has no catalog for gets bokmål, as before catalogs: Vern's home language, not a guess.
UNKNOWN_LANGUAGE_FALLBACK = "nb"


class CatalogError(Exception):
    """A catalog cannot be used: unreadable, a message without a key, or a key given twice."""


@dataclass(frozen=True)
class Catalogs:
    languages: frozenset[str]  # every language with a catalog
    messages: Mapping[str, Mapping[str, str]]  # key -> language -> text (translated and not fuzzy only)
    plurals: Mapping[str, Mapping[str, tuple[str, ...]]]  # key -> language -> its forms, for messages that count
    plural_rules: Mapping[str, Callable[[int], int]]  # language -> count -> index of the form (Plural-Forms)


class _OneEntryPerKey(Catalog):
    """Babel's Catalog merges a repeated entry into the first without a word; a repeated key here is an error."""

    def __init__(self, where: str) -> None:
        super().__init__(domain=DOMAIN)
        self._where = where
        self._keys: set[str] = set()

    def __setitem__(self, id: Any, message: Message) -> None:
        if message.id:
            if not message.context:
                raise CatalogError(f"{self._where}: the message {message.id!r} has no msgctxt (its key)")
            if message.context in self._keys:
                raise CatalogError(f"{self._where}: {message.context} is given twice")
            self._keys.add(message.context)
        super().__setitem__(id, message)


def read_catalog(path: Path) -> Catalog:
    """One .po file as Babel reads it, with repeated keys refused."""
    catalog = _OneEntryPerKey(str(path))
    try:
        with path.open("rb") as stream:
            PoFileParser(catalog, abort_invalid=True).parse(stream)
    except (OSError, PoFileError, UnicodeDecodeError) as error:
        raise CatalogError(f"{path}: cannot be read ({type(error).__name__}: {error})") from None
    return catalog


def catalog_paths(locales_dir: Path) -> dict[str, Path]:
    """Language -> its catalog, for every language under `locales_dir`."""
    return {path.parent.parent.name: path for path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))}


def translated(message: Message) -> str | None:
    """The usable translation: gettext leaves out empty and fuzzy (outdated) entries, and so does Vern."""
    if not message.id or message.fuzzy or not isinstance(message.string, str) or not message.string:
        return None
    return message.string


def translated_forms(message: Message, count: int) -> tuple[str, ...] | None:
    """A plural entry's usable forms: all `count` of them (the language's nplurals) filled in, and not fuzzy."""
    forms = message.string
    if not message.pluralizable or message.fuzzy or not isinstance(forms, (tuple, list)):
        return None
    if len(forms) != count or not all(isinstance(form, str) and form for form in forms):
        return None
    return tuple(forms)


def plural_rule(catalog: Catalog) -> Callable[[int], int]:
    """count -> index of the msgstr[n] to use, from the catalog's Plural-Forms header (gettext's own parser)."""
    return gettext.c2py(catalog.plural_expr)


@lru_cache(maxsize=4)
def load_catalogs(locales_dir: Path) -> Catalogs:
    paths = catalog_paths(locales_dir)
    if SOURCE_LANGUAGE not in paths:
        raise CatalogError(f"{locales_dir}: no {SOURCE_LANGUAGE}/LC_MESSAGES/{DOMAIN}.po (the fallback for every key)")
    messages: dict[str, dict[str, str]] = {}
    plurals: dict[str, dict[str, tuple[str, ...]]] = {}
    rules: dict[str, Callable[[int], int]] = {}
    for language, path in paths.items():
        catalog = read_catalog(path)
        rules[language] = plural_rule(catalog)
        for message in catalog:
            if not message.id or not message.context:
                continue
            if message.pluralizable:
                forms = translated_forms(message, catalog.num_plurals)
                if forms is None and language == SOURCE_LANGUAGE:
                    forms = tuple(str(english) for english in message.id)  # the source's one/other
                if forms is not None:
                    plurals.setdefault(message.context, {})[language] = forms
                continue
            text = translated(message)
            if text is None and language == SOURCE_LANGUAGE:
                text = str(message.id)  # English not yet copied or confirmed: the source text itself
            if text is not None:
                messages.setdefault(message.context, {})[language] = text
    return Catalogs(frozenset(paths), messages, plurals, rules)


def _locales_dir() -> Path:
    from bot.config import setting_from_env

    return Path(setting_from_env("locales_dir"))


@lru_cache(maxsize=1)
def current() -> Catalogs:
    """The catalogs of this process: LOCALES_DIR, read on first use."""
    return load_catalogs(_locales_dir().resolve())


def reset_catalogs() -> None:
    """Read LOCALES_DIR again on next use (tests that point it elsewhere)."""
    current.cache_clear()
    load_catalogs.cache_clear()


class _Messages(Mapping[str, Mapping[str, str]]):
    """key -> language -> text of the current catalogs, for code that reads every line (readability checks)."""

    def __getitem__(self, key: str) -> Mapping[str, str]:
        return current().messages[key]

    def __iter__(self) -> Iterator[str]:
        return iter(current().messages)

    def __len__(self) -> int:
        return len(current().messages)


MESSAGES: Mapping[str, Mapping[str, str]] = _Messages()


def _said_in(catalogs: Catalogs, language: str, entry: Mapping[str, object]) -> str:
    """The language a message is said in: `language` if translated, bokmål for a language without a catalog,
    else English."""
    wanted = language if language in catalogs.languages else UNKNOWN_LANGUAGE_FALLBACK
    return wanted if entry.get(wanted) else SOURCE_LANGUAGE


def translate(key: str, language: str, **values: object) -> str:
    """The text for `key` in `language`. A key that language has not translated yet is said in English; a
    language without a catalog gets bokmål (then English)."""
    catalogs = current()
    entry = catalogs.messages[key]
    text = entry[_said_in(catalogs, language, entry)]
    return text.format(**values) if values else text


def translate_plural(key: str, count: int, language: str, **values: object) -> str:
    """gettext's ngettext for Vern's keys: the form of `key` for `count` in `language` (by that catalog's
    Plural-Forms), with `{count}` and `values` filled in. Untranslated: English, as `translate`."""
    catalogs = current()
    entry = catalogs.plurals[key]
    said_in = _said_in(catalogs, language, entry)
    forms = entry[said_in]
    index = catalogs.plural_rules[said_in](count)
    return forms[min(index, len(forms) - 1)].format(count=count, **values)


def for_age(key: str, audience: str | None) -> str:
    """The key of the line in the version for the audience (child, young), if the catalog has one."""
    if audience in ("child", "young") and f"{key}@{audience}" in current().messages:
        return f"{key}@{audience}"
    return key
