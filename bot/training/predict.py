"""What the current model makes of each line: intent and confidence, from Rasa's own parser."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path

FALLBACK_INTENTS = ("nlu_fallback", "out_of_scope")
Progress = Callable[[int, int], None]


def predict_intents(model: Path, texts: Sequence[str], progress: Progress | None = None) -> list[tuple[str, float]]:
    """Loads Rasa in this process: the caller has set Rasa's environment (bot.rasa_adapter.model.rasa_environment)."""
    from rasa.core.agent import Agent

    async def run() -> list[tuple[str, float]]:
        agent = Agent.load(str(model))
        found = []
        for index, text in enumerate(texts, start=1):
            parsed = await agent.parse_message(text)
            intent = parsed.get("intent") or {}
            found.append((str(intent.get("name") or "nlu_fallback"), round(float(intent.get("confidence") or 0), 4)))
            if progress is not None:
                progress(index, len(texts))
        return found

    return asyncio.run(run())
