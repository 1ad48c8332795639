"""What stands between the catalogs and a release: a message missing or fuzzy (outdated) in a language Vern
offers, a plural form missing, a Plural-Forms header other than CLDR's for the language, placeholders that differ
from the English, a key given twice, a template older than its source.

    python -m bot.i18n.check            # the languages in LANGUAGES
    python -m bot.i18n.check sv         # how far a new language has come

tests/test_i18n.py runs the same checks on nb, nn, da and en.
"""

from __future__ import annotations

import sys
from pathlib import Path
from string import Formatter

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural

from bot.config import CONSOLE_LANGUAGES
from bot.i18n.catalog import DOMAIN, CatalogError, catalog_paths, read_catalog, translated, translated_forms
from bot.i18n.source import SourceError, read_sources, source_files

TEMPLATE = f"{DOMAIN}.pot"
CONSOLE_PREFIX = "console_"  # locales/source/console.yml


def placeholders(text: str) -> set[str]:
    """The `{name}` fields str.format fills in (`{{` and `}}` are literal braces)."""
    try:
        return {field for _literal, field, _spec, _conversion in Formatter().parse(text) if field is not None}
    except ValueError:
        return {"<unbalanced braces>"}


English = str | tuple[str, ...]  # a msgid, or (singular, plural) for a message that counts


def _english(msgid: object) -> English:
    return tuple(str(form) for form in msgid) if isinstance(msgid, (tuple, list)) else str(msgid)


def _entries(catalog: Catalog) -> dict[str, tuple[English, English | None]]:
    """key -> (English msgid, usable translation (a text, or every plural form) or None)."""
    return {m.context: (_english(m.id), translated_forms(m, catalog.num_plurals) if m.pluralizable else translated(m))
            for m in catalog if m.id and m.context}


def _placeholders(text: English) -> set[str]:
    return placeholders(text) if isinstance(text, str) else set().union(*(placeholders(form) for form in text))


def template_problems(locales_dir: Path) -> list[str]:
    """The template against its source: same keys, same English, in the same order."""
    try:
        source = [(m.key, _english(m.msgid)) for m in read_sources(source_files(locales_dir))]
        template = [(m.context or "", _english(m.id)) for m in read_catalog(locales_dir / TEMPLATE) if m.id]
    except (SourceError, CatalogError) as error:
        return [str(error)]
    if source != template:
        changed = sorted({key for key, _ in set(source) ^ set(template)}) or ["the order"]
        shown = ", ".join(changed[:5]) + (" …" if len(changed) > 5 else "")
        return [f"{TEMPLATE} is older than locales/source ({shown}): run pybabel extract and update "
                "(docs/translating.md)"]
    return []


def language_problems(locales_dir: Path, language: str, complete: bool = True) -> list[str]:
    """One language's catalog against the template. `complete`: every message translated and not fuzzy."""
    path = catalog_paths(locales_dir).get(language)
    if path is None:
        return [f"{language}: no {language}/LC_MESSAGES/{DOMAIN}.po"]
    try:
        template = _entries(read_catalog(locales_dir / TEMPLATE))
        catalog = read_catalog(path)
        entries = _entries(catalog)
    except CatalogError as error:
        return [str(error)]
    problems = _plural_forms_problems(catalog, language)
    for key, (english, _) in template.items():
        if key not in entries:
            problems.append(f"{language}: {key} is not in the catalog (run pybabel update)")
            continue
        msgid, text = entries[key]
        if msgid != english:
            problems.append(f"{language}: {key} translates an older English text (run pybabel update)")
        elif text is None:
            # The console ships in CONSOLE_LANGUAGES only; elsewhere its words may wait (English is said).
            if complete and (not key.startswith(CONSOLE_PREFIX) or language in CONSOLE_LANGUAGES):
                plural = " or lacks one of its plural forms" if isinstance(english, tuple) else ""
                problems.append(f"{language}: {key} is untranslated or fuzzy{plural}")
        elif _placeholders(text) != _placeholders(english):
            problems.append(f"{language}: {key} has placeholders {sorted(_placeholders(text))}, "
                            f"the English {sorted(_placeholders(english))}")
    problems += [f"{language}: {key} is not in the template" for key in entries if key not in template]
    return problems


def _plural_forms_problems(catalog: Catalog, language: str) -> list[str]:
    """The Plural-Forms header says how many forms a plural entry has and which one a count takes: it must be
    CLDR's for the language (Babel's table), or a count would get the wrong form."""
    try:
        expected = get_plural(language).plural_forms
    except (UnknownLocaleError, ValueError):
        return []  # a language Babel does not know: the translator's header is all there is
    if catalog.plural_forms != expected:
        return [f"{language}: the Plural-Forms header is {catalog.plural_forms!r}, {language} has {expected!r}"]
    return []


def problems(locales_dir: Path, languages: tuple[str, ...]) -> list[str]:
    found = template_problems(locales_dir)
    for language in languages:
        found += language_problems(locales_dir, language)
    return found


def main(argv: list[str] | None = None) -> int:
    from bot.config import settings_or_exit

    settings = settings_or_exit()
    languages = tuple(argv if argv is not None else sys.argv[1:]) or settings.languages
    found = problems(settings.locales_dir, languages)
    for problem in found:
        print(problem)
    print(f"{len(found)} problem(s) in {', '.join(languages)} ({settings.locales_dir})")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
