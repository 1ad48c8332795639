"""What stands between the catalogs and a release: a message missing or fuzzy (outdated) in a language Vern
offers, placeholders that differ from the English, a key given twice, a template older than its source.

    python -m bot.i18n.check            # the languages in LANGUAGES
    python -m bot.i18n.check sv         # how far a new language has come

tests/test_i18n.py runs the same checks on nb, nn, da and en.
"""

from __future__ import annotations

import sys
from pathlib import Path
from string import Formatter

from babel.messages.catalog import Catalog

from bot.i18n.catalog import DOMAIN, CatalogError, catalog_paths, read_catalog, translated
from bot.i18n.source import SourceError, read_sources, source_files

TEMPLATE = f"{DOMAIN}.pot"


def placeholders(text: str) -> set[str]:
    """The `{name}` fields str.format fills in (`{{` and `}}` are literal braces)."""
    try:
        return {field for _literal, field, _spec, _conversion in Formatter().parse(text) if field is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def _entries(catalog: Catalog) -> dict[str, tuple[str, str | None]]:
    """key -> (English msgid, usable translation or None)."""
    return {m.context: (str(m.id), translated(m)) for m in catalog if m.id and m.context}


def template_problems(locales_dir: Path) -> list[str]:
    """The template against its source: same keys, same English, in the same order."""
    try:
        source = [(m.key, m.english) for m in read_sources(source_files(locales_dir))]
        template = [(m.context or "", str(m.id)) for m in read_catalog(locales_dir / TEMPLATE) if m.id]
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
        entries = _entries(read_catalog(path))
    except CatalogError as error:
        return [str(error)]
    problems: list[str] = []
    for key, (english, _) in template.items():
        if key not in entries:
            problems.append(f"{language}: {key} is not in the catalog (run pybabel update)")
            continue
        msgid, text = entries[key]
        if msgid != english:
            problems.append(f"{language}: {key} translates an older English text (run pybabel update)")
        elif text is None:
            if complete:
                problems.append(f"{language}: {key} is untranslated or fuzzy")
        elif placeholders(text) != placeholders(english):
            problems.append(f"{language}: {key} has placeholders {sorted(placeholders(text))}, "
                            f"the English {sorted(placeholders(english))}")
    problems += [f"{language}: {key} is not in the template" for key in entries if key not in template]
    return problems


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
