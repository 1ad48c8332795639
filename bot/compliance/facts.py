"""Everything the record and the DPIA say, read from where Vern keeps it, each fact with where it came from.

Nothing here is typed in for the documents: the controller and DPO come from the knowledge base, purposes
and legal bases from purposes.yml and the retention policy, stores from the data inventory, sub-processors
from their list, figures from docs/benchmarks.md. A fact that is missing stays missing (a TODO), never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.compliance.measured import Measurements, read_measurements
from bot.compliance.subprocessors import SubProcessor, load_subprocessors, services_in_use
from bot.config import PROJECT_ROOT, Settings
from bot.consent.purposes import Purpose, load_purposes
from bot.inventory.stores import STORES, Store
from bot.knowledge.base import own_facts, read_document
from bot.retention.policy import RetentionPolicy, load_policy, with_overrides


def shown_path(path: Path | str) -> str:
    """A path as the documents print it: relative to the repository when inside it, so the bytes are the
    same on every checkout."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Facts:
    settings: Settings
    knowledge: Mapping[str, str]  # controller, DPO and authority facts (bot.knowledge.base.own_facts)
    knowledge_source: str
    country: str
    purposes: Mapping[str, Purpose]
    purposes_source: str
    policy: RetentionPolicy
    policy_source: str
    stores: tuple[Store, ...]
    subprocessors: tuple[SubProcessor, ...]
    subprocessors_source: str
    in_use: Mapping[str, str]  # service -> the setting that puts it in use
    measured: Measurements


def gather(settings: Settings, policy_file: Path, purposes_file: Path) -> Facts:
    """The facts of this deployment. Raises the loaders' own errors (KnowledgeError, PolicyError,
    PurposeError, SubprocessorError), whose messages name the file and key."""
    document: Any = read_document(settings.knowledge_file)
    knowledge_source = shown_path(settings.knowledge_file)
    policy = with_overrides(load_policy(policy_file), settings.retention.mask_within_minutes,
                            settings.retention.masked_chat_days)
    return Facts(
        settings=settings,
        knowledge=own_facts(document if isinstance(document, Mapping) else {}, knowledge_source),
        knowledge_source=knowledge_source,
        country=str(document.get("country", "")) if isinstance(document, Mapping) else "",
        purposes=load_purposes(purposes_file),
        purposes_source=shown_path(purposes_file),
        policy=policy,
        policy_source=shown_path(policy_file),
        stores=STORES,
        subprocessors=load_subprocessors(settings.subprocessors_file),
        subprocessors_source=shown_path(settings.subprocessors_file),
        in_use=services_in_use(settings),
        measured=read_measurements(),
    )
