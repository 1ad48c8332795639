"""The admin's training loop on real parts: chats through the REST channel, the masking worker,
`vern training export` (both legal bases), `merge` into valid Rasa data, and `evaluate` refusing a
deliberately damaged candidate."""

from __future__ import annotations

import json
import random
import shutil
import string
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import redis
import yaml
from sqlalchemy import select

from bot.clock import FrozenClock, utc_now
from bot.config import PROJECT_ROOT, AgeBands
from bot.consent.models import ConsentRecord
from bot.consent.purposes import default_purposes
from bot.consent.service import ConsentService
from bot.db.engine import create_db_engine
from bot.i18n import translate
from bot.pii import chat_masker
from bot.retention.chat_stores import RedisChatLogStore
from bot.retention.leader import DatabaseLeaderLock
from bot.retention.policy import DEFAULT_POLICY_FILE, load_policy
from bot.retention.worker import RetentionWorker
from bot.training.lines import RARE, normal_form, tokens_of
from bot.training.nlu_data import read_examples, training_examples, vocabulary
from tests.e2e.test_fulfilment import request_and_verify
from tests.e2e.test_requests import code_for, new_address, new_chat
from tests.support.services import postgres_url, redis_url
from tests.support.stack import VernStack, post_json

COMMON = "hvordan kan jeg se hva kommunen vet om meg"
RESTRICTED_LINE = "hva gjør dere med opplysningene mine"
ERASED_LINE = "kan dere forklare hvordan samtykke fungerer"
WITHDRAWN_LINE = "hvor lenge lagrer dere samtalen"
CONSENTED_LINE = "hvordan kan jeg se samtykkene mine hos kommunen"
OURS = (COMMON, RESTRICTED_LINE, ERASED_LINE, WITHDRAWN_LINE, CONSENTED_LINE)
K = 5


def _letters(count: int) -> str:
    return "".join(random.choice(string.ascii_lowercase) for _ in range(count))


def vern(stack: VernStack, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", "training", *args], cwd=PROJECT_ROOT,
                          env={**stack.env, **env}, capture_output=True, text=True, timeout=900, check=False)


def give_training_consent(stack: VernStack, chat: str) -> str:
    address = new_address()
    stack.texts(chat, "dere kan bruke samtalen min til å trene assistenten")
    stack.texts(chat, "1980")  # the age first: the notice shown is the one for that age
    stack.texts(chat, "/affirm")
    stack.texts(chat, address)
    stack.texts(chat, code_for(stack, address))
    return address


def exported(result: subprocess.CompletedProcess[str], out: Path) -> tuple[dict, dict, str]:
    assert result.returncode == 0, result.stderr[-2000:]
    (review_file,) = sorted(out.glob("review-*.yml"))
    (tag_file,) = sorted(out.glob("review-*.purpose.json"))
    raw = review_file.read_text(encoding="utf-8") + tag_file.read_text(encoding="utf-8")
    return yaml.safe_load(review_file.read_text(encoding="utf-8")), json.loads(tag_file.read_text()), raw


def texts_of(review: dict) -> set[str]:
    return {normal_form(e["text"]) for entries in review["languages"].values() for e in entries}


@pytest.fixture(scope="module")
def masked_store(stack: VernStack, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Six ordinary chats with seeded personal values and a word of their own, plus a restricted
    person, an erased person, a withdrawn training consent and a kept one; then masking."""
    vocab = vocabulary(training_examples(PROJECT_ROOT / "data"))
    known = {normal_form(e.text) for e in training_examples(PROJECT_ROOT / "data")}
    for line in OURS:
        assert all(t in vocab for t in tokens_of(line)) and normal_form(line) not in known, line
    random.seed()
    seeded: list[str] = []
    chats: list[str] = []
    for _ in range(6):
        chat = new_chat()
        first, last = "Ingrid" + _letters(5), "Solbakken" + _letters(5)
        phone, word = random.choice("49") + "".join(random.choice(string.digits) for _ in range(7)), _letters(9)
        seeded += [first, last, phone, word]
        for message in (COMMON, f"jeg heter {first} {last}", f"ring meg på {phone}", f"jeg liker {word}"):
            stack.say(chat, message)
        chats.append(chat)

    def opening(chat: str, line: str) -> None:
        stack.texts(chat, line)
        stack.texts(chat, "avbryt")  # whatever the line started, the request below starts afresh

    restricted = new_chat()
    opening(restricted, RESTRICTED_LINE)
    done = request_and_verify(stack, restricted, "jeg vil at dere begrenser behandlingen av opplysningene mine",
                              ("a",), new_address())
    assert translate("subject_restricted", "nb") in done
    erased = new_chat()
    opening(erased, ERASED_LINE)
    request_and_verify(stack, erased, "Jeg vil at dere sletter alt dere har om meg", (), new_address())
    assert translate("subject_erased", "nb") in stack.texts(erased, "/confirm_erasure")
    withdrawn = new_chat()
    opening(withdrawn, WITHDRAWN_LINE)
    give_training_consent(stack, withdrawn)
    consented = new_chat()
    opening(consented, CONSENTED_LINE)
    give_training_consent(stack, consented)

    engine = create_db_engine(postgres_url())
    try:
        consents = ConsentService(engine, utc_now, stack.secret("SECRET_KEY").encode(), default_purposes(),
                                  AgeBands(), "Vern demo municipality")
        assert consents.active_conversation_keys("assistant-training") >= {
            consents.conversation_key(withdrawn), consents.conversation_key(consented)}
        with engine.connect() as connection:
            record_id = connection.execute(
                select(ConsentRecord.record_id).where(
                    ConsentRecord.conversation_key == consents.conversation_key(withdrawn))
            ).scalar_one()
        # The withdraw button, in the same chat right after giving it: effective at once.
        stack.texts(withdrawn, f'/confirm_withdraw_consent{{"consent_record": "{record_id}"}}')
        assert consents.get(record_id).status == "withdrawn"
        for chat in [*chats, restricted, withdrawn, consented]:
            assert post_json(f"{stack.web_url}/api/chat/end", {"sender": chat}).status == 200
        leader = DatabaseLeaderLock(engine, tmp_path_factory.mktemp("leader"))
        worker = RetentionWorker(
            engine, [RedisChatLogStore(redis.Redis.from_url(redis_url()))], load_policy(DEFAULT_POLICY_FILE),
            FrozenClock(utc_now() + timedelta(minutes=16)), chat_masker(), None, leader,
        )
        try:
            report = worker.run_once()
        finally:
            leader.release()
        assert report.leader and report.failed == 0 and report.masked >= 9, report
    finally:
        engine.dispose()
    return {"seeded": seeded}


def test_the_export_holds_the_allowed_lines_and_nothing_identifying(
    stack: VernStack, masked_store: dict[str, list[str]], tmp_path: Path
) -> None:
    result = vern(stack, "export", "--since", date.today().isoformat(), "--out", str(tmp_path), "--quiet")
    review, tag, raw = exported(result, tmp_path)
    lines = texts_of(review)
    assert {normal_form(COMMON), normal_form(CONSENTED_LINE), "ring meg på <number>", f"jeg liker {RARE}"} <= lines
    assert {"jeg heter <name>", "jeg heter <name> <name>"} & lines, "the annex's placeholders are kept"
    assert normal_form(RESTRICTED_LINE) not in lines, "a restricted person's chat is not used"
    assert normal_form(ERASED_LINE) not in lines, "an erased person's chat is gone"
    assert normal_form(WITHDRAWN_LINE) not in lines, "a withdrawn training consent is honoured at once"
    leaks = [value for value in masked_store["seeded"] if value.lower() in raw.lower()]
    assert leaks == [], "no seeded value and no word unique to one chat reaches the export"
    nb_lines = [normal_form(e["text"]) for e in review["languages"]["nb"]]
    assert nb_lines.count(normal_form(COMMON)) == 1, "six chats said it; it is exported once"
    assert tag["k"] == K and tag["k_reached"] >= K
    assert tag["counts"]["excluded_restricted"] >= 1 and tag["counts"]["excluded_by_consent"] >= 1
    assert tag["purpose"] == "vern:assistant-training" and tag["basis"] == "agreement"
    entry = next(e for e in review["languages"]["nb"] if normal_form(e["text"]) == normal_form(COMMON))
    assert entry["predicted"] and 0 <= entry["confidence"] <= 1

    # Merge the review as a reviewer leaves it: ordinary Rasa NLU data that Rasa's own validator accepts. The model
    # may be unsure of the line (access: the request or what the right means?); a reviewer settles it, and an
    # unsettled fallback would be left out of the merge.
    if entry["intent"] == "nlu_fallback":
        entry["intent"] = "request_access"
    (review_file,) = sorted(tmp_path.glob("review-*.yml"))
    review_file.write_text(yaml.safe_dump(review, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    merged = vern(stack, "merge", str(review_file), "--data", str(data))
    assert merged.returncode == 0, merged.stderr
    added = read_examples(data / "nlu" / "reviewed.yml")
    assert normal_form(COMMON) in {normal_form(example.text) for example in added}
    validate = subprocess.run([sys.executable, "-m", "rasa", "data", "validate", "--data", str(data), "--domain",
                               str(PROJECT_ROOT / "domain.yml")], cwd=PROJECT_ROOT, env=stack.env,
                              capture_output=True, text=True, timeout=600, check=False)
    assert validate.returncode == 0, validate.stdout[-2000:] + validate.stderr[-2000:]


def test_with_consent_as_the_basis_only_consented_chats_are_exported(
    stack: VernStack, masked_store: dict[str, list[str]], tmp_path: Path
) -> None:
    result = vern(stack, "export", "--since", date.today().isoformat(), "--out", str(tmp_path), "--quiet",
                  TRAINING_BASIS="consent")
    review, tag, _ = exported(result, tmp_path)
    lines = texts_of(review)
    assert normal_form(COMMON) not in lines, "no consent was given in the ordinary chats"
    assert normal_form(WITHDRAWN_LINE) not in lines
    assert tag["basis"] == "consent" and tag["legal_basis"] == "gdpr:art-6-1-a"
    # The consented chat is a single chat: its own words are generalised unless the vocabulary knows them.
    assert normal_form(CONSENTED_LINE) in lines
    assert "assistant-training" in default_purposes()


def test_a_damaged_candidate_is_measured_and_refused(stack: VernStack, tmp_path: Path,
                                                     trained_model: Path) -> None:
    data = tmp_path / "damaged"
    shutil.copytree(PROJECT_ROOT / "data", data)
    intents = sorted({e.intent for e in training_examples(data)})
    rotated = dict(zip(intents, intents[1:] + intents[:1], strict=True))
    for path in (data / "nlu").glob("*.yml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for block in document.get("nlu") or []:
            if "intent" in block:
                block["intent"] = rotated[block["intent"]]  # every example under the wrong intent
                # A third of them: the candidate only has to be measured, and it trains in a third of the time.
                examples = str(block.get("examples") or "").splitlines(keepends=True)
                block["examples"] = "".join(examples[::3])
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"] in ("DIETClassifier", "ResponseSelector"):
            component["epochs"] = 3  # a quick candidate: it only has to be measured, not to be good
    config_file = tmp_path / "config.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    before = trained_model.stat().st_mtime

    out = tmp_path / "evaluation"
    result = vern(stack, "evaluate", "--data", str(data), "--config", str(config_file), "--out", str(out),
                  "--promote")
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "NOT promoted" in report
    for language in ("all", "nb", "nn", "da", "en"):
        assert f"| macro F1 {language} |" in report
    assert (out / "macro_f1.png").read_bytes()[:4] == b"\x89PNG"
    figures = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert figures["current"]["all"] > 0.8 > figures["candidate"]["all"]
    assert trained_model.stat().st_mtime == before, "the serving model is untouched"
