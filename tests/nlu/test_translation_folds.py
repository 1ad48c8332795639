"""The grouped cross-validation keeps a sentence and its translations in one fold, so no language is scored on
lines whose nynorsk or Danish twin the fold's model trained on (bench/nlu_folds.py)."""

from __future__ import annotations

import numpy
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bench.nlu_folds import grouped_folds, translation_families


def _example(text: str, intent: str, *languages: str) -> tuple[str, str, frozenset[str]]:
    return text, intent, frozenset(languages)


def test_translations_of_one_sentence_are_one_family_and_other_sentences_are_not() -> None:
    examples = [
        _example("bare kontaktopplysningene", "inform", "nb"),
        _example("berre kontaktopplysningane", "inform", "nn"),
        _example("kun kontaktoplysningerne", "inform", "da"),
        _example("fødselsåret skal være 1987", "inform", "nb"),
        _example("just the contact details", "inform", "en"),
    ]
    families = translation_families(examples)
    assert families[0] == families[1] == families[2]
    assert len({families[0], families[3], families[4]}) == 3


def test_only_translations_link_not_paraphrases_in_one_language_or_other_intents() -> None:
    examples = [
        _example("jeg vil se dataene mine", "request_access", "nb"),
        _example("jeg vil se dataene mine nå", "request_access", "nb"),
        _example("eg vil sjå dataa mine", "request_access", "nn"),
        _example("kan jeg se dataene mine", "explain_access", "nb"),
    ]
    families = translation_families(examples)
    assert families[0] != families[1], "two bokmål lines are two examples, however alike"
    assert families[3] not in {families[0], families[1], families[2]}, "another intent is never a translation"


def test_a_family_is_held_out_whole() -> None:
    sentences = {
        "request_access": [("jeg vil se dataene mine", "eg vil sjå dataa mine", "jeg vil se mine data"),
                           ("send meg en kopi av alt", "send meg ein kopi av alt", "send mig en kopi af alt"),
                           ("gi meg en kopi av dataene", "gi meg ein kopi av dataa", "giv mig en kopi af dataene")],
        "request_erasure": [("slett alt om meg", "slett alt om meg no", "slet alt om mig"),
                            ("fjern dataene mine", "fjern dataa mine", "fjern mine data"),
                            ("jeg vil at dere sletter alt", "eg vil at de slettar alt", "jeg vil at i sletter alt")],
    }
    messages = [Message(data={"text": text, "intent": intent})
                for intent, rows in sentences.items() for row in rows for text in row]
    families = {text: row[0] for rows in sentences.values() for row in rows for text in row}
    languages = {text: frozenset({language})
                 for rows in sentences.values() for row in rows for text, language in zip(row, ("nb", "nn", "da"))}
    numpy.random.seed(0)
    folds = list(grouped_folds(3, TrainingData(training_examples=messages), languages))
    assert len(folds) == 3
    for train, test in folds:
        held_out = {families[message.get("text")] for message in test.intent_examples}
        trained = {families[message.get("text")] for message in train.intent_examples}
        assert held_out and not held_out & trained
