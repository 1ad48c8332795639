"""The quick first start (bot/rasa_adapter/quick_model.py): when it happens, what the quick model leaves out, and the
swap to the full model in a running Rasa without a restart."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

import bot.rasa_adapter.model as model
import bot.rasa_adapter.quick_model as quick
from bot.config import PROJECT_ROOT, load_settings
from tests.support.stack import VernStack, http


def _settings(tmp_path: Path, **extra: str) -> Any:
    return load_settings({"MODELS_DIR": str(tmp_path / "models"), "VERN_VAR_DIR": str(tmp_path / "var"),
                          "MODEL_CACHE_DIR": str(tmp_path / "cache"), **extra})


def test_only_a_machine_without_the_model_starts_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(tmp_path)
    assert quick.wants_quick_start(settings)
    assert not quick.wants_quick_start(_settings(tmp_path, QUICK_START="off"))

    cached = model.cached_path(settings, model.model_path(settings))
    assert cached is not None
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"model")
    assert not quick.wants_quick_start(settings), "the cache's copy starts in seconds"
    cached.unlink()

    monkeypatch.setattr(quick, "holds_chat_lines", lambda _root: True)
    assert not quick.wants_quick_start(settings), "a model that learnt from chats is only ever the full one"
    monkeypatch.setattr(quick, "holds_chat_lines", lambda _root: False)

    target = model.model_path(settings)
    target.parent.mkdir(parents=True)
    target.write_bytes(b"model")
    assert not quick.wants_quick_start(settings)


def test_the_quick_model_leaves_out_only_diets_transformer() -> None:
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    quicker = quick.quick_config(config)
    changed = [(before, after) for before, after in zip(config["pipeline"], quicker["pipeline"], strict=True)
               if before != after]
    assert [(before["name"], {k: v for k, v in after.items() if before.get(k) != v}) for before, after in changed] == [
        ("DIETClassifier", {"number_of_transformer_layers": 0})]
    assert quicker["policies"] == config["policies"] and quicker["language"] == config["language"]
    with pytest.raises(ValueError):
        quick.quick_config({"pipeline": [{"name": "WhitespaceTokenizer"}]})


def test_the_quick_model_is_trained_under_its_own_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(tmp_path)
    seen: dict[str, Any] = {}

    def fake_train(_settings: Any, _root: Path, config: Path, target: Path) -> None:
        seen["config"] = yaml.safe_load(config.read_text(encoding="utf-8"))
        target.write_bytes(b"quick")

    monkeypatch.setattr(quick, "train_model", fake_train)
    made = quick.ensure_quick_model(settings)
    assert made.name.startswith("quick-") and made.read_bytes() == b"quick"
    assert not model.model_path(settings).exists(), "nothing that looks for the full model finds the quick one"
    diet = next(step for step in seen["config"]["pipeline"] if step["name"] == "DIETClassifier")
    assert diet["number_of_transformer_layers"] == 0
    assert not list(settings.models_dir.glob(".*.yml")), "the derived config is not left behind"
    quick.remove_quick_models(settings)
    assert not made.exists()


def test_a_running_rasa_takes_the_full_model_and_the_chat_goes_on(stack: VernStack, trained_model: Path,
                                                                   tmp_path: Path) -> None:
    token = stack.secret("RASA_API_TOKEN")
    full = tmp_path / "models" / f"vern-{uuid.uuid4().hex[:8]}.tar.gz"  # what the full training wrote
    full.parent.mkdir(parents=True)
    shutil.copyfile(trained_model, full)
    settings = _settings(tmp_path, RASA_PORT=str(stack.ports["rasa"]), RASA_API_TOKEN=token)

    chat = f"swap-{uuid.uuid4().hex}"
    assert stack.say(chat, "hei")
    try:
        quick.load_into_rasa(settings, full)
        assert Path(http("GET", f"{stack.rasa_url}/status?token={token}").body["model_file"]).name == full.name
        assert stack.texts(chat, "hva kan du hjelpe meg med?"), "the same chat answers after the swap"
        tracker = http("GET", f"{stack.rasa_url}/conversations/{chat}/tracker?token={token}").body
        assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == ["hei", "hva kan du hjelpe meg med?"]
    finally:
        quick.load_into_rasa(settings, trained_model)


def test_a_rasa_that_refuses_the_model_is_said_plainly(stack: VernStack, tmp_path: Path) -> None:
    settings = _settings(tmp_path, RASA_PORT=str(stack.ports["rasa"]), RASA_API_TOKEN="not-the-token")
    with pytest.raises(RuntimeError, match="401"):
        quick.load_into_rasa(settings, tmp_path / "missing.tar.gz")


def test_the_bench_scores_the_quick_model_that_make_run_trains() -> None:
    # docs/benchmarks.md gives the quick model's F1 from bench/data/nlu_configs/quick.yml: it must be that model.
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    scored = yaml.safe_load((PROJECT_ROOT / "bench" / "data" / "nlu_configs" / "quick.yml").read_text(encoding="utf-8"))
    assert scored["pipeline"] == quick.quick_config(config)["pipeline"]
