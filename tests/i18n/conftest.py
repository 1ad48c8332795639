"""A copy of the shipped locales to change, and Vern's catalog cache reset around each test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.i18n.catalog import reset_catalogs

SHIPPED_LOCALES = PROJECT_ROOT / "locales"


@pytest.fixture(autouse=True)
def _fresh_catalogs() -> Iterator[None]:
    reset_catalogs()
    yield
    reset_catalogs()


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of locales/ (and babel.cfg beside it, as in the repository)."""
    shutil.copy(PROJECT_ROOT / "babel.cfg", tmp_path / "babel.cfg")
    return Path(shutil.copytree(SHIPPED_LOCALES, tmp_path / "locales"))


def po_path(locales: Path, language: str) -> Path:
    return locales / language / "LC_MESSAGES" / "vern.po"


def set_translation(path: Path, key: str, text: str) -> None:
    """What a translator does in a text editor: fill in the msgstr of the entry with msgctxt `key`."""
    content = path.read_text(encoding="utf-8")
    start = content.index(f'msgctxt "{key}"\n')
    at = content.index("\nmsgstr ", start) + 1
    end = content.find("\n\n", at)
    end = len(content) if end == -1 else end
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    path.write_text(content[:at] + f'msgstr "{escaped}"' + content[end:], encoding="utf-8")
