"""Training the Rasa model only when its inputs changed.

A model is named after a hash of everything that shapes it (data/, domain.yml,
config.yml and the Rasa version), so `make run` and the test suite reuse the
model until the training data changes, and train at most once per change.

With `MODEL_CACHE_DIR` set (`make` sets it), a model trained on the repository's
data alone is also kept there, under that hash and the hash of the locked
packages, so another checkout of the same data (a fresh clone, a worktree, a
`make clean`) starts without training. A model that learnt from reviewed chat
lines never goes there: its erasure and the forget list reach only `MODELS_DIR`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

from bot.config import PROJECT_ROOT, Settings, child_environment
from bot.private_files import exclusive

logger = logging.getLogger(__name__)

TRAINING_INPUTS = ("data", "domain.yml", "config.yml")
KEEP_MODELS = 3


def rasa_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for any Rasa process: no telemetry (there is no network), quiet TF."""
    env = child_environment()
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONHASHSEED": env.get("PYTHONHASHSEED", "0"),
            "SANIC_REGISTER": "False",
        }
    )
    env.update(extra or {})
    return env


def _input_files(root: Path) -> Iterator[Path]:
    for name in TRAINING_INPUTS:
        path = root / name
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml"))
        elif path.exists():
            yield path


def training_fingerprint(root: Path = PROJECT_ROOT) -> str:
    import rasa

    digest = hashlib.sha256(f"rasa=={rasa.__version__}\n".encode())
    for path in _input_files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_path(settings: Settings, root: Path = PROJECT_ROOT) -> Path:
    return settings.models_dir / f"vern-{training_fingerprint(root)}.tar.gz"


def cached_path(settings: Settings, model: Path, root: Path = PROJECT_ROOT) -> Path | None:
    """Where the shared cache keeps `model` (named by its data's hash, `model_path`): the same data under other
    packages (TensorFlow, Rasa's own dependencies) or another Python may not load it, so their hash is added."""
    if settings.model_cache_dir is None:
        return None
    lock = root / "requirements.lock"
    packages = hashlib.sha256(
        platform.python_version().encode() + b"\0" + (lock.read_bytes() if lock.exists() else b"")
    ).hexdigest()[:8]
    return settings.model_cache_dir / f"{model.name.removesuffix('.tar.gz')}-{packages}.tar.gz"


def holds_chat_lines(root: Path) -> bool:
    from bot.training.model_card import REVIEWED_FILE

    return (root / "data" / REVIEWED_FILE).exists()


def _copy_whole(source: Path, target: Path) -> None:
    """Copy under another name, then rename: a reader sees the whole file or none."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"partial-{os.getpid()}-{target.name}.tmp")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _from_cache(settings: Settings, root: Path, target: Path) -> bool:
    cached = cached_path(settings, target, root)
    if cached is None or holds_chat_lines(root) or not cached.exists():
        return False
    try:
        if not tarfile.is_tarfile(cached):
            logger.warning("The cached model is unreadable and is trained again")
            cached.unlink(missing_ok=True)
            return False
        _copy_whole(cached, target)
    except OSError as error:
        logger.warning("The model cache could not be read (%s); training instead", error.strerror)
        return False
    logger.info("Using the model trained earlier on this machine for the same data (MODEL_CACHE_DIR)")
    return True


def _to_cache(settings: Settings, root: Path, model: Path) -> None:
    cached = cached_path(settings, model, root)
    if cached is None or cached.exists() or holds_chat_lines(root):
        return
    try:
        _copy_whole(model, cached)
        _prune(cached.parent, keep=cached)
    except OSError as error:  # a full or read-only cache costs the next clone a training, nothing more
        logger.warning("The model could not be kept in MODEL_CACHE_DIR (%s)", error.strerror)


def ensure_model(settings: Settings, root: Path = PROJECT_ROOT) -> Path:
    """The model for the current training data, trained now if there is none."""
    target = model_path(settings, root)
    if target.exists():
        # Complete: training writes under another name and renames it (below), so using a model needs no lock.
        # Waiting for the lock here made every start wait for any other training in a shared MODELS_DIR.
        _ensure_card(target, settings, root)
        _to_cache(settings, root, target)  # a model trained before the cache was set reaches it too
        return target
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    with exclusive(settings.models_dir / ".train.lock"):
        if target.exists():
            _ensure_card(target, settings, root)
            return target
        if _from_cache(settings, root, target):
            _ensure_card(target, settings, root)
            _prune(settings.models_dir, keep=target)
            return target
        logger.info("Training the Rasa model (training data changed); this takes a few minutes")
        train_model(settings, root, root / "config.yml", target)
        _ensure_card(target, settings, root)
        _prune(settings.models_dir, keep=target)
        _to_cache(settings, root, target)
    return target


def train_model(settings: Settings, root: Path, config: Path, target: Path) -> None:
    """`rasa train` on the repository's data with `config`, written to `target` whole or not at all."""
    # No dot in it (Rasa would take what follows for a suffix and write the final name itself), and not
    # "vern-*", so nothing that looks for models picks it up half-written.
    partial = f"partial-{os.getpid()}-{target.name.removesuffix('.tar.gz')}"
    command = [
        sys.executable, "-m", "rasa", "train",
        "--data", str(root / "data"),
        "--domain", str(root / "domain.yml"),
        "--config", str(config),
        "--out", str(settings.models_dir),
        "--fixed-model-name", partial,
    ]
    result = subprocess.run(command, cwd=root, env=rasa_environment(), check=False)
    produced = settings.models_dir / f"{partial}.tar.gz"
    if result.returncode != 0 or not produced.exists():
        produced.unlink(missing_ok=True)
        raise RuntimeError(f"rasa train failed with exit code {result.returncode}")
    os.replace(produced, target)  # appears whole, never half-written


def _ensure_card(model: Path, settings: Settings, root: Path) -> None:
    # The model's name is the hash of its training data, reviewed lines included, so a missing card
    # can be written again from the same data.
    from bot.training.model_card import card_path, new_card, write_card

    if not card_path(model).exists():
        write_card(model, new_card(root / "data", settings.training_legal_basis, settings.retention_policy_file,
                                   settings.consent_purposes_file))


def _prune(models_dir: Path, keep: Path) -> None:
    models = sorted(models_dir.glob("vern-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    from bot.training.model_card import card_path

    for old in models[KEEP_MODELS:]:
        if old != keep:
            old.unlink(missing_ok=True)
            card_path(old).unlink(missing_ok=True)
