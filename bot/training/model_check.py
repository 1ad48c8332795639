"""The model holds no personal tokens: a check of every vocabulary and pattern inside a model file.

Rasa's CountVectorsFeaturizer and RegexFeaturizer keep their vocabularies and
lookup patterns inside the model archive, so a name that slipped the masker
would live on in every model trained since. Before a model is evaluated or
promoted, each word-level entry is traced to where it came from:
- an entry that only chat-derived lines (`data/nlu/reviewed.yml`) contain is
  refused when the detector sees personal data in it (or in the lines around
  it), or when fewer than k distinct source chats (from the lineage) wrote it;
- an entry of the hand-written training data that the detector flags is listed
  for review, not refused: an author put it there on purpose.
Character n-gram vocabularies are fragments of words; they cannot name anyone
on their own once the words they come from pass this check.
Offending entries are reported masked.
"""

from __future__ import annotations

import json
import tarfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.training.lineage import line_key, lineage_file, read_lineage
from bot.training.lines import tokens_of
from bot.training.nlu_data import Example, read_examples

REVIEWED = "reviewed.yml"
WORD_ANALYZERS = (None, "word")
Detect = Callable[[str, "str | None"], list[Any]]


@dataclass(frozen=True)
class Finding:
    entry: str  # masked
    component: str
    reason: str
    origin: str  # "chat" or "hand-written"


@dataclass
class VocabularyReport:
    entries_checked: int = 0
    refused: list[Finding] = field(default_factory=list)
    review: list[Finding] = field(default_factory=list)

    @property
    def acceptable(self) -> bool:
        return not self.refused

    def summary(self) -> str:
        head = (f"{self.entries_checked} vocabulary entries checked: {len(self.refused)} refused, "
                f"{len(self.review)} to review.")
        rows = [f"  refused  {f.entry:<16} {f.component}: {f.reason}" for f in self.refused]
        rows += [f"  review   {f.entry:<16} {f.component}: {f.reason}" for f in self.review]
        return "\n".join([head, *rows])


def masked(entry: str) -> str:
    """Enough to find the entry in the data, not enough to read it."""
    if len(entry) <= 2:
        return "*" * len(entry)
    return f"{entry[0]}{'*' * (len(entry) - 2)}{entry[-1]} ({len(entry)})"


def words_of(text: str) -> set[str]:
    """The entries a line can put into a word vocabulary, whichever way Rasa split it."""
    loose = {word.strip(".,!?;:()[]\"'«»") for word in text.casefold().split()}
    return {w for w in loose if w} | set(tokens_of(text))


def model_vocabularies(model: Path) -> dict[str, set[str]]:
    """Word-level vocabulary entries and regex/lookup patterns per component of a Rasa model archive."""
    found: dict[str, set[str]] = {}
    with tarfile.open(model, "r:gz") as archive:
        members = {member.name.lstrip("./"): member for member in archive.getmembers() if member.isfile()}
        metadata = _json(archive, members.get("metadata.json"))
        nodes = ((metadata or {}).get("train_schema") or {}).get("nodes") or {}
        for name, member in members.items():
            parts = name.split("/")
            if len(parts) != 3 or parts[0] != "components":
                continue
            component, filename = parts[1], parts[2]
            if filename == "vocabularies.json":
                analyzer = ((nodes.get(component) or {}).get("config") or {}).get("analyzer")
                if analyzer not in WORD_ANALYZERS:
                    continue
                vocabularies = _json(archive, member) or {}
                entries = found.setdefault(component, set())
                for vocabulary in vocabularies.values():
                    entries.update(str(token) for token in (vocabulary or {}))
            elif filename == "patterns.json":
                patterns = _json(archive, member) or []
                found.setdefault(component, set()).update(str(p.get("pattern", "")) for p in patterns
                                                          if isinstance(p, dict))
    return found


def _json(archive: tarfile.TarFile, member: tarfile.TarInfo | None) -> Any:
    if member is None:
        return None
    handle = archive.extractfile(member)
    return json.load(handle) if handle is not None else None


def check_model(model: Path, data_dir: Path, detect: Detect, k: int) -> VocabularyReport:
    nlu = data_dir / "nlu"
    reviewed_file = nlu / REVIEWED
    reviewed = read_examples(reviewed_file) if reviewed_file.exists() else []
    written = [e for path in sorted(nlu.glob("*.yml")) if path.name != REVIEWED for e in read_examples(path)]
    return check_vocabularies(model_vocabularies(model), written, reviewed,
                              read_lineage(lineage_file(reviewed_file)), detect, k)


def check_vocabularies(vocabularies: dict[str, set[str]], written: Iterable[Example], reviewed: Iterable[Example],
                       lineage: dict[str, Any], detect: Detect, k: int) -> VocabularyReport:
    written_words: set[str] = set()
    flagged_written: dict[str, str] = {}
    for example in written:
        written_words |= words_of(example.text)
        flagged_written.update(_flagged_words(example, detect))
    chats_behind: dict[str, set[str]] = defaultdict(set)
    flagged_reviewed: dict[str, str] = {}
    for example in reviewed:
        entry = lineage.get(line_key(example.language, example.text))
        for word in words_of(example.text):
            chats_behind[word] |= set(entry.sources) if entry else set()
        flagged_reviewed.update(_flagged_words(example, detect))
    report = VocabularyReport()
    for component, entries in sorted(vocabularies.items()):
        for entry in sorted(entries):
            report.entries_checked += 1
            folded = entry.casefold()
            alone = detect(entry, None)
            kind = alone[0].type if alone else None
            if folded in written_words:
                kind = kind or flagged_written.get(folded)
                if kind:
                    report.review.append(Finding(masked(entry), component, f"looks like {kind}", "hand-written"))
            elif folded in chats_behind:
                kind = kind or flagged_reviewed.get(folded)
                if kind:
                    report.refused.append(Finding(masked(entry), component, f"looks like {kind}", "chat"))
                elif len(chats_behind[folded]) < k:
                    report.refused.append(Finding(masked(entry), component,
                                                  f"written in {len(chats_behind[folded])} chats, fewer than k={k}",
                                                  "chat"))
            elif kind:
                # Lookup patterns and regexes come from the hand-written data files.
                report.review.append(Finding(masked(entry), component, f"looks like {kind}", "hand-written"))
    return report


def _flagged_words(example: Example, detect: Detect) -> dict[str, str]:
    flagged: dict[str, str] = {}
    for span in detect(example.text, example.language or None):
        for word in words_of(example.text[span.start:span.end]):
            if word.startswith("<"):
                continue
            flagged[word] = span.type
    return flagged
