"""From masked chats to training lines: nothing identifying, nothing unique to one chat, nothing twice."""

from __future__ import annotations

from bot import pii
from bot.training.lines import (
    RARE,
    ChatLine,
    LineReport,
    deduplicated,
    generalise_rare_tokens,
    user_lines,
    without_residual_pii,
)


def test_only_what_the_person_typed_is_taken() -> None:
    report = LineReport()
    transcript = [
        {"from": "you", "text": "hvordan sletter jeg kontoen min"},
        {"from": "Vern", "text": "Du kan be om sletting."},
        {"from": "you", "text": '/confirm_withdraw_consent{"consent_record": "x"}'},
        {"from": "you", "text": "EXTERNAL: EXTERNAL_guardian_answered"},
        {"from": "you", "text": "   "},
        {"from": "you", "text": "x" * 501},
    ]
    lines = user_lines("c1", "nb", transcript, report)
    assert [line.text for line in lines] == ["hvordan sletter jeg kontoen min"]
    assert report.lines_seen == 5 and report.dropped_other == 4


def test_a_line_the_detector_still_flags_is_dropped_and_counted() -> None:
    report = LineReport()
    lines = [ChatLine("c1", "nb", "ring meg på 912 34 567"), ChatLine("c2", "nb", "jeg heter <name>"),
             ChatLine("c3", "en", "write to kari.nordmann@example.org please")]
    kept = without_residual_pii(lines, pii.detect, report)
    assert [line.text for line in kept] == ["jeg heter <name>"], "placeholders are not personal data"
    assert report.dropped_pii_total == 2 and set(report.dropped_pii) >= {"email"}


def test_tokens_from_fewer_than_k_chats_become_rare_unless_the_training_data_knows_them() -> None:
    report = LineReport()
    lines = [ChatLine(f"c{i}", "nb", "slett kontoen min") for i in range(5)]
    lines.append(ChatLine("c9", "nb", "slett kontoen min på Zyxwvut-skolen"))
    out = generalise_rare_tokens(lines, vocabulary={"på"}, k=5, report=report)
    assert out[-1].text == f"slett kontoen min på {RARE}-{RARE}"
    assert report.tokens_replaced == 2
    assert report.k_reached == 6, "every remaining token outside the vocabulary is in at least k chats"


def test_placeholders_are_kept_however_rare() -> None:
    report = LineReport()
    out = generalise_rare_tokens([ChatLine("c1", "nb", "jeg heter <name>")], vocabulary={"jeg", "heter"}, k=5,
                                 report=report)
    assert out[0].text == "jeg heter <name>" and report.tokens_replaced == 0


def test_near_identical_lines_are_kept_once_per_language() -> None:
    report = LineReport()
    lines = [ChatLine("a", "nb", "Hva er innsyn?"), ChatLine("b", "nb", "hva er  innsyn"),
             ChatLine("c", "da", "hva er innsyn"), ChatLine("d", "nb", "!!!")]
    kept = deduplicated(lines, report)
    assert [(line.conversation_id, line.language) for line in kept] == [("a", "nb"), ("c", "da")]
    assert report.duplicates == 2
