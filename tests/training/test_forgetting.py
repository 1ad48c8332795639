"""Training that forgets (AISVS C11): lineage, the forget list, flagged models, purpose tags, reopened chats."""

from __future__ import annotations

import json
import tarfile
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import Engine

from bot.config import PROJECT_ROOT
from bot.models.conversation import Conversation
from bot.retention.erasure import ChatEraser
from bot.training.evaluate import PromotionRefused, promote
from bot.training.forget import ForgetList, forget_lines, model_statuses
from bot.training.lineage import lineage_file, read_lineage, source_id
from bot.training.merge import merge
from bot.training.model_card import card_path, new_card, write_card
from bot.training.nlu_data import read_examples
from bot.training.sources import usable_chats
from tests.support.databases import migrated_sqlite

SECRET = b"test-secret-key-for-lineage-0123456789"
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with migrated_sqlite(tmp_path / "forget.sqlite3") as db:
        yield db


def copy_of_data(tmp_path: Path) -> Path:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    return data


def reviewed(tmp_path: Path, lines: list[tuple[str, str, list[str]]]) -> Path:
    """A review file as `vern training export` writes it: each line with its chats' source ids."""
    by_language: dict[str, list[dict[str, object]]] = {}
    for language, text, chats in lines:
        by_language.setdefault(language, []).append({
            "text": text, "intent": "request_erasure", "sources": sorted(source_id(SECRET, c) for c in chats)})
    path = tmp_path / "review.yml"
    path.write_text(yaml.safe_dump({"languages": by_language}, allow_unicode=True), encoding="utf-8")
    return path


def fake_model(models: Path, name: str, sources: set[str], *, card: bool = True, checked: bool = True) -> Path:
    models.mkdir(parents=True, exist_ok=True)
    model = models / f"{name}.tar.gz"
    with tarfile.open(model, "w:gz"):
        pass
    if card:
        tag = new_card(PROJECT_ROOT / "data", "gdpr:art-6-1-e", PROJECT_ROOT / "bot/retention/policy.yml",
                       PROJECT_ROOT / "bot/consent/purposes.yml")
        tag["lineage"]["sources"] = sorted(sources)
        tag["evaluation"] = {"candidate": {"all": 0.95}} if checked else None
        tag["vocabulary_check"] = {"acceptable": checked}
        write_card(model, tag)
    return model


def test_merged_lines_keep_pseudonymous_lineage_beside_clean_rasa_yaml(tmp_path: Path) -> None:
    data = copy_of_data(tmp_path)
    merge(reviewed(tmp_path, [("nb", "kan dere slette alt om <name>", ["chat-a", "chat-b"]),
                              ("en", "please wipe my account", ["chat-c"])]), data, PROJECT_ROOT / "domain.yml")
    target = data / "nlu" / "reviewed.yml"
    text = target.read_text(encoding="utf-8")
    assert "chat-a" not in text and "sources" not in text, "Rasa's YAML stays clean"
    lineage = lineage_file(target)
    assert lineage.name == "reviewed.lineage.jsonl"
    raw = lineage.read_text(encoding="utf-8")
    assert "chat-a" not in raw, "lineage names chats only by a keyed hash"
    sources = {s for entry in read_lineage(lineage).values() for s in entry.sources}
    assert sources == {source_id(SECRET, c) for c in ("chat-a", "chat-b", "chat-c")}


def test_an_erased_persons_merged_lines_leave_the_data_and_flag_the_model_until_a_retrained_one_is_promoted(
        tmp_path: Path, engine: Engine) -> None:
    data = copy_of_data(tmp_path)
    merge(reviewed(tmp_path, [("nb", "slett alt dere har om meg takk", ["erased-chat"]),
                              ("da", "slet venligst mine oplysninger", ["other-chat"])]), data,
          PROJECT_ROOT / "domain.yml")
    models = tmp_path / "models"
    trained = {source_id(SECRET, "erased-chat"), source_id(SECRET, "other-chat")}
    current = fake_model(models, "vern-current", trained)

    # The erasure of the chat puts it on the forget list (the hook `chat_eraser()` installs).
    forget = ForgetList(engine, SECRET, lambda: NOW)
    ChatEraser([], engine, lambda: NOW, forget_hooks=[forget.forget_erased_chat]).erase(["erased-chat"])
    assert set(forget.entries()) == {source_id(SECRET, "erased-chat")}

    result = forget_lines(data, set(forget.entries()))
    assert (result.lines_removed, result.lines_kept) == (1, 1)
    texts = {e.text for e in read_examples(data / "nlu" / "reviewed.yml")}
    assert texts == {"slet venligst mine oplysninger"}

    later = NOW + timedelta(days=10)
    [status] = model_statuses(models, forget.entries(), days=30)
    assert status.flagged and status.forgotten_sources == 1 and status.days_left(later) == 20

    # A model trained on the same data again still holds the chat: it cannot be promoted.
    candidates = tmp_path / "candidates"
    with pytest.raises(PromotionRefused, match="forgotten"):
        promote(fake_model(candidates, "vern-stale", trained), models, set(forget.entries()))
    retrained = fake_model(candidates, "vern-retrained", {source_id(SECRET, "other-chat")})
    promote(retrained, models, set(forget.entries()))
    statuses = model_statuses(models, forget.entries(), days=30)
    assert [(s.model.name, s.flagged) for s in statuses] == [("vern-retrained.tar.gz", False)]
    assert not current.exists() and not card_path(current).exists(), "the flagged model is gone"


def test_promote_refuses_a_model_without_a_purpose_tag_or_a_passed_vocabulary_check(tmp_path: Path) -> None:
    candidates, models = tmp_path / "candidates", tmp_path / "models"
    with pytest.raises(PromotionRefused, match="purpose"):
        promote(fake_model(candidates, "vern-untagged", set(), card=False), models)
    with pytest.raises(PromotionRefused):
        promote(fake_model(candidates, "vern-unchecked", set(), checked=False), models)
    assert not list(models.glob("*.tar.gz"))
    card = json.loads(card_path(promote(fake_model(candidates, "vern-ok", set()), models)).read_text())
    assert card["purpose"] == "vern:assistant-training"
    assert card["policy_version"].startswith("sha256:") and card["purposes_version"].startswith("sha256:")
    assert "sha256" in card["lineage"] and card["evaluation"]


def test_a_chat_reopened_after_masking_is_not_exported_until_it_is_masked_again(engine: Engine) -> None:
    # Fails on main before this change: the reopened chat's newest turns were exported unmasked.
    masked, ended_again = datetime(2026, 11, 1, 10, 0), datetime(2026, 11, 1, 11, 0)
    with engine.begin() as connection:
        for cid, masked_at, ended_at in (("masked", masked, masked - timedelta(minutes=5)),
                                         ("reopened", masked, ended_again)):
            connection.execute(Conversation.__table__.insert().values(
                conversation_id=cid, channel="rest", language="nb", started_at=masked - timedelta(hours=1),
                last_activity_at=ended_at, ended_at=ended_at, handed_off=False, message_count=4,
                masked_at=masked_at))
    chats, _ = usable_chats(engine, datetime(2026, 10, 1, tzinfo=timezone.utc), NOW, set(), None, "nb")
    assert [c.conversation_id for c in chats] == ["masked"]


def test_withdrawn_training_consent_restriction_and_objection_reach_the_forget_list(engine: Engine) -> None:
    from bot.training.forget import chats_to_forget

    with engine.begin() as connection:
        for cid in ("withdrew", "restricted", "kept"):
            connection.execute(Conversation.__table__.insert().values(
                conversation_id=cid, channel="rest", language="nb", started_at=NOW.replace(tzinfo=None),
                last_activity_at=NOW.replace(tzinfo=None), handed_off=False, message_count=1))
    wanted = chats_to_forget(engine, {"restricted"}, {"objected"}, lambda chat: chat == "withdrew")
    forget = ForgetList(engine, SECRET, lambda: NOW)
    added = sum(forget.add_chats(chats, reason) for reason, chats in wanted.items())
    assert added == 3
    assert set(forget.entries()) == {source_id(SECRET, c) for c in ("withdrew", "restricted", "objected")}
    assert sum(forget.add_chats(chats, reason) for reason, chats in wanted.items()) == 0, "kept once"
