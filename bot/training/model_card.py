"""The purpose tag every trained model carries (AISVS C11: datasets and models carry their purpose).

A card sits beside the model file (`vern-<hash>.tar.gz` → `vern-<hash>.card.json`):
the purpose and legal basis of the training, the versions (content hashes) of
the retention policy and the purposes file in force, the lineage snapshot the
model was trained on (which pseudonymous chats are in it, so an erasure can find
the model) and, once evaluated, the evaluation table. `promote` refuses a model
whose card lacks any of these.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.training.lineage import lineage_file, snapshot

PURPOSE_TAG = "vern:assistant-training"
REQUIRED_FIELDS = ("purpose", "legal_basis", "policy_version", "purposes_version", "lineage", "evaluation")
REVIEWED_FILE = Path("nlu") / "reviewed.yml"


def card_path(model: Path) -> Path:
    return model.with_name(model.name.removesuffix(".tar.gz") + ".card.json")


def file_version(path: Path) -> str:
    """A file's version as its content hash: the card names exactly the rules in force."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def new_card(data_dir: Path, legal_basis: str, policy_file: Path, purposes_file: Path) -> dict[str, Any]:
    # The caller names the retention policy and purposes files in force: the policy's module reaches this package
    # (the forget list's housekeeping job), so this module does not import it back (tests/test_import_cycles.py).
    return {
        "purpose": PURPOSE_TAG,
        "legal_basis": legal_basis,
        "policy_version": file_version(policy_file),
        "purposes_version": file_version(purposes_file),
        "lineage": snapshot(lineage_file(data_dir / REVIEWED_FILE)),
        "evaluation": None,
    }


def write_card(model: Path, card: Mapping[str, Any]) -> Path:
    path = card_path(model)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(card, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


def read_card(model: Path) -> dict[str, Any] | None:
    path = card_path(model)
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def missing_fields(card: Mapping[str, Any] | None) -> list[str]:
    if card is None:
        return list(REQUIRED_FIELDS)
    return [name for name in REQUIRED_FIELDS if not card.get(name)]


def trained_sources(card: Mapping[str, Any] | None) -> set[str]:
    lineage = (card or {}).get("lineage") or {}
    return set(lineage.get("sources") or [])
