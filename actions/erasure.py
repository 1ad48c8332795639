"""Art. 17 in the chat: the buttons under the erasure preview.

«Yes, delete everything» sends `/confirm_erasure`, which the channel answers
without the NLU (bot.rasa_adapter.erasure_turn); «No» is an ordinary `/deny`.
"""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.dsr_common import say
from bot.dsr.erasure_confirmation import CONFIRM_ERASURE_PAYLOAD


def erasure_buttons(tracker: Tracker) -> list[dict[str, str]]:
    return [{"title": say("erasure_confirm_button", tracker), "payload": CONFIRM_ERASURE_PAYLOAD},
            {"title": say("erasure_keep_button", tracker), "payload": "/deny"}]
