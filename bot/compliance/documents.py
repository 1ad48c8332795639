"""The documents under docs/compliance/: the record and the DPIA draft of the shipped demo configuration.

`vern compliance docs` writes them; `--check` (and tests/compliance) fails when they differ from what the
code, the shipped files and docs/benchmarks.md say now, as `vern inventory docs` does for the inventory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.compliance.dpia import build_dpia
from bot.compliance.facts import Facts, gather
from bot.compliance.record import build_record
from bot.compliance.render import render
from bot.compliance.words import DOCUMENT_LANGUAGES
from bot.config import PROJECT_ROOT, Settings, load_settings
from bot.consent.purposes import DEFAULT_FILE as DEFAULT_PURPOSES
from bot.retention.policy import DEFAULT_POLICY_FILE

DOCS_DIR = PROJECT_ROOT / "docs" / "compliance"
BUILDERS: dict[str, Callable[[Facts, str], dict[str, Any]]] = {"record": build_record, "dpia": build_dpia}
FORMATS = {"md": "md", "json": "json"}


def demo_settings() -> Settings:
    """The shipped demo configuration: every default, fixed secrets so nothing is generated or written."""
    return load_settings({"VERN_VAR_DIR": str(PROJECT_ROOT / "var"), "SECRET_KEY": "demo-configuration-secret-key",
                          "RASA_API_TOKEN": "demo-configuration-rasa-token",
                          "ACTION_SERVER_SECRET": "demo-configuration-action-secret"})


def demo_facts() -> Facts:
    return gather(demo_settings(), DEFAULT_POLICY_FILE, DEFAULT_PURPOSES)


def expected(facts: Facts | None = None) -> dict[Path, str]:
    """Every committed document, by path, as the code renders it now."""
    facts = facts or demo_facts()
    pages = {}
    for name, build in BUILDERS.items():
        for lang in DOCUMENT_LANGUAGES:
            document = build(facts, lang)
            for fmt in FORMATS:
                pages[DOCS_DIR / f"{name}.{lang}.{fmt}"] = render(document, fmt)
    return pages


def stale(directory: Path = DOCS_DIR) -> list[Path]:
    """The committed documents that differ from the code (or are missing)."""
    out = []
    for path, text in expected().items():
        target = directory / path.name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            out.append(target)
    return out


def write(directory: Path = DOCS_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for path, text in expected().items():
        target = directory / path.name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
