"""The shipped catalogs are complete, and the checks that keep them so find what they are for."""

from __future__ import annotations

import shutil
from fnmatch import fnmatch
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from bot.config import PROJECT_ROOT, SUPPORTED_LANGUAGES, ConfigError, load_settings
from bot.i18n import catalog
from bot.i18n.catalog import CatalogError, load_catalogs, translate, translate_plural
from bot.i18n.check import language_problems, placeholders, problems
from bot.i18n.source import SourceError, read_source, read_sources
from tests.i18n.conftest import SHIPPED_LOCALES, po_path, set_translation


def test_every_shipped_language_is_complete_and_its_placeholders_match() -> None:
    assert problems(SHIPPED_LOCALES, SUPPORTED_LANGUAGES) == []


def test_a_key_is_in_the_catalogs_once() -> None:
    for language in SUPPORTED_LANGUAGES:
        text = po_path(SHIPPED_LOCALES, language).read_text(encoding="utf-8")
        contexts = [line for line in text.splitlines() if line.startswith("msgctxt ")]
        assert len(contexts) == len(set(contexts)) == len(catalog.MESSAGES) + len(catalog.current().plurals), language


def test_a_placeholder_the_translation_lost_is_found(locales: Path) -> None:
    set_translation(po_path(locales, "nn"), "tg_welcome", "Hei! Dette er Vern.")
    assert language_problems(locales, "nn") == [
        "nn: tg_welcome has placeholders [], the English ['controller']"]


def test_placeholders_are_the_fields_str_format_fills() -> None:
    assert placeholders("{a} og {b} og {a}, men ikke {{c}}") == {"a", "b"}


def test_a_fuzzy_translation_is_found_and_not_said(locales: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = po_path(locales, "da")
    with path.open("rb") as stream:
        edited = read_po(stream)
    edited.get("Yes", context="button_yes").flags.add("fuzzy")
    with path.open("wb") as stream:
        write_po(stream, edited)
    assert language_problems(locales, "da") == ["da: button_yes is untranslated or fuzzy"]
    assert "da" not in load_catalogs(locales).messages["button_yes"]
    monkeypatch.setenv("LOCALES_DIR", str(locales))
    catalog.reset_catalogs()
    assert translate("button_yes", "da") == "Yes"
    assert translate("button_no", "da") == "Nej"


def test_a_key_given_twice_in_a_catalog_is_an_error(locales: Path) -> None:
    path = po_path(locales, "nb")
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgctxt "button_yes"\nmsgid "Yes"\nmsgstr "Jepp"\n',
                    encoding="utf-8")
    with pytest.raises(CatalogError, match="button_yes is given twice"):
        load_catalogs(locales)
    assert any("button_yes is given twice" in p for p in language_problems(locales, "nb"))


def test_a_key_given_twice_in_the_source_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="button_yes is given twice"):
        read_source("button_yes: Yes\nbutton_no: No\nbutton_yes: Yes please\n", "x.yml")
    (tmp_path / "a.yml").write_text("button_yes: Yes\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("button_yes: Yes please\n", encoding="utf-8")
    with pytest.raises(SourceError, match="already given in"):
        read_sources([tmp_path / "a.yml", tmp_path / "b.yml"])


def test_comments_right_above_a_key_are_the_translators_note() -> None:
    messages = read_source("# The chat's buttons\n\n# Said to a child:\n# short words.\nbutton_yes: Yes\n"
                           "button_no: No\n", "x.yml")
    assert [(m.key, m.english, m.line, m.note) for m in messages] == [
        ("button_yes", "Yes", 5, "Said to a child: short words."), ("button_no", "No", 6, "")]


def test_a_language_without_a_catalog_is_told_in_bokmal() -> None:
    assert translate("button_no", "sv") == "Nei"


def test_the_image_carries_the_catalogs() -> None:
    """deploy/Containerfile copies the repository; nothing in .dockerignore may leave the catalogs behind."""
    ignored = [line.strip().rstrip("/") for line in (PROJECT_ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    shipped = ["locales", "locales/vern.pot", "locales/nb/LC_MESSAGES/vern.po", "locales/source/chat.yml", "babel.cfg"]
    assert [(path, pattern) for path in shipped for pattern in ignored if fnmatch(path, pattern)] == []
    assert "COPY . ." in (PROJECT_ROOT / "deploy" / "Containerfile").read_text()


def test_vern_does_not_start_with_a_language_it_has_no_catalog_for(locales: Path, tmp_path: Path) -> None:
    shutil.rmtree(locales / "da")
    environ = {"VERN_VAR_DIR": str(tmp_path / "var"), "LOCALES_DIR": str(locales)}
    with pytest.raises(ConfigError, match="LOCALES_DIR has no catalog for da"):
        load_settings(environ)
    assert load_settings({**environ, "LANGUAGES": "nb,nn,en"}).locales_dir == locales


@pytest.mark.parametrize(("language", "one", "many"), [
    ("nb", "1 minutt", "10 minutter"), ("nn", "1 minutt", "10 minutt"), ("da", "1 minut", "10 minutter"),
    ("en", "1 minute", "10 minutes")])
def test_a_count_takes_the_plural_form_its_language_gives_it(language: str, one: str, many: str) -> None:
    assert translate_plural("mail_minutes", 1, language) == one
    assert translate_plural("mail_minutes", 10, language) == many
    assert translate_plural("mail_minutes", 0, language) == many.replace("10", "0")


def test_a_message_that_counts_becomes_a_plural_entry() -> None:
    [message] = read_source("mail_minutes:\n  one: '{count} minute'\n  other: '{count} minutes'\n", "x.yml")
    assert message.msgid == ("{count} minute", "{count} minutes")
    with pytest.raises(SourceError, match="exactly `one:` and `other:`"):
        read_source("mail_minutes:\n  one: '{count} minute'\n  few: '{count} minutes'\n", "x.yml")


def _remove_plural_form(path: Path, key: str) -> None:
    with path.open("rb") as stream:
        edited = read_po(stream)
    message = next(m for m in edited if m.context == key)
    message.string = (message.string[0], "")
    with path.open("wb") as stream:
        write_po(stream, edited)


def test_a_missing_plural_form_is_found_and_english_said(locales: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _remove_plural_form(po_path(locales, "nb"), "mail_minutes")
    assert language_problems(locales, "nb") == [
        "nb: mail_minutes is untranslated or fuzzy or lacks one of its plural forms"]
    monkeypatch.setenv("LOCALES_DIR", str(locales))
    catalog.reset_catalogs()
    assert translate_plural("mail_minutes", 1, "nb") == "1 minute"


def test_a_plural_forms_header_other_than_the_languages_is_found(locales: Path) -> None:
    path = po_path(locales, "da")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "nplurals=2; plural=(n != 1);", "nplurals=2; plural=(n > 1);", 1), encoding="utf-8")  # French's
    assert language_problems(locales, "da") == [
        "da: the Plural-Forms header is 'nplurals=2; plural=(n > 1);', da has 'nplurals=2; plural=(n != 1);'"]
