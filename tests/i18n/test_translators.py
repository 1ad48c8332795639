"""pybabel works on Vern's catalogs as translators expect, and docs/translating.md's steps add a language."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from bot.config import PROJECT_ROOT, SUPPORTED_LANGUAGES
from bot.i18n import catalog
from bot.i18n.catalog import translate
from bot.i18n.check import language_problems, template_problems
from tests.i18n.conftest import SHIPPED_LOCALES, po_path, set_translation

DOC = PROJECT_ROOT / "docs" / "translating.md"


def pybabel(*args: str) -> None:
    """The pybabel command, run in this process (the checkout's bot.i18n.source is the one imported)."""
    assert CommandLineInterface().run(["pybabel", "-q", *args]) in (0, None), args


def extract(output: Path) -> None:
    """`pybabel extract` as docs/translating.md runs it, in the current directory."""
    pybabel("extract", "-F", "babel.cfg", "-o", str(output), "--add-location=file", ".")


def messages(path: Path) -> list[tuple[str | None, object, list[str]]]:
    with path.open("rb") as stream:
        return [(m.context, m.id, m.auto_comments) for m in read_po(stream) if m.id]


def test_the_committed_template_is_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    extract(tmp_path / "vern.pot")
    assert messages(tmp_path / "vern.pot") == messages(SHIPPED_LOCALES / "vern.pot")
    assert template_problems(SHIPPED_LOCALES) == []


def test_update_changes_nothing_and_the_compiled_catalogs_say_the_same(
        locales: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(locales.parent)
    pybabel("update", "-i", "locales/vern.pot", "-d", "locales", "-D", "vern", "--previous",
            "--ignore-pot-creation-date")
    for language in SUPPORTED_LANGUAGES:
        assert po_path(locales, language).read_bytes() == po_path(SHIPPED_LOCALES, language).read_bytes(), language
    pybabel("compile", "-d", "locales", "-D", "vern")
    for language in SUPPORTED_LANGUAGES:
        compiled = gettext.translation("vern", localedir=str(locales), languages=[language])
        english = {m.context: str(m.id) for m in read_po(po_path(locales, language).open("rb")) if m.id}
        for key in catalog.MESSAGES:
            assert compiled.pgettext(key, english[key]) == translate(key, language), (language, key)


def test_a_changed_english_text_turns_its_translations_fuzzy(
        locales: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = locales / "source" / "chat.yml"
    old = "Sorry, something went wrong on our side. Please try again shortly."
    new = "Sorry, something went wrong on our side. Please try again in a moment."
    source.write_text(source.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert template_problems(locales) != []
    monkeypatch.chdir(locales.parent)
    extract(locales / "vern.pot")
    pybabel("update", "-i", "locales/vern.pot", "-d", "locales", "-D", "vern", "--previous",
            "--ignore-pot-creation-date")
    with po_path(locales, "nn").open("rb") as stream:
        entry = read_po(stream).get(new, context="error_internal")
    assert entry.fuzzy
    assert f'#| msgid "{old}"\nmsgctxt "error_internal"' in po_path(locales, "nn").read_text(encoding="utf-8")
    assert entry.string == "Orsak, noko gjekk gale hjå oss. Prøv igjen om litt."  # kept for the translator
    assert template_problems(locales) == []
    assert language_problems(locales, "nn") == ["nn: error_internal is untranslated or fuzzy"]
    monkeypatch.setenv("LOCALES_DIR", str(locales))
    catalog.reset_catalogs()
    assert translate("error_internal", "nn") == new  # not the outdated words


def _doc_commands(heading: str) -> list[str]:
    """The shell lines of the doc section `heading`."""
    section = DOC.read_text(encoding="utf-8").split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S)
            for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_a_new_language_following_the_doc(locales: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Swedish, by the doc's steps: init from the template, translate the guardian bot's greeting, point Vern at
    the catalogs. The greeting comes out in Swedish; what is not translated yet, in English."""
    commands = _doc_commands("Add a language")
    monkeypatch.chdir(locales.parent)
    init = next(c for c in commands if c.startswith("pybabel init"))
    pybabel(*init.replace("<lang>", "sv").split()[1:])
    greeting = ("Hej! Det här är Vern, integritetsassistenten hos {controller}. Här kan du som förälder eller "
                "vårdnadshavare svara på samtycken som ditt barn ber om.")
    set_translation(po_path(locales, "sv"), "tg_welcome", greeting)
    compile_ = next(c for c in commands if c.startswith("pybabel compile"))
    pybabel(*compile_.split()[1:])
    assert language_problems(locales, "sv", complete=False) == []

    program = ("from bot.i18n import translate; "
               "print(translate('tg_welcome', 'sv', controller='Demo kommune')); print(translate('button_yes', 'sv'))")
    env = {**os.environ, "LOCALES_DIR": str(locales), "PYTHONPATH": str(PROJECT_ROOT)}
    said = subprocess.run([sys.executable, "-c", program], env=env, cwd=PROJECT_ROOT, capture_output=True,
                          text=True, check=True).stdout.splitlines()
    assert said == [greeting.format(controller="Demo kommune"), "Yes"]
