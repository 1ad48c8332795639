"""Starting Rasa with a trained model never waits for someone else's training; a model appears only whole."""

from __future__ import annotations

import fcntl
import subprocess
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
