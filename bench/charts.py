"""The SVG charts in docs/, drawn from the bench results (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Same input, same file: no random ids or timestamps in the SVG, so a rerun with equal figures changes nothing.
plt.rcParams.update({"svg.hashsalt": "vern-bench", "font.size": 9, "axes.spines.top": False,
                     "axes.spines.right": False})
COLOURS = ("#2a6f97", "#e07a5f", "#81b29a", "#f2cc8f", "#6d597a")


def _save(figure: Any, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, format="svg", metadata={"Date": None})
    plt.close(figure)
    return path


def _bars(axis: Any, groups: list[str], series: dict[str, list[float]], ylabel: str) -> None:
    width = 0.8 / max(1, len(series))
    for index, (name, values) in enumerate(series.items()):
        xs = [g + (index - (len(series) - 1) / 2) * width for g in range(len(groups))]
        shown = [0.0 if math.isnan(v) else v for v in values]
        bars = axis.bar(xs, shown, width, label=name, color=COLOURS[index % len(COLOURS)])
        axis.bar_label(bars, fmt="%.2f", fontsize=6, padding=1)
    axis.set_xticks(range(len(groups)), groups)
    axis.set_ylabel(ylabel)
    axis.set_ylim(0, 1.22)
    axis.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    axis.legend(frameon=False, loc="upper center", ncol=len(series))


def pii_quality(figures: dict[str, Any], path: Path) -> Path:
    keys = ["all", "name", "number", "email", "lang=nb", "lang=nn", "lang=da", "lang=en"]
    labels = [key.replace("lang=", "") for key in keys]
    figure, axis = plt.subplots(figsize=(7.5, 3.2))
    _bars(axis, labels, {
        "Vern": [figures["vern"]["scores"].get(k, {}).get("f2", 0.0) for k in keys],
        "Presidio, patterns only": [figures["presidio"]["scores"].get(k, {}).get("f2", 0.0) for k in keys],
    }, "F2")  # fmt: skip
    axis.set_title("Masking F2 on pii_dev.jsonl, by annex type and by language")
    return _save(figure, path)


def pii_speed(figures: dict[str, Any], path: Path) -> Path:
    figure, axis = plt.subplots(figsize=(4.5, 2.6))
    names = ["Vern", "Presidio"]
    values = [figures["vern"]["speed"]["messages_per_s"], figures["presidio"]["speed"]["messages_per_s"]]
    axis.barh(names, values, color=COLOURS[:2])
    for y, value in enumerate(values):
        axis.text(value, y, f" {value:,.0f}", va="center")
    axis.set_xlabel("chat messages per second, one core")
    axis.set_title("Masking throughput, same corpus")
    return _save(figure, path)


def retention(figures: dict[str, Any], path: Path) -> Path:
    sizes = figures["sizes"]
    figure, (left, right) = plt.subplots(1, 2, figsize=(8, 3))
    xs = [row["chats"] for row in sizes]
    # Incomplete sizes are shown as the time the whole backlog would take at the measured rate.
    full = [row["chats"] / row["chats_per_s"] for row in sizes]
    left.loglog(xs, full, marker="o", color=COLOURS[0], label="one worker")
    for x, y, row in zip(xs, full, sizes, strict=True):
        left.annotate(f"{y / 60:.1f} min" + ("" if row["complete"] else " (est.)"), (x, y), textcoords="offset points",
                      xytext=(4, -10))
    left.set_xlim(min(xs) / 2, max(xs) * 6)  # room for the last label
    left.axhline(900, color=COLOURS[1], linestyle="--", label="15-minute limit")
    left.set_xlabel("ended chats waiting")
    left.set_ylabel("seconds to mask them all")
    left.legend(frameon=False)
    right.semilogx(xs, [row["ms_per_chat"] for row in sizes], marker="o", color=COLOURS[0])
    right.set_ylim(bottom=0)
    right.set_xlabel("ended chats waiting")
    right.set_ylabel("ms per chat")
    figure.suptitle("Retention worker: masking ended chats (PostgreSQL)")
    return _save(figure, path)


def language(figures: dict[str, Any], path: Path) -> Path:
    buckets = [b for b in figures["buckets"] if b != "all"]
    figure, axis = plt.subplots(figsize=(7, 3))
    for index, (method, rows) in enumerate(figures["accuracy"].items()):
        values = []
        for size in buckets:
            hits = sum(r for r, _ in rows[size].values())
            count = sum(n for _, n in rows[size].values())
            values.append(hits / count if count else float("nan"))
        # Two methods can coincide (a chat in another language is a new chat for a line that cannot move it).
        axis.plot(buckets, values, marker="os^vD"[index % 5], linestyle=("-", "--", ":", "-.", "-")[index % 5],
                  label=method, color=COLOURS[index % len(COLOURS)])
    axis.set_ylim(0, 1.05)
    axis.set_xlabel("words in the message")
    axis.set_ylabel("accuracy, nb nn da en sv together")
    axis.set_title("Language identification on short chat lines")
    axis.legend(frameon=False, fontsize=8)
    return _save(figure, path)


def nlu(figures: dict[str, Any], path: Path) -> Path:
    languages = [lang for lang in ("all", "nb", "nn", "da", "en") if lang in figures["languages"]]
    figure, axis = plt.subplots(figsize=(5, 2.8))
    _bars(axis, languages, {
        "macro F1": [figures["languages"][lang]["macro_f1"] for lang in languages],
        "accuracy": [figures["languages"][lang]["accuracy"] for lang in languages],
    }, "score")  # fmt: skip
    axis.set_title(f"Intent classification, {figures['folds']}-fold cross-validation")
    return _save(figure, path)


def latency(runs: dict[str, dict[str, Any]], path: Path) -> Path:
    figure, axis = plt.subplots(figsize=(6, 3))
    for index, (label, figures) in enumerate(runs.items()):
        levels = figures["levels"]
        chats = [row["chats"] for row in levels]
        axis.plot(chats, [row["p50_ms"] for row in levels], marker="o", color=COLOURS[index], label=f"{label} p50")
        axis.plot(chats, [row["p95_ms"] for row in levels], marker="^", linestyle="--", color=COLOURS[index],
                  label=f"{label} p95")
    axis.set_xscale("log")
    axis.set_xticks([1, 10, 50], ["1", "10", "50"])
    axis.set_xlabel("chats at once")
    axis.set_ylabel("turn latency, ms")
    axis.set_title("Turn latency through the REST channel")
    axis.legend(frameon=False, fontsize=8)
    return _save(figure, path)
