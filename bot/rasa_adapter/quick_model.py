"""A first start that answers in minutes: a quick model now, the full model when it is trained.

On a machine that has never trained the current data, the full model takes about ten minutes on two cores, and
almost all of it is DIET's transformer (docs/benchmarks.md, "Training time against NLU quality"). `vern dev`
(`make run`) therefore trains a quick model first, the same pipeline with DIET's transformer left out (about a
tenth of DIET's time), starts Vern with it, trains the full model beside it, and swaps it in through Rasa's own
`PUT /model` without a restart. Until then answers are less accurate (the cross-validated F1 of the quick model is
in docs/benchmarks.md), which the terminal says.

Only `vern dev` does this, and only when nothing better is at hand: never when the full model exists or the model
cache holds it, never when the data holds reviewed chat lines (a model that learnt from people's chats must stay
where erasure and the forget list reach it, and only `vern model ensure` writes those), and never with
`QUICK_START=off`. Production images train the full model at build time (`vern model ensure`).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from bot.config import PROJECT_ROOT, Settings
from bot.rasa_adapter.model import (
    cached_path,
    holds_chat_lines,
    model_path,
    rasa_environment,
    train_model,
    training_fingerprint,
)

logger = logging.getLogger(__name__)

QUICK_PREFIX = "quick-"
# What makes the model quick: DIET without its transformer. Everything else is config.yml's, so the featurizers and
# the FAQ selector the quick training produces are the ones the full training restores from Rasa's cache.
DIET_OVERRIDES: dict[str, Any] = {"number_of_transformer_layers": 0}


def quick_model_path(settings: Settings, root: Path = PROJECT_ROOT) -> Path:
    return settings.models_dir / f"{QUICK_PREFIX}{training_fingerprint(root)}.tar.gz"


def wants_quick_start(settings: Settings, root: Path = PROJECT_ROOT) -> bool:
    """Would the first answer otherwise wait for a full training?"""
    if not settings.quick_start or holds_chat_lines(root):
        return False
    full = model_path(settings, root)  # hashes the training data: once
    cached = cached_path(settings, full, root)
    return not full.exists() and (cached is None or not cached.exists())


def quick_config(config: dict[str, Any]) -> dict[str, Any]:
    """config.yml with DIET's transformer left out; nothing else changes."""
    pipeline = [dict(step, **DIET_OVERRIDES) if step.get("name") == "DIETClassifier" else dict(step)
                for step in config.get("pipeline") or []]
    if not any(step.get("name") == "DIETClassifier" for step in pipeline):
        raise ValueError("config.yml has no DIETClassifier; a quick model would be the full one")
    return {**config, "pipeline": pipeline}


def ensure_quick_model(settings: Settings, root: Path = PROJECT_ROOT) -> Path:
    target = quick_model_path(settings, root)
    if target.exists():
        return target
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    config = quick_config(yaml.safe_load((root / "config.yml").read_text(encoding="utf-8")))
    written = settings.models_dir / f".{QUICK_PREFIX}config.yml"
    written.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    try:
        train_model(settings, root, written, target)
    finally:
        written.unlink(missing_ok=True)
    return target


def remove_quick_models(settings: Settings) -> None:
    for old in settings.models_dir.glob(f"{QUICK_PREFIX}*.tar.gz"):
        old.unlink(missing_ok=True)


def load_into_rasa(settings: Settings, model: Path, timeout: float = 300.0) -> None:
    """Rasa's `PUT /model`: the running server loads `model` and answers with it from the next message on; the
    conversations stay where they are (the tracker store is not the model's)."""
    token = urllib.parse.quote(settings.rasa_api_token.reveal(), safe="")
    request = urllib.request.Request(
        f"http://127.0.0.1:{settings.rasa_port}/model?token={token}", method="PUT",
        data=json.dumps({"model_file": str(model)}).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310 - the local Rasa server
            if reply.status not in (200, 204):
                raise RuntimeError(f"Rasa answered {reply.status} to loading the model")
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"Rasa answered {error.code} to loading the model") from None
    except (urllib.error.URLError, OSError) as error:
        raise RuntimeError(f"Rasa could not be reached to load the model ({error})") from None


class FullModelTraining:
    """`vern model ensure` beside a Vern that answers with the quick model, and the swap when it is done."""

    def __init__(self, settings: Settings, root: Path = PROJECT_ROOT) -> None:
        self._settings = settings
        self._root = root
        self.log_path = settings.var_dir / "full-model-training.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            # Its own session: Ctrl-C in the terminal reaches `vern dev`, which stops it in order.
            self._process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "model", "ensure"], cwd=self._root, env=rasa_environment(),
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def poll(self) -> str | None:
        """None while it trains; then what happened, once, in a sentence for the terminal."""
        if self._process is None or self._process.poll() is None:
            return None
        code, self._process = self._process.returncode, None
        if code != 0:
            return (f"training the full model failed (exit code {code}, see {self.log_path}); Vern keeps answering "
                    "with the quick model. `vern model ensure` trains it again.")
        try:
            load_into_rasa(self._settings, model_path(self._settings, self._root))
        except RuntimeError as error:
            return f"the full model is trained but Rasa did not load it ({error}); restart `make run` to use it."
        remove_quick_models(self._settings)
        return "the full model is trained and in use."

    def stop(self) -> None:
        """Stops `vern model ensure` and the `rasa train` it started: its session is their process group."""
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait()
