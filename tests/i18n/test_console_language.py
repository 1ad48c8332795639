"""The console speaks CONSOLE_LANGUAGE: its templates and handlers take every word from the catalogs, and each
console word is translated in every language the console ships (CONSOLE_LANGUAGES)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.config import CONSOLE_LANGUAGES, PROJECT_ROOT, ConfigError, load_settings
from bot.i18n import MESSAGES
from bot.i18n.check import language_problems
from bot.web.templates import page_templates
from tests.i18n.conftest import po_path, set_translation

CONSOLE_CODE = [*sorted((PROJECT_ROOT / "bot/web/templates/console").glob("*.html")),
                *sorted((PROJECT_ROOT / "bot/web/console").glob("*.py"))]
KEY = re.compile(r"""\b(?:t|say)\((?:request, )?"(console_\w+)\"""")


def _page(language: str) -> str:
    admin = SimpleNamespace(is_admin=True, username="kari", role="admin")
    return page_templates().get_template("console/cases.html").render(
        language=language, title="x", account=admin, csrf="c", prefix="/console", filters=[], cases=[])


def test_the_console_renders_in_bokmal() -> None:
    page = _page("nb")
    assert '<html lang="nb">' in page
    for word in ("Saker", "Chatter", "Tilgangslogg", "Logg ut", "Filtrer", "Ingen saker.", "Vern-konsollen"):
        assert word in page, word
    assert "Log out" not in page and "No cases." not in page


def test_the_console_renders_in_english_by_default(tmp_path: Path) -> None:
    assert load_settings({"VERN_VAR_DIR": str(tmp_path)}).console_language == "en"
    page = _page("en")
    assert '<html lang="en">' in page and "Log out" in page and "No cases." in page


def test_only_a_shipped_console_language_can_be_chosen(tmp_path: Path) -> None:
    assert load_settings({"VERN_VAR_DIR": str(tmp_path), "CONSOLE_LANGUAGE": "NB"}).console_language == "nb"
    with pytest.raises(ConfigError, match="CONSOLE_LANGUAGE"):
        load_settings({"VERN_VAR_DIR": str(tmp_path), "CONSOLE_LANGUAGE": "nn"})


def test_every_console_word_the_code_uses_is_translated_in_every_console_language() -> None:
    used = {key for path in CONSOLE_CODE for key in KEY.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 30
    for key in sorted(used):
        assert set(CONSOLE_LANGUAGES) <= set(MESSAGES[key]), key


def test_a_console_word_missing_in_a_console_language_fails_the_check(locales: Path) -> None:
    set_translation(po_path(locales, "nb"), "console_log_out", "")
    assert language_problems(locales, "nb") == ["nb: console_log_out is untranslated or fuzzy"]
    assert language_problems(locales, "nn") == []  # not a console language: English meanwhile
