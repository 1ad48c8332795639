"""Which chats each merged training line came from, without naming the chats.

AISVS C11 asks that an erasure or a withdrawal reaches the datasets and the
models trained on them. So every reviewed line in `data/nlu/reviewed.yml`
has an entry in a sidecar file beside it, `reviewed.lineage.jsonl` (Rasa does
not read `.jsonl`, and the model's fingerprint covers only YAML, so the
training data stays clean and lineage changes retrain nothing). An entry holds
the line's language, a hash of its normal form and the pseudonymous source ids
of every chat that produced it: a keyed hash of the chat id, useless without
Vern's secret, never the chat id itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.training.lines import normal_form

LINEAGE_SUFFIX = ".lineage.jsonl"
# Domain separation: the secret also keys subject keys, tokens and signatures.
_SOURCE_ID_PREFIX = b"vern-training-source-v1\x00"


def source_id(secret_key: bytes, conversation_id: str) -> str:
    """The pseudonymous id of a chat in training lineage (hex HMAC-SHA256, 32 characters)."""
    if not secret_key:
        raise ValueError("the secret key must be non-empty bytes")
    digest = hmac.new(secret_key, _SOURCE_ID_PREFIX + conversation_id.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:32]


def line_key(language: str, text: str) -> str:
    """What identifies a training line across export, merge and forgetting: language and normal form."""
    return hashlib.sha256(f"{language}\x00{normal_form(text)}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class LineageEntry:
    line: str  # line_key(language, text)
    language: str
    sources: frozenset[str]


def lineage_file(training_file: Path) -> Path:
    return training_file.with_name(training_file.name.removesuffix(".yml") + LINEAGE_SUFFIX)


def read_lineage(path: Path) -> dict[str, LineageEntry]:
    if not path.exists():
        return {}
    entries: dict[str, LineageEntry] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        record = json.loads(raw)
        entry = LineageEntry(str(record["line"]), str(record["language"]), frozenset(record["sources"]))
        previous = entries.get(entry.line)
        entries[entry.line] = entry if previous is None else LineageEntry(
            entry.line, entry.language, previous.sources | entry.sources)
    return entries


def write_lineage(path: Path, entries: Mapping[str, LineageEntry]) -> None:
    lines = [json.dumps({"line": e.line, "language": e.language, "sources": sorted(e.sources)}, sort_keys=True)
             for e in sorted(entries.values(), key=lambda e: e.line)]
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    os.replace(temporary, path)


def add_sources(entries: dict[str, LineageEntry], language: str, text: str, sources: Iterable[str]) -> None:
    key = line_key(language, text)
    previous = entries.get(key)
    merged = frozenset(sources) | (previous.sources if previous else frozenset())
    entries[key] = LineageEntry(key, language, merged)


def snapshot(path: Path) -> dict[str, object]:
    """What a model records about the lineage it was trained on: a digest and every source id in it."""
    entries = read_lineage(path)
    sources = sorted({source for entry in entries.values() for source in entry.sources})
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else hashlib.sha256(b"").hexdigest()
    return {"file": path.name, "sha256": digest, "lines": len(entries), "sources": sources}
