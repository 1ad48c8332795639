"""`vern training check | forget | status`, as an admin runs them."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.clock import utc_now
from bot.config import PROJECT_ROOT
from bot.db import migrate
from bot.db.engine import create_db_engine, get_engine
from bot.training.cli import add_training_commands
from bot.training.forget import ForgetList
from bot.training.lineage import source_id
from tests.training.test_forgetting import fake_model


def parser() -> argparse.ArgumentParser:
    vern = argparse.ArgumentParser(prog="vern")
    add_training_commands(vern.add_subparsers(dest="command", required=True))
    return vern


def test_check_passes_the_shipped_model(trained_model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = parser().parse_args(["training", "check", "--model", str(trained_model)])
    assert args.func(args) == 0
    assert " 0 refused" in capsys.readouterr().out


def test_status_names_the_model_trained_on_an_erased_chat_and_forget_takes_its_lines_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'vern.sqlite3'}"
    secret = "training-cli-secret-0123456789abcdef"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SECRET_KEY", secret)
    monkeypatch.setenv("MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    erased = source_id(secret.encode(), "erased-chat")
    fake_model(tmp_path / "models", "vern-serving", {erased})
    ForgetList(engine, secret.encode(), utc_now).add_chats(["erased-chat"], "erasure")

    args = parser().parse_args(["training", "status"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "FLAGGED vern-serving.tar.gz" in out and "within 30 days" in out

    data = tmp_path / "data"
    (data / "nlu").mkdir(parents=True)
    args = parser().parse_args(["training", "forget", "--data", str(data)])
    assert args.func(args) == 0
    assert "training lines removed" in capsys.readouterr().out
    assert PROJECT_ROOT.exists()
    engine.dispose()
    get_engine(url).dispose()


def test_evaluate_says_plainly_when_the_candidate_does_not_train_and_writes_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.training import evaluate

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'vern.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", "training-cli-secret-0123456789abcdef")
    monkeypatch.setenv("MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    fake_model(tmp_path / "models", "vern-serving", set())
    tested: list[Path] = []

    def test_of(model: Path, heldout: Path, out_dir: Path) -> list[dict[str, object]]:
        tested.append(model)  # the current model is tested while the candidate trains
        return []

    def failing_training(*_: object) -> Path:
        raise evaluate.EvaluationError("rasa train failed (1): out of memory")

    monkeypatch.setattr(evaluate, "predictions", test_of)
    monkeypatch.setattr(evaluate, "train_candidate", failing_training)
    out = tmp_path / "evaluation"
    args = parser().parse_args(["training", "evaluate", "--out", str(out)])
    assert args.func(args) == 2
    assert "Evaluation failed: rasa train failed (1): out of memory" in capsys.readouterr().err
    assert [model.name for model in tested] == ["vern-serving.tar.gz"]
    assert not (out / "report.md").exists()
