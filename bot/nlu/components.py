"""Rasa graph components named in config.yml's pipeline."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

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
            original = message.get(ORIGINAL_TEXT)
            if isinstance(original, str):
                message.set(TEXT, original)
        return messages
