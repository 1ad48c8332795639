"""Rasa graph components named in config.yml's pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.consent.purposes import Purpose, match_purpose
from bot.nlu.intent_guards import FALLBACK, corrected_intent
from bot.nlu.leading_greeting import without_leading_greeting

# Where the message as typed waits while the pipeline reads it without its greeting; not an output.
ORIGINAL_TEXT = "vern_text_as_typed"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class LeadingGreetingRemover(GraphComponent):
    """First in the pipeline: training examples and live messages lose their opening greeting alike,
    so "hei, <question>" is read as the question (bot/nlu/leading_greeting.py)."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LeadingGreetingRemover:
        return cls()

    @staticmethod
    def _strip(message: Message) -> None:
        text = message.get(TEXT)
        if isinstance(text, str) and text:
            stripped = without_leading_greeting(text)
            if stripped != text:
                message.set(ORIGINAL_TEXT, text)
                message.set(TEXT, stripped)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._strip(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._strip(message)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class LeadingGreetingRestorer(GraphComponent):
    """Last in the pipeline: the parsed message carries the text as typed again, greeting included,
    because the actions read it (language detection: "hej" or "hei" is a strong clue; free-text slots)."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LeadingGreetingRestorer:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            read = message.get(TEXT)  # what the classifiers read: the greeting is no part of an answer
            original = message.get(ORIGINAL_TEXT)
            if isinstance(original, str):
                message.set(TEXT, original)
            _apply_intent_guards(message, read)
        return messages


def _purposes() -> Mapping[str, Purpose]:
    try:
        from bot.wiring import services

        return services().purposes
    except Exception:  # noqa: BLE001 - unreadable purposes are reported at start-up; the guards just do less
        return {}


def _purpose_ids() -> frozenset[str]:
    return frozenset(_purposes())


def _consent_purpose_named(text: str) -> str | None:
    """The purpose given by consent that the message names ("nyhetsbrevet", "the filming"), if one does."""
    consented = {pid: p for pid, p in _purposes().items() if p.legal_basis == "dpv:Consent"}
    return match_purpose(text, consented)


def _retrieval_intent(message: Message) -> str | None:
    """The FAQ answer the response selector chose ("faq/cost"), if it ran."""
    selected = (message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}).get("faq") or {}
    key = (selected.get("response") or {}).get("intent_response_key")
    return key if isinstance(key, str) else None


def _apply_intent_guards(message: Message, text: Any) -> None:
    """The last step of the pipeline, after the classifiers and the fallback (bot/nlu/intent_guards.py), on the
    text they read ("hej, jeg er 16" is "jeg er 16"); the restorer carries it because adding a component to
    config.yml would make every deployment retrain."""
    intent = message.get(INTENT) or {}
    if not isinstance(text, str) or not isinstance(intent, dict):
        return
    ranking = message.get(INTENT_RANKING_KEY) or []
    corrected = corrected_intent(text, intent.get("name"), ranking, _purpose_ids(), _retrieval_intent(message),
                                 consent_purpose_named=_consent_purpose_named)
    if corrected is not None:
        # Not understood is as sure as the reading it replaces (Rasa's fallback takes its threshold likewise).
        confidence = next((entry.get("confidence") for entry in ranking if entry.get("name") == corrected),
                          intent.get("confidence", 1.0) if corrected == FALLBACK else 1.0)
        message.set(INTENT, {"name": corrected, "confidence": confidence}, add_to_output=True)
        # The ranking agrees with the intent: actions that weigh the runner-up read it.
        rest = [entry for entry in ranking if entry.get("name") != corrected]
        message.set(INTENT_RANKING_KEY, [{"name": corrected, "confidence": confidence}, *rest], add_to_output=True)
