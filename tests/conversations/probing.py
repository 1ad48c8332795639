"""Runs single first messages through the live guard and the trained model's NLU, in-process.

Only the NLU part of the model is used (Rasa's Agent.parse_message), loaded once:
the whole stack is not needed to know what Vern understood. The guard runs first,
as in the channel, so a message with an ID number is parsed exactly as Rasa sees it.
"""

from __future__ import annotations

import asyncio
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.services.pii_warning import PiiGuard
from bot.verification.store import MemoryShortLivedStore

HERE = Path(__file__).resolve().parent
PROBES = HERE / "probes.yml"
HELDOUT = HERE / "heldout.yml"
LANGUAGES = ("nb", "nn", "da", "en")


@dataclass(frozen=True)
class Probe:
    language: str
    expected: str
    text: str


def read_probes(path: Path) -> list[Probe]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Probe(language, str(expected), str(text))
        for language, by_label in document.items()
        for expected, texts in by_label.items()
        for text in texts
    ]


def label_of(parsed: dict[str, Any]) -> str:
    """The intent, or `faq/<topic>` when the response selector chose a topic."""
    intent = str((parsed.get("intent") or {}).get("name") or "nlu_fallback")
    if intent != "faq":
        return intent
    chosen = (parsed.get("response_selector") or {}).get("faq") or {}
    return str((chosen.get("response") or {}).get("intent_response_key") or "faq")


def load_agent(model: Path) -> Any:
    """The trained model, loaded once; only its NLU is used."""
    from bot.rasa_adapter.model import rasa_environment

    for key, value in rasa_environment().items():
        os.environ.setdefault(key, value)
    from rasa.core.agent import Agent

    return Agent.load(str(model))


def understood(agent: Any, probes: list[Probe]) -> list[tuple[Probe, str]]:
    guard = PiiGuard(MemoryShortLivedStore(), b"probe-secret-key-000000000000000")

    async def run() -> list[tuple[Probe, str]]:
        found = []
        for probe in probes:
            seen = guard.inspect("probe", probe.text).text
            found.append((probe, label_of(await agent.parse_message(seen))))
        return found

    return asyncio.run(run())


def accuracy_by_language(results: list[tuple[Probe, str]]) -> dict[str, float]:
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for probe, label in results:
        total[probe.language] += 1
        right[probe.language] += label == probe.expected
    return {language: right[language] / total[language] for language in total}
