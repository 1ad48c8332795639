"""Withdrawing a consent from the list shown after the e-mail code: at once, checked on the server."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.dsr_common import language_of, say
from actions.names import ACTION_WITHDRAW_CONSENT
from bot.consent.purposes import purpose_title
from bot.consent.service import ConsentError, NotAllowed, RecordNotFound
from bot.dsr.factory import consent_service, consent_sessions

logger = logging.getLogger(__name__)


class ActionWithdrawConsent(Action):
    def name(self) -> str:
        return ACTION_WITHDRAW_CONSENT

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        record_id = next(iter(tracker.get_latest_entity_values("consent_record")), None)
        try:
            # Who may act is the server's session from the code check, never a slot.
            subject = consent_sessions().subject(tracker.sender_id)
        except Exception as error:  # noqa: BLE001 - fail closed, and say so
            logger.error("consent session unavailable (%s)", type(error).__name__)
            dispatcher.utter_message(text=say("service_unavailable", tracker))
            return []
        if subject is None:
            dispatcher.utter_message(text=say("consent_session_expired", tracker))
            return []
        if not record_id:
            dispatcher.utter_message(text=say("consent_not_yours", tracker))
            return []
        service = consent_service()
        try:
            record = service.get(str(record_id))
            if record.record_id not in {r.record_id for r in service.records_for(subject)}:
                raise NotAllowed("not this subject's consent")
            service.withdraw(record.record_id, subject, "web")
        except (RecordNotFound, NotAllowed):
            dispatcher.utter_message(text=say("consent_not_yours", tracker))
            return []
        except ConsentError:
            dispatcher.utter_message(text=say("service_unavailable", tracker))
            return []
        title = purpose_title(record.purpose_id, language_of(tracker))
        dispatcher.utter_message(text=say("consent_withdrawn", tracker, title=title))
        return []
