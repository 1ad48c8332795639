"""`vern training merge`: the reviewed lines become ordinary Rasa NLU examples in data/nlu/reviewed.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.config import SUPPORTED_LANGUAGES
from bot.training.export import DROP
from bot.training.lineage import add_sources, line_key, lineage_file, read_lineage, write_lineage
from bot.training.lines import normal_form
from bot.training.nlu_data import REVIEWED_HEADER, Example, read_examples, training_examples, write_examples

REVIEWED_FILE = "reviewed.yml"
# Intents that only buttons or other systems send: a typed line never belongs to them.
NOT_TYPED = {"confirm_withdraw_consent", "confirm_forget_chat", "email_consent_receipt"}


class ReviewError(ValueError):
    """The review file cannot be merged; the message says where."""


@dataclass
class MergeReport:
    added: int = 0
    dropped: int = 0
    already_known: int = 0
    unknown_intent: list[str] = field(default_factory=list)


def typed_intents(domain_file: Path) -> set[str]:
    domain = yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}
    names = {str(i) if not isinstance(i, dict) else str(next(iter(i))) for i in domain.get("intents") or []}
    return {name for name in names if not name.startswith("EXTERNAL_") and name not in NOT_TYPED}


@dataclass(frozen=True)
class ReviewedLine:
    example: Example
    sources: tuple[str, ...]  # pseudonymous source ids written by the export


def reviewed_lines(review_file: Path) -> list[ReviewedLine]:
    try:
        document = yaml.safe_load(review_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ReviewError(f"{review_file}: cannot be read ({type(error).__name__})") from None
    languages = document.get("languages")
    if not isinstance(languages, dict):
        raise ReviewError(f"{review_file}: expected `languages:` with a list of lines per language")
    withheld = document.get("withheld") or {}
    if not isinstance(withheld, dict):
        raise ReviewError(f"{review_file}: expected `withheld:` with a list of lines per language")
    found = []
    for language, entries in [*languages.items(), *_approved(withheld).items()]:
        if language not in SUPPORTED_LANGUAGES:
            raise ReviewError(f"{review_file}: unknown language {language!r}")
        for index, entry in enumerate(entries or []):
            if not isinstance(entry, dict) or not str(entry.get("text") or "").strip():
                raise ReviewError(f"{review_file}: {language}[{index}] needs `text` and `intent`")
            text = " ".join(str(entry["text"]).split())
            sources = entry.get("sources") or []
            if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
                raise ReviewError(f"{review_file}: {language}[{index}] `sources` must stay as exported")
            found.append(ReviewedLine(Example(str(entry.get("intent") or DROP).strip(), language, text),
                                      tuple(sources)))
    return found


def _approved(withheld: dict[str, Any]) -> dict[str, list[Any]]:
    """Special-category lines count only where a reviewer set `approve: true` on each one."""
    return {language: [e for e in entries or [] if isinstance(e, dict) and e.get("approve") is True]
            for language, entries in withheld.items()}


def merge(review_file: Path, data_dir: Path, domain_file: Path) -> MergeReport:
    report = MergeReport()
    intents = typed_intents(domain_file)
    target = data_dir / "nlu" / REVIEWED_FILE
    kept = read_examples(target) if target.exists() else []
    reviewed_keys = {line_key(e.language, e.text) for e in kept}
    lineage = read_lineage(lineage_file(target))
    known = {(e.language, normal_form(e.text)) for e in training_examples(data_dir)}
    for line in reviewed_lines(review_file):
        example = line.example
        if example.intent in (DROP, "nlu_fallback"):
            # A fallback nobody corrected teaches nothing: it is left out, like a drop.
            report.dropped += 1
        elif example.intent not in intents:
            report.unknown_intent.append(example.intent)
        elif (example.language, normal_form(example.text)) in known:
            report.already_known += 1
            if line_key(example.language, example.text) in reviewed_keys:
                # The same line from more chats: each of them must be able to take it away again.
                add_sources(lineage, example.language, example.text, line.sources)
        else:
            kept.append(example)
            reviewed_keys.add(line_key(example.language, example.text))
            add_sources(lineage, example.language, example.text, line.sources)
            known.add((example.language, normal_form(example.text)))
            report.added += 1
    if report.unknown_intent:
        raise ReviewError("unknown intents in the review file: " + ", ".join(sorted(set(report.unknown_intent))))
    write_examples(target, kept, REVIEWED_HEADER)
    write_lineage(lineage_file(target), lineage)
    return report
