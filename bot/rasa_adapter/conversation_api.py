"""Speaking into a running conversation from outside it, through Rasa's HTTP API.

`trigger_intent` with the `latest` output channel makes Rasa run the intent's
rule on that conversation and deliver the replies wherever the person last
wrote from, so one call works for every channel."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

import aiohttp

from bot.config import Settings

EXTERNAL_GUARDIAN_ANSWERED = "EXTERNAL_guardian_answered"


class ConversationApiError(Exception):
    """Rasa did not take the intent; the message names only the status."""


class RasaConversationApi:
    def __init__(self, rasa_url: str, api_token: str, timeout_seconds: float = 15) -> None:
        self._base = rasa_url.rstrip("/")
        self._token = api_token
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    @classmethod
    def from_settings(cls, settings: Settings) -> RasaConversationApi:
        return cls(settings.rasa_url, settings.rasa_api_token.reveal())

    async def trigger_intent(self, conversation_id: str, intent: str) -> None:
        url = f"{self._base}/conversations/{quote(conversation_id, safe='')}/trigger_intent"
        # The token in a header, never in a URL (URLs end up in proxy and access logs).
        headers = {"Authorization": f"Bearer {self._token}"}
        async with aiohttp.ClientSession(timeout=self._timeout) as session, session.post(
            url, params={"output_channel": "latest"}, json={"name": intent, "entities": {}}, headers=headers
        ) as response:
            if response.status != 200:
                raise ConversationApiError(f"Rasa answered {response.status}")
            await response.read()


def guardian_answer_notifier(settings: Settings) -> Callable[[str], Awaitable[None]]:
    """Tells a child's conversation that a guardian answered (the action reads what, on the server)."""
    api = RasaConversationApi.from_settings(settings)

    async def notify(conversation_id: str) -> None:
        await api.trigger_intent(conversation_id, EXTERNAL_GUARDIAN_ANSWERED)

    return notify
