"""Recall, precision and F2 per annex type and language, on the shared scorer's rules.

The alignment of input and masked output (`replaced_regions`) is imported
from ../shared/eval/score_pii.py, so these figures count exactly what that
scorer counts; this module only breaks them down further. A labelled span is
found when all of it was replaced by its type's token. Precision per type
counts the regions masked with that type's token, right when they overlap a
labelled span of that type; overall and per-language precision count any
overlap, as the scorer does.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from bench import shared_folder

EVAL = shared_folder() / "eval"
TYPES = ("name", "number", "email")
LANGUAGES = ("nb", "nn", "da", "en")


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_pii", EVAL / "score_pii.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(EVAL / "score_pii.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_SCORER = _scorer()
TOKEN: dict[str, str] = _SCORER.TOKEN
replaced_regions: Callable[[str, str], Iterator[tuple[int, int, str]]] = _SCORER.replaced_regions


def _token_type(replacement: str) -> str | None:
    return next((kind for kind, token in TOKEN.items() if token in replacement), None)


class Counts:
    def __init__(self) -> None:
        self.found = 0
        self.labelled = 0
        self.right = 0
        self.masked = 0

    def figures(self) -> dict[str, float | int]:
        recall = self.found / self.labelled if self.labelled else float("nan")
        # Nothing masked: precision is undefined (NaN here), and F2 takes it as 1, as the scorer does.
        precision = self.right / self.masked if self.masked else float("nan")
        p = precision if self.masked else 1.0
        f2 = 5 * p * recall / (4 * p + recall) if self.labelled and p + recall else float("nan")
        if not self.masked and recall:
            f2 = float("nan")
        return {
            "recall": recall, "precision": precision, "f2": f2,
            "found": self.found, "labelled": self.labelled, "masked": self.masked, "masked_right": self.right,
        }  # fmt: skip


def score(rows: Sequence[dict[str, Any]], outputs: Sequence[str]) -> dict[str, dict[str, float | int]]:
    """Figures keyed "all", "<type>", "lang=<lang>", "<type> lang=<lang>" and "kind=<kind>" (recall only)."""
    counts: dict[str, Counts] = defaultdict(Counts)
    for row, out in zip(rows, outputs, strict=True):
        text, spans, lang = row["text"], row["spans"], row["lang"]
        regions = list(replaced_regions(text, out))
        covered = [False] * len(text)
        for a, b, _ in regions:
            for k in range(a, b):
                covered[k] = True
        for span in spans:
            found = all(covered[span["start"] : span["end"]]) and any(
                a < span["end"] and b > span["start"] and TOKEN[span["type"]] in rep for a, b, rep in regions
            )
            for key in ("all", span["type"], f"lang={lang}", f"{span['type']} lang={lang}", f"kind={span['kind']}"):
                counts[key].labelled += 1
                counts[key].found += found
        for a, b, rep in regions:
            overlapping = [s for s in spans if a < s["end"] and max(b, a + 1) > s["start"]]
            for key in ("all", f"lang={lang}"):
                counts[key].masked += 1
                counts[key].right += bool(overlapping)
            kind = _token_type(rep)
            if kind is None:
                continue
            for key in (kind, f"{kind} lang={lang}"):
                counts[key].masked += 1
                counts[key].right += any(s["type"] == kind for s in overlapping)
    return {key: value.figures() for key, value in counts.items()}
