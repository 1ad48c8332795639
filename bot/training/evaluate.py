"""`vern training evaluate`: train a candidate, compare it with the current model on the held-out set.

Both models are tested with Rasa's own tooling (`rasa test nlu`) on
`bot/training/heldout_nlu.yml`, which lives outside data/ and so never enters
training. Rasa reports per intent; the per-language split comes from the
held-out file's language metadata. A candidate whose macro F1, overall or in
any language, is worse than the current model's by more than the margin is
not promoted."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT, SUPPORTED_LANGUAGES
from bot.training.nlu_data import read_examples

HELDOUT_FILE = Path(__file__).with_name("heldout_nlu.yml")
ALL = "all"


class EvaluationError(RuntimeError):
    """Training or testing a model failed; the message says which step."""


@dataclass(frozen=True)
class Scores:
    """Macro F1 per language (and `all`), and F1 per intent and language."""

    macro: dict[str, float]
    per_intent: dict[str, dict[str, float]]  # intent -> language -> F1


@dataclass
class Comparison:
    current: Scores
    candidate: Scores
    margin: float
    worse: list[str] = field(default_factory=list)  # the languages (or `all`) where the candidate lost too much

    @property
    def promotable(self) -> bool:
        return not self.worse


def _rasa(arguments: list[str], cwd: Path) -> None:
    from bot.rasa_adapter.model import rasa_environment

    result = subprocess.run([sys.executable, "-m", "rasa", *arguments], cwd=cwd, env=rasa_environment(),
                            check=False, capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).splitlines()[-5:])
        raise EvaluationError(f"rasa {arguments[0]} failed ({result.returncode}): {tail}")


def train_candidate(data: Path, domain: Path, config: Path, out_dir: Path, name: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    _rasa(["train", "--data", str(data), "--domain", str(domain), "--config", str(config), "--out", str(out_dir),
           "--fixed-model-name", name], PROJECT_ROOT)
    model = out_dir / f"{name}.tar.gz"
    if not model.exists():
        raise EvaluationError("rasa train wrote no model")
    return model


def predictions(model: Path, heldout: Path, out_dir: Path) -> list[dict[str, Any]]:
    """Every held-out example with Rasa's prediction (`rasa test nlu --successes`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _rasa(["test", "nlu", "--model", str(model), "--nlu", str(heldout), "--out", str(out_dir), "--successes"],
          PROJECT_ROOT)
    found: list[dict[str, Any]] = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = out_dir / name
        if path.exists():
            found += json.loads(path.read_text(encoding="utf-8"))
    return found


def score(predicted: list[dict[str, Any]], heldout: Path) -> Scores:
    from sklearn.metrics import f1_score

    language_of = {" ".join(e.text.split()): e.language for e in read_examples(heldout)}
    rows = [(language_of.get(" ".join(str(p["text"]).split()), "?"), str(p["intent"]),
             str((p.get("intent_prediction") or {}).get("name") or "")) for p in predicted]
    macro: dict[str, float] = {}
    per_intent: dict[str, dict[str, float]] = {}
    for language in (ALL, *SUPPORTED_LANGUAGES):
        chosen = [r for r in rows if language == ALL or r[0] == language]
        if not chosen:
            continue
        truth, guess = [r[1] for r in chosen], [r[2] for r in chosen]
        labels = sorted(set(truth))
        macro[language] = round(float(f1_score(truth, guess, labels=labels, average="macro", zero_division=0)), 4)
        if language != ALL:
            for intent, value in zip(labels, f1_score(truth, guess, labels=labels, average=None, zero_division=0),
                                     strict=True):
                per_intent.setdefault(intent, {})[language] = round(float(value), 4)
    return Scores(macro, per_intent)


def compare(current: Scores, candidate: Scores, margin: float) -> Comparison:
    comparison = Comparison(current, candidate, margin)
    for language, before in current.macro.items():
        if candidate.macro.get(language, 0.0) < before - margin:
            comparison.worse.append(language)
    return comparison


def table(comparison: Comparison) -> str:
    lines = ["| | current | candidate | change |", "|---|---:|---:|---:|"]
    for language, before in comparison.current.macro.items():
        after = comparison.candidate.macro.get(language, 0.0)
        flag = " ✗" if language in comparison.worse else ""
        lines.append(f"| macro F1 {language} | {before:.3f} | {after:.3f} | {after - before:+.3f}{flag} |")
    lines += ["", "| intent | " + " | ".join(f"{lang} now → candidate" for lang in SUPPORTED_LANGUAGES) + " |",
              "|---|" + "---:|" * len(SUPPORTED_LANGUAGES)]
    for intent in sorted(comparison.current.per_intent):
        cells = []
        for language in SUPPORTED_LANGUAGES:
            now = comparison.current.per_intent[intent].get(language)
            then = comparison.candidate.per_intent.get(intent, {}).get(language)
            cells.append("–" if now is None else f"{now:.2f} → {then or 0.0:.2f}")
        lines.append(f"| {intent} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def chart(comparison: Comparison, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display; a file only
    import matplotlib.pyplot as plt

    languages = list(comparison.current.macro)
    positions = range(len(languages))
    figure, axes = plt.subplots(figsize=(7, 3.5))
    axes.bar([p - 0.2 for p in positions], [comparison.current.macro[lang] for lang in languages], 0.4,
             label="current")
    axes.bar([p + 0.2 for p in positions], [comparison.candidate.macro.get(lang, 0.0) for lang in languages], 0.4,
             label="candidate")
    axes.set_xticks(list(positions), languages)
    axes.set_ylim(0, 1)
    axes.set_ylabel("intent macro F1 (held-out)")
    axes.legend(loc="lower right")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def write_report(comparison: Comparison, out_dir: Path) -> tuple[Path, Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    verdict = ("The candidate may be promoted." if comparison.promotable else
               "The candidate is NOT promoted: worse than the current model by more than "
               f"{comparison.margin:.3f} in {', '.join(comparison.worse)}.")
    report = out_dir / "report.md"
    report.write_text(f"# Candidate model against the current one (held-out set)\n\n{table(comparison)}\n{verdict}\n",
                      encoding="utf-8")
    figures = out_dir / "report.json"
    figures.write_text(json.dumps({
        "margin": comparison.margin, "promotable": comparison.promotable, "worse": comparison.worse,
        "current": comparison.current.macro, "candidate": comparison.candidate.macro,
        "per_intent": {"current": comparison.current.per_intent, "candidate": comparison.candidate.per_intent},
    }, indent=2) + "\n", encoding="utf-8")
    picture = out_dir / "macro_f1.png"
    chart(comparison, picture)
    return report, figures, picture


def current_model(models_dir: Path, candidate_name: str) -> Path | None:
    """The model serving now: the one for the current data if it exists, else the newest."""
    exact = models_dir / f"{candidate_name}.tar.gz"
    if exact.exists():
        return exact
    models = sorted(models_dir.glob("vern-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    return models[0] if models else None


class PromotionRefused(RuntimeError):
    """The candidate may not serve; the message says why (no personal data in it)."""


def promote(candidate: Path, models_dir: Path, forgotten: set[str] | None = None) -> Path:
    """Install the candidate with its card; then models that hold forgotten chats leave the folder."""
    from bot.training.model_card import card_path, missing_fields, read_card, trained_sources

    card = read_card(candidate)
    missing = missing_fields(card)
    if missing:
        raise PromotionRefused("the model carries no purpose tag: its card lacks " + ", ".join(missing))
    if not (card or {}).get("vocabulary_check", {}).get("acceptable", False):
        raise PromotionRefused("the model's vocabulary check did not pass")
    if trained_sources(card) & (forgotten or set()):
        raise PromotionRefused("the model was trained on chats that must be forgotten")
    models_dir.mkdir(parents=True, exist_ok=True)
    target = models_dir / candidate.name
    shutil.copy2(card_path(candidate), card_path(target).with_suffix(".tmp"))
    shutil.copy2(candidate, target.with_suffix(".tmp"))
    target.with_suffix(".tmp").replace(target)
    card_path(target).with_suffix(".tmp").replace(card_path(target))
    for other in models_dir.glob("*.tar.gz"):
        if other != target and trained_sources(read_card(other)) & (forgotten or set()):
            # AISVS C11: a model trained on forgotten chats is replaced, not kept beside its successor.
            other.unlink(missing_ok=True)
            card_path(other).unlink(missing_ok=True)
    return target
