"""The one place where an action's failure becomes the person's words.

rasa-sdk answers an action that raises with HTTP 500; Rasa then logs the error and the person sees
nothing at all, as if Vern had stopped listening. Vern's executor catches it instead: the person is told
what the kind of failure means for them (bot.errors) in the chat's language, the conversation goes on
without the action's events (nothing half done is recorded), and the log gets the exception's type and the
action's name, never the tracker. Actions still catch what they can say better themselves.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from bot.errors import Unavailable, VernError, words_key
from bot.i18n import translate

logger = logging.getLogger(__name__)


def chat_language(action_call: dict[str, Any], default: str) -> str:
    tracker = action_call.get("tracker") or {}
    slots = tracker.get("slots") or {} if isinstance(tracker, dict) else {}
    language = slots.get("language") if isinstance(slots, dict) else None
    return language if isinstance(language, str) and language else default


class GuardedExecutor(ActionExecutor):
    def __init__(self, default_language: str) -> None:
        super().__init__()
        self.default_language = default_language

    async def run(self, action_call: Any) -> dict[str, Any] | None:
        try:
            result: dict[str, Any] | None = await super().run(action_call)
            return result
        except (ActionExecutionRejection, ActionNotFoundException):
            raise  # a form's rejection and an unknown action are Rasa's to handle
        except Exception as error:  # noqa: BLE001 - turned into words here, once for every action
            name = str(action_call.get("next_action") or "?") if isinstance(action_call, dict) else "?"
            if isinstance(error, Unavailable):
                logger.warning("action %s: %s", name, type(error).__name__)
            elif isinstance(error, VernError):
                logger.info("action %s: %s", name, type(error).__name__)
            else:
                logger.error("action %s failed (%s)", name, type(error).__name__)
            call = action_call if isinstance(action_call, dict) else {}
            words = translate(words_key(error), chat_language(call, self.default_language))
            return {"events": [], "responses": [failure_message(words)]}


def failure_message(text: str) -> dict[str, Any]:
    dispatcher = CollectingDispatcher()
    dispatcher.utter_message(text=text)
    message: dict[str, Any] = dispatcher.messages[0]
    return message


__all__ = ["GuardedExecutor", "chat_language", "failure_message"]
