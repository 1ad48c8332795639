"""Reading and writing Rasa NLU YAML as Vern keeps it: one block per intent and language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.training.lines import tokens_of

REVIEWED_HEADER = (
    "Real user lines from masked chats, reviewed by an admin (vern training merge).\n"
    "Each passed the PII detector again and k-anonymity of tokens before review.\n"
    "Which chats each line came from (pseudonymously): reviewed.lineage.jsonl beside this file."
)


@dataclass(frozen=True)
class Example:
    intent: str
    language: str
    text: str


def read_examples(path: Path) -> list[Example]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for block in document.get("nlu") or []:
        if not isinstance(block, dict) or "intent" not in block:
            continue
        language = str((block.get("metadata") or {}).get("language") or "")
        for line in str(block.get("examples") or "").splitlines():
            stripped = line.strip()
            if stripped.startswith("- "):
                found.append(Example(str(block["intent"]), language, stripped[2:].strip()))
    return found


def training_examples(data_dir: Path) -> list[Example]:
    return [example for path in sorted((data_dir / "nlu").glob("*.yml")) for example in read_examples(path)]


def vocabulary(examples: list[Example]) -> set[str]:
    return {token for example in examples for token in tokens_of(example.text)}


def _quoted(text: str) -> str:
    # Block scalars keep text as typed; only a leading character YAML would misread needs quoting.
    return text if text[:1].isalnum() or text[:1] == "<" else yaml.safe_dump(text, allow_unicode=True).strip()


def write_examples(path: Path, examples: list[Example], header: str) -> None:
    blocks: dict[tuple[str, str], list[str]] = {}
    for example in examples:
        blocks.setdefault((example.intent, example.language), []).append(example.text)
    lines = ['version: "3.1"', "", *[f"# {line}" if line else "#" for line in header.splitlines()], "", "nlu:"]
    for (intent, language), texts in sorted(blocks.items()):
        lines += [f"- intent: {intent}", "  metadata:", f"    language: {language}", "  examples: |"]
        lines += [f"    - {_quoted(text)}" for text in texts]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
