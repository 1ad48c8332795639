"""Which chats an export may read, what it writes, and how the review comes back as training data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import Engine

from bot.config import PROJECT_ROOT
from bot.models.conversation import Conversation
from bot.training.export import write_export
from bot.training.lines import ChatLine, LineReport
from bot.training.merge import ReviewError, merge
from bot.training.nlu_data import read_examples
from bot.training.sources import SourceReport, usable_chats
from tests.support.databases import migrated_sqlite

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
SINCE = datetime(2026, 10, 1, tzinfo=timezone.utc)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with migrated_sqlite(tmp_path / "training.sqlite3") as db:
        yield db


def chat(engine: Engine, cid: str, *, masked: bool = True, handed_off: bool = False, deleted: bool = False,
         ended: datetime = datetime(2026, 11, 1)) -> None:
    with engine.begin() as connection:
        connection.execute(Conversation.__table__.insert().values(
            conversation_id=cid, channel="rest", language="nb", started_at=ended, last_activity_at=ended,
            ended_at=ended, handed_off=handed_off, message_count=2, masked_at=ended if masked else None,
            deleted_at=ended if deleted else None,
        ))


def test_only_masked_bot_chats_of_the_period_not_restricted_and_with_consent_are_read(engine: Engine) -> None:
    chat(engine, "ok")
    chat(engine, "not-masked", masked=False)
    chat(engine, "handed-off", handed_off=True)
    chat(engine, "deleted", deleted=True)
    chat(engine, "too-old", ended=datetime(2026, 9, 1))
    chat(engine, "restricted")
    chat(engine, "no-consent")
    chats, report = usable_chats(engine, SINCE, NOW, {"restricted"}, lambda cid: cid != "no-consent", "nb",
                                 consent_required=True)
    assert [c.conversation_id for c in chats] == ["ok"]
    assert (report.masked_chats, report.excluded_restricted, report.excluded_by_consent) == (3, 1, 1)
    agreement, _ = usable_chats(engine, SINCE, NOW, set(), None, "nb")
    assert {c.conversation_id for c in agreement} == {"ok", "restricted", "no-consent"}


def test_the_review_puts_uncertain_lines_first_and_the_purpose_tag_says_what_was_done(tmp_path: Path) -> None:
    lines = [ChatLine("a", "nb", "hva er innsyn"), ChatLine("b", "nb", "hjelp meg med noe rart"),
             ChatLine("c", "en", "what is access")]
    predictions = [("explain_access", 0.97), ("out_of_scope", 0.88), ("explain_access", 0.91)]
    report = LineReport(lines_seen=9, duplicates=2, k=5, k_reached=7)
    sources = SourceReport(masked_chats=4, excluded_restricted=1, used=3, filters=["masked"])
    result = write_export(tmp_path, lines, predictions, sources, report, since=SINCE, until=NOW,
                          basis="agreement", legal_basis="gdpr:art-6-1-e", now=NOW,
                          pseudonym=lambda chat: f"src-{chat}")
    review = yaml.safe_load(result.review_file.read_text(encoding="utf-8"))
    assert [e["text"] for e in review["languages"]["nb"]] == ["hjelp meg med noe rart", "hva er innsyn"]
    assert review["languages"]["en"][0] == {"text": "what is access", "predicted": "explain_access",
                                            "confidence": 0.91, "intent": "explain_access", "sources": ["src-c"]}
    tag = json.loads(result.purpose_file.read_text(encoding="utf-8"))
    assert tag["purpose"] == "vern:assistant-training" and tag["legal_basis"] == "gdpr:art-6-1-e"
    assert tag["k"] == 5 and tag["k_reached"] == 7
    assert tag["counts"]["lines_exported"] == 3 and tag["counts"]["excluded_restricted"] == 1
    assert tag["source_period"]["from"].startswith("2026-10-01")


def review_file(tmp_path: Path, entries: dict[str, list[dict[str, str]]]) -> Path:
    path = tmp_path / "review.yml"
    path.write_text(yaml.safe_dump({"languages": entries}, allow_unicode=True), encoding="utf-8")
    return path


def copy_of_data(tmp_path: Path) -> Path:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    return data


def test_merge_adds_reviewed_lines_as_nlu_examples_and_skips_drops_and_known_ones(tmp_path: Path) -> None:
    data = copy_of_data(tmp_path)
    review = review_file(tmp_path, {
        "nb": [{"text": "kan dere slette alt om <name>", "intent": "request_erasure"},
               {"text": "blablabla", "intent": "drop"},
               {"text": "noe ingen rettet", "intent": "nlu_fallback"},
               {"text": "hva er innsynsrett", "intent": "explain_access"}],
        "en": [{"text": "what is <rare> consent", "intent": "explain_consent"}],
    })
    report = merge(review, data, PROJECT_ROOT / "domain.yml")
    assert (report.added, report.dropped, report.already_known) == (2, 2, 1)
    merged = read_examples(data / "nlu" / "reviewed.yml")
    assert {(e.intent, e.language, e.text) for e in merged} == {
        ("request_erasure", "nb", "kan dere slette alt om <name>"), ("explain_consent", "en", "what is <rare> consent")}
    again = merge(review, data, PROJECT_ROOT / "domain.yml")
    assert again.added == 0 and again.already_known == 3, "merging twice adds nothing"


def test_a_review_with_an_unknown_intent_is_refused_whole(tmp_path: Path) -> None:
    data = copy_of_data(tmp_path)
    review = review_file(tmp_path, {"nb": [{"text": "slett meg", "intent": "request_erasure"},
                                           {"text": "noe", "intent": "confirm_forget_chat"}]})
    with pytest.raises(ReviewError, match="confirm_forget_chat"):
        merge(review, data, PROJECT_ROOT / "domain.yml")
    assert not (data / "nlu" / "reviewed.yml").exists()
    with pytest.raises(ReviewError):
        merge(review_file(tmp_path, {"sv": [{"text": "hej", "intent": "greet"}]}), data, PROJECT_ROOT / "domain.yml")
