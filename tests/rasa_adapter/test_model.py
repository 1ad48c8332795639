"""Starting Rasa with a trained model never waits for someone else's training; a model appears only whole."""

from __future__ import annotations

import fcntl
import subprocess
import tarfile
import threading
from pathlib import Path
from typing import Any

import pytest

import bot.rasa_adapter.model as model
from bot.config import load_settings


@pytest.fixture()
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(model, "_ensure_card", lambda *_args: None)  # the card is written from data/, not tested here
    return load_settings({"MODELS_DIR": str(tmp_path / "models"), "VERN_VAR_DIR": str(tmp_path / "var")})


def test_an_existing_model_is_used_while_another_checkout_trains(settings: Any) -> None:
    target = model.model_path(settings)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"model")
    with open(settings.models_dir / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another checkout's `rasa train` holds the shared directory
        found: list[Path] = []
        worker = threading.Thread(target=lambda: found.append(model.ensure_model(settings)))
        worker.start()
        worker.join(timeout=10)
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert found == [target]


def test_training_writes_elsewhere_and_renames_the_whole_model(settings: Any, monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    seen_while_training: list[bool] = []

    def fake_train(command: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        out = Path(command[command.index("--out") + 1])
        name = command[command.index("--fixed-model-name") + 1]
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.tar.gz").write_bytes(b"model")  # where Rasa writes it for that name
        seen_while_training.append(model.model_path(settings).exists())
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(model.subprocess, "run", fake_train)
    target = model.ensure_model(settings)
    assert target == model.model_path(settings) and target.read_bytes() == b"model"
    assert seen_while_training == [False]  # not under the final name until it is complete
    assert sorted(p.name for p in settings.models_dir.glob("*.tar.gz")) == [target.name]


def test_a_failed_training_leaves_no_model(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_train(command: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        out = Path(command[command.index("--out") + 1])
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{command[command.index('--fixed-model-name') + 1]}.tar.gz").write_bytes(b"half")
        return subprocess.CompletedProcess(command, 1)

    monkeypatch.setattr(model.subprocess, "run", failing_train)
    with pytest.raises(RuntimeError, match="rasa train failed"):
        model.ensure_model(settings)
    assert list(settings.models_dir.glob("*.tar.gz")) == []


def _fake_training(calls: list[str]) -> Any:
    def train(command: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        out = Path(command[command.index("--out") + 1])
        out.mkdir(parents=True, exist_ok=True)
        with tarfile.open(out / f"{command[command.index('--fixed-model-name') + 1]}.tar.gz", "w:gz"):
            pass  # an empty archive stands in for the model
        calls.append("trained")
        return subprocess.CompletedProcess(command, 0)

    return train


@pytest.fixture()
def trainings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each `rasa train` the code under test starts, done by a stand-in that writes an empty archive."""
    calls: list[str] = []
    monkeypatch.setattr(model.subprocess, "run", _fake_training(calls))
    return calls


@pytest.fixture()
def two_checkouts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """Two clones of the same data: each its own MODELS_DIR, one model cache for the machine."""
    monkeypatch.setattr(model, "_ensure_card", lambda *_args: None)
    shared = {"MODEL_CACHE_DIR": str(tmp_path / "cache"), "VERN_VAR_DIR": str(tmp_path / "var")}
    return (load_settings({**shared, "MODELS_DIR": str(tmp_path / "first" / "models")}),
            load_settings({**shared, "MODELS_DIR": str(tmp_path / "second" / "models")}))


def test_a_second_clone_of_the_same_data_starts_without_training(
    two_checkouts: tuple[Any, Any], trainings: list[str]
) -> None:
    first, second = two_checkouts
    trained = model.ensure_model(first)
    reused = model.ensure_model(second)
    assert trainings == ["trained"]
    assert reused.parent == second.models_dir and reused.read_bytes() == trained.read_bytes()


def test_without_a_cache_every_clone_trains(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            trainings: list[str]) -> None:
    monkeypatch.setattr(model, "_ensure_card", lambda *_args: None)
    for clone in ("first", "second"):
        model.ensure_model(load_settings({"MODELS_DIR": str(tmp_path / clone), "VERN_VAR_DIR": str(tmp_path)}))
    assert trainings == ["trained", "trained"]
    assert not (tmp_path / "cache").exists()


def test_a_model_that_learnt_from_chat_lines_never_leaves_models_dir(
    two_checkouts: tuple[Any, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trainings: list[str]
) -> None:
    first, second = two_checkouts
    monkeypatch.setattr(model, "holds_chat_lines", lambda _root: True)  # data/nlu/reviewed.yml is there
    model.ensure_model(first)
    model.ensure_model(second)
    assert trainings == ["trained", "trained"]
    assert list((tmp_path / "cache").glob("*")) == []


def test_a_damaged_cached_model_is_trained_again(two_checkouts: tuple[Any, Any], trainings: list[str]) -> None:
    first, second = two_checkouts
    cached = model.cached_path(first, model.model_path(first))
    assert cached is not None
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"half a download")
    model.ensure_model(second)
    assert trainings == ["trained"]
    assert tarfile.is_tarfile(cached)  # replaced by the new training's model


def test_a_model_trained_before_the_cache_was_set_reaches_it(
    two_checkouts: tuple[Any, Any], trainings: list[str]
) -> None:
    first, second = two_checkouts
    existing = model.model_path(first)
    existing.parent.mkdir(parents=True)
    with tarfile.open(existing, "w:gz"):
        pass
    model.ensure_model(first)
    model.ensure_model(second)
    assert trainings == []
