"""What the bot should say, read from domain.yml, so tests compare exact replies."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from bot.config import PROJECT_ROOT, load_settings


@lru_cache(maxsize=1)
def _responses() -> dict[str, Any]:
    with open(PROJECT_ROOT / "domain.yml", encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle)["responses"])


def expected(response: str, language: str) -> str:
    """The text of `response` in `language`, with the controller's slots filled."""
    settings = load_settings()
    for variation in _responses()[response]:
        conditions = variation.get("condition") or []
        if any(c.get("name") == "language" and c.get("value") == language for c in conditions):
            return str(variation["text"]).format(
                controller_name=settings.controller_name,
                controller_contact=settings.controller_contact,
            )
    raise KeyError(f"{response} has no {language} variation")


def response_names() -> list[str]:
    return sorted(_responses())
