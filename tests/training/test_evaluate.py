"""The promotion gate: per-language macro F1 from Rasa's predictions, a table, a chart, and a refusal."""

from __future__ import annotations

from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.training.evaluate import HELDOUT_FILE, compare, score, write_report
from bot.training.lines import normal_form
from bot.training.nlu_data import read_examples, training_examples


def predicted(right: bool) -> list[dict]:
    """Rasa's output for the held-out set: every example right, or every Danish one wrong."""
    out = []
    for example in read_examples(HELDOUT_FILE):
        guess = example.intent if right or example.language != "da" else "out_of_scope"
        out.append({"text": example.text, "intent": example.intent, "intent_prediction": {"name": guess}})
    return out


def test_the_held_out_set_covers_every_language_and_never_overlaps_the_training_data() -> None:
    held = read_examples(HELDOUT_FILE)
    assert {e.language for e in held} == {"nb", "nn", "da", "en"}
    training = {(e.language, normal_form(e.text)) for e in training_examples(PROJECT_ROOT / "data")}
    assert [e.text for e in held if (e.language, normal_form(e.text)) in training] == []


def test_a_candidate_worse_in_one_language_is_refused_with_table_and_chart(tmp_path: Path) -> None:
    current, candidate = score(predicted(True), HELDOUT_FILE), score(predicted(False), HELDOUT_FILE)
    assert current.macro["nb"] == 1.0 and candidate.macro["da"] < 0.1 and candidate.macro["en"] == 1.0
    comparison = compare(current, candidate, margin=0.02)
    assert not comparison.promotable and "da" in comparison.worse and "nb" not in comparison.worse
    report, figures, picture = write_report(comparison, tmp_path)
    text = report.read_text(encoding="utf-8")
    assert "| macro F1 da | 1.000 |" in text and "NOT promoted" in text
    assert "| request_erasure |" in text, "per intent and language"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert figures.exists()


def test_an_equal_candidate_may_be_promoted(tmp_path: Path) -> None:
    scores = score(predicted(True), HELDOUT_FILE)
    comparison = compare(scores, scores, margin=0.0)
    assert comparison.promotable
    assert "may be promoted" in write_report(comparison, tmp_path)[0].read_text(encoding="utf-8")
