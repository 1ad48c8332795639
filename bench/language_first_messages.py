"""First messages (three words or more) per language, and the time per message, for each part of the decision.

Run as part of `.venv/bin/python -m bench.language_accuracy`.  Sets:
tests/language/data/first_messages_{dev,dev2,heldout}.jsonl; the weights and
cues were chosen on the dev sets, the held-out set only measured.

Methods (rows), each right when the reply language is the line's language:
- "langdetect": plain langdetect, all 55 profiles, "no" counted as bokmål;
- "n-gram model": bot.language.ngram alone, its most probable language;
- "Vern before": decide_language with every new part off (the decision as
  it was before the model);
- "+ sentence cues", "+ n-gram model", "+ default unchosen": the parts
  switched on one after another; the last row is Vern now.
Each Vern row is scored twice: on a chat with no language (new) and on a
chat in the default language, which is what Vern really sees, because the
session start sets the default before the first message is read.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

from bot.language import DecisionParts, decide_language, ngram
from bot.language.detect import language_probabilities
from bot.language.ngram import get_model
from bot.language.nynorsk import words

DATA = Path(__file__).resolve().parents[1] / "tests" / "language" / "data"
SETS = ("dev", "dev2", "heldout")
LANGUAGES = ("nb", "nn", "da", "en")
DEFAULT = "nb"
PARTS: dict[str, DecisionParts] = {
    "Vern before": DecisionParts(ngram_model=False, sentence_cues=False, default_is_unchosen=False),
    "+ sentence cues": DecisionParts(ngram_model=False, sentence_cues=True, default_is_unchosen=False),
    "+ n-gram model": DecisionParts(ngram_model=True, sentence_cues=True, default_is_unchosen=False),
    "+ default unchosen (now)": DecisionParts(),
}
ROUNDS = 5


def load(name: str) -> list[tuple[str, str]]:
    with (DATA / f"first_messages_{name}.jsonl").open(encoding="utf-8") as rows:
        return [(row["lang"], row["text"]) for row in map(json.loads, rows)]


def plain_langdetect(line: str) -> str:
    try:
        code = detect(line)
    except LangDetectException:
        return "unknown"
    return "nb" if code == "no" else code


def ngram_alone(line: str) -> str:
    probabilities = get_model().probabilities(words(line))
    return max(probabilities, key=probabilities.__getitem__) if probabilities else "none"


def methods() -> dict[str, Callable[[str], str]]:
    table: dict[str, Callable[[str], str]] = {"langdetect": plain_langdetect, "n-gram model": ngram_alone}
    for name, parts in PARTS.items():
        for chat, current in (("new", None), ("default", DEFAULT)):
            table[f"{name}, {chat}"] = _vern(parts, current)
    return table


def _vern(parts: DecisionParts, current: str | None) -> Callable[[str], str]:
    return lambda line: decide_language(line, current, parts=parts).language


def accuracy() -> dict[str, dict[str, dict[str, list[int]]]]:
    """set -> method -> language -> [right, lines]."""
    DetectorFactory.seed = 0
    table: dict[str, dict[str, dict[str, list[int]]]] = {}
    for name in SETS:
        lines = load(name)
        table[name] = {}
        for method, predict in methods().items():
            right: Counter[str] = Counter()
            total: Counter[str] = Counter()
            for language, text in lines:
                total[language] += 1
                right[language] += predict(text) == language
            table[name][method] = {lang: [right[lang], total[lang]] for lang in LANGUAGES if total[lang]}
    return table


def speed() -> dict[str, float]:
    """Milliseconds per message, best of ROUNDS interleaved passes over every set, and the model's load time.

    The passes alternate between the methods so that a busy moment on a
    shared machine slows all of them, not one.
    """
    lines = [text for name in SETS for _, text in load(name)]
    started = time.perf_counter()
    ngram.load_model()  # as a new process pays it on its first message
    load_ms = 1000 * (time.perf_counter() - started)
    before = PARTS["Vern before"]
    calls: dict[str, Callable[[str], object]] = {
        "langdetect (Vern's 4 profiles)": lambda line: language_probabilities(" ".join(words(line))),
        "n-gram model": lambda line: get_model().probabilities(words(line)),
        "Vern before": lambda line: decide_language(line, DEFAULT, parts=before),
        "Vern now": lambda line: decide_language(line, DEFAULT),
    }
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(ROUNDS):
        for name, call in calls.items():
            started = time.perf_counter()
            for line in lines:
                call(line)
            best[name] = min(best[name], time.perf_counter() - started)
    timing: dict[str, float] = {"messages": len(lines)}
    timing.update({name: 1000 * seconds / len(lines) for name, seconds in best.items()})
    timing["model load, ms (once per process)"] = load_ms
    return timing


def print_figures(first: dict[str, dict[str, dict[str, list[int]]]], timing: dict[str, float]) -> None:
    for name, rows in first.items():
        print(f"first messages, {name} set ({sum(n for _, n in next(iter(rows.values())).values())} lines)")
        print(f"  {'method':<34}" + "".join(f"{lang:>9}" for lang in LANGUAGES))
        for method, cells in rows.items():
            pairs = (cells.get(lang, [0, 0]) for lang in LANGUAGES)
            shown = "".join(f"{r / n:9.3f}" if n else f"{'-':>9}" for r, n in pairs)
            print(f"  {method:<34}{shown}")
        print()
    print(f"time per message over {int(timing['messages'])} first messages (best of {ROUNDS} passes):")
    for key, value in timing.items():
        if key != "messages":
            print(f"  {key:<36}{value:8.3f} ms")
