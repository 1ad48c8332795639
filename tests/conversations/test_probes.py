"""What Vern understands of first messages people write, per language, against the trained model.

Skipped when no model is trained for the current data (train with `python -m bot.cli model ensure`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.training.nlu_data import training_examples
from tests.conversations.probing import (
    HELDOUT,
    LANGUAGES,
    PROBES,
    Probe,
    accuracy_by_language,
    load_agent,
    read_probes,
    understood,
)

ROOT = Path(__file__).resolve().parents[2]
# Issue 16 asks 0.95 in every language (measured 2026-12-07 with the everyday-words examples, 6,309 in all:
# nb 1.000, nn 0.963, da 0.981, en 0.963).
PROBE_THRESHOLDS = {"nb": 0.95, "nn": 0.95, "da": 0.95, "en": 0.95}
# Never tuned on: a floor against regressions, the figure is reported. 25 lines per language since rights requests
# joined the FAQ questions (2026-12-06: nb 0.88, nn 0.92, da 0.88, en 0.76;
# 2026-12-07: nb 0.84, nn 0.88, da 0.96, en 0.88), so one line is 0.04.
HELDOUT_THRESHOLD = 0.70
MIN_PROBES = 200


def _key(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" ?!.,")


def test_probes_cover_every_language_and_topic_and_none_is_training_data() -> None:
    probes = read_probes(PROBES)
    heldout = read_probes(HELDOUT)
    assert len(probes) >= MIN_PROBES
    topics = {probe.expected for probe in probes if probe.expected.startswith("faq/")}
    for language in LANGUAGES:
        assert {p.expected for p in probes if p.language == language} >= topics, language
    trained = {_key(example.text) for example in training_examples(ROOT / "data")}
    copied = [p.text for p in probes + heldout if _key(p.text) in trained]
    assert not copied, copied
    assert not {_key(p.text) for p in heldout} & {_key(p.text) for p in probes}


@pytest.fixture(scope="module")
def model() -> Any:
    from bot.config import get_settings
    from bot.rasa_adapter.model import model_path

    path = model_path(get_settings())
    if not path.exists():
        pytest.skip(f"no model trained for the current data ({path.name}); run `python -m bot.cli model ensure`")
    return load_agent(path)


def _report(name: str, results: list[tuple[Probe, str]]) -> dict[str, float]:
    scores = accuracy_by_language(results)
    print(f"\n{name}: " + ", ".join(f"{lang} {scores[lang]:.3f}" for lang in LANGUAGES))
    for probe, label in results:
        if label != probe.expected:
            print(f"  {probe.language} {probe.expected:>24} <- {label:<24} {probe.text}")
    return scores


def test_probes_are_understood_in_every_language(model: Any) -> None:
    scores = _report("probes", understood(model, read_probes(PROBES)))
    assert all(scores[lang] >= PROBE_THRESHOLDS[lang] for lang in LANGUAGES), scores


def test_heldout_first_messages_generalise(model: Any) -> None:
    scores = _report("held out", understood(model, read_probes(HELDOUT)))
    assert all(scores[lang] >= HELDOUT_THRESHOLD for lang in LANGUAGES), scores


# The table in issue 16: what a new user typed and Vern did not understand (these are in the training data).
ISSUE_TABLE = [
    Probe("nb", "faq/complaint", "kan jeg klage til Datatilsynet?"),
    Probe("nb", "faq/answer_time", "hvor lang tid tar det før jeg får svar?"),
    Probe("nb", "faq/chat_data", "Hvor lenge lagrer dere denne chatten?"),
    Probe("nb", "faq/controller_dpo", "hvem er personvernombud?"),
    Probe("nb", "faq/chat_data", "hva skjer med det jeg skriver her?"),
    Probe("en", "faq/chat_data", "How long do you keep this chat?"),
    Probe("en", "faq/minors_consent", "my daughter is 12, can she agree to the school using her photos?"),
    Probe("nb", "faq/minors_consent", "datteren min er 14, må jeg samtykke for henne?"),
    Probe("da", "request_erasure", "hej, jeg vil gerne have slettet mine oplysninger, mit cpr er 010190-1234"),
    Probe("en", "ask_status", "what is the status of my case VRN-7F3K-Q2?"),
]


def test_the_questions_of_the_issue_are_understood(model: Any) -> None:
    wrong = [(probe.text, label) for probe, label in understood(model, ISSUE_TABLE) if label != probe.expected]
    assert not wrong, wrong


# A question ABOUT a right is explained (with the request offered as a button); a request starts the form.
ABOUT_OR_REQUEST = [
    Probe("nb", "explain_access", "hei, jeg har et spørsmål om innsyn"),
    Probe("en", "explain_erasure", "I have a question about erasure"),
    Probe("nb", "explain_consent", "jeg lurer på noe om samtykke"),
    Probe("nn", "explain_erasure", "hei, eg lurer på noko om sletting"),
    Probe("da", "explain_access", "hej, jeg har et spørgsmål om indsigt"),
    Probe("nb", "request_access", "jeg vil ha innsyn"),
    Probe("en", "request_erasure", "hi, I want my data erased"),
    Probe("da", "request_access", "jeg vil gerne have indsigt i mine oplysninger"),
]
GREETINGS = {"nb": "hei, ", "nn": "hei! ", "da": "hej, ", "en": "hi there, "}


def test_a_question_about_a_right_is_not_taken_as_the_request(model: Any) -> None:
    wrong = [(probe.text, label) for probe, label in understood(model, ABOUT_OR_REQUEST) if label != probe.expected]
    assert not wrong, wrong


def test_a_greeting_in_front_of_a_question_changes_nothing(model: Any) -> None:
    # Every topic and request, not only those whose training data happened to hold "hei, ..." examples.
    probes = [p for p in read_probes(PROBES) if p.expected != "greet" and len(p.text.split()) >= 2]
    plain = dict(understood(model, probes))
    greeted = [Probe(p.language, plain[p], GREETINGS[p.language] + p.text) for p in probes]
    changed = [(probe.text, label) for probe, label in understood(model, greeted) if label != probe.expected]
    assert not changed, changed
