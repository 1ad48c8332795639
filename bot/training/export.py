"""`vern training export`: a review file of real, masked user lines and its purpose tag.

The review file groups lines by language, the ones the model is least sure
of (or sends to the fallback) first, with the predicted intent filled in for
the admin to correct. Next to it, a purpose tag file says what the data is
for, on which legal basis, from which period, through which filters, with
which counts and which k."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from bot.config import AgeBands
from bot.retention.chat_stores import ChatLogStore
from bot.training.lines import (
    RARE,
    ChatLine,
    LineReport,
    deduplicated,
    generalise_rare_tokens,
    normal_form,
    tokens_of,
    user_lines,
    without_residual_pii,
)
from bot.training.nlu_data import training_examples, vocabulary
from bot.training.predict import FALLBACK_INTENTS
from bot.training.quasi_identifiers import generalise
from bot.training.sources import SourceChat, SourceReport
from bot.training.special_categories import special_categories

PURPOSE_TAG = "vern:assistant-training"
DROP = "drop"
Predict = Callable[[Sequence[str]], list[tuple[str, float]]]
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ExportResult:
    review_file: Path
    purpose_file: Path
    lines: int
    tag: dict[str, Any]


def transcript_of(stores: Sequence[ChatLogStore], conversation_id: str) -> list[dict[str, Any]]:
    for store in stores:
        found = store.transcript(conversation_id)
        if found:
            return found
    return []


def collect(chats: Sequence[SourceChat], stores: Sequence[ChatLogStore], detect: Any, data_dir: Path, k: int,
            report: LineReport, progress: Progress | None = None, bands: AgeBands | None = None) -> list[ChatLine]:
    examples = training_examples(data_dir)
    lines: list[ChatLine] = []
    for index, chat in enumerate(chats, start=1):
        lines += user_lines(chat.conversation_id, chat.language, transcript_of(stores, chat.conversation_id), report)
        if progress is not None:
            progress("chats", index, len(chats))
    lines = without_residual_pii(lines, detect, report)
    lines = without_quasi_identifiers(lines, bands or AgeBands(), report)
    lines = generalise_rare_tokens(lines, vocabulary(examples), k, report)
    useful = [line for line in lines if any(t != RARE for t in tokens_of(line.text))]
    report.dropped_other += len(lines) - len(useful)
    # Lines the training data already holds teach nothing new.
    known = {f"{e.language}:{normal_form(e.text)}" for e in examples}
    return deduplicated(useful, report, seen=known)


def without_quasi_identifiers(lines: Sequence[ChatLine], bands: AgeBands, report: LineReport) -> list[ChatLine]:
    result = []
    for line in lines:
        text, counts = generalise(line.text, bands)
        report.quasi_identifiers.update(counts)
        result.append(replace(line, text=text))
    return result


def write_export(out_dir: Path, lines: Sequence[ChatLine], predictions: Sequence[tuple[str, float]],
                 sources: SourceReport, report: LineReport, *, since: datetime, until: datetime, basis: str,
                 legal_basis: str, now: datetime, pseudonym: Callable[[str], str]) -> ExportResult:
    out_dir.mkdir(parents=True, exist_ok=True)
    by_language: dict[str, list[dict[str, Any]]] = {}
    withheld: dict[str, list[dict[str, Any]]] = {}
    for line, (intent, confidence) in zip(lines, predictions, strict=True):
        entry = {"text": line.text, "predicted": intent, "confidence": confidence, "intent": intent,
                 # Lineage (pseudonymous source ids): merge keeps them beside the training data.
                 "sources": sorted(pseudonym(chat) for chat in line.sources)}
        categories = special_categories(line.text)
        if categories:
            # Art. 9(1): such a line is used only when a reviewer approves it, one by one.
            withheld.setdefault(line.language, []).append({**entry, "categories": categories, "approve": False})
        else:
            by_language.setdefault(line.language, []).append(entry)
    for entries in by_language.values():
        # Fallbacks first, then the least certain: that is where review pays.
        entries.sort(key=lambda e: (e["predicted"] not in FALLBACK_INTENTS, e["confidence"], e["text"]))
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    review = out_dir / f"review-{stamp}.yml"
    header = (
        "# Vern training review. Correct `intent` where the prediction is wrong, or write `drop` to\n"
        "# leave a line out (lines left at nlu_fallback are left out too); then run `vern training merge`\n"
        "# on this file. Leave `sources` as it is: it lets an erasure find the line later.\n"
        "# Lines are masked, checked\n"
        f"# for personal data again, and tokens seen in fewer than {report.k} chats read {RARE}.\n"
        "# Ages read as bands, postcodes and dates as <postcode> and <date>. Lines under `withheld` touch\n"
        "# special categories (GDPR Art. 9(1)): set `approve: true` on one only after reading it.\n"
    )
    review.write_text(header + yaml.safe_dump(
        {"exported_at": now.isoformat(), "languages": by_language, "withheld": withheld},
        allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    tag = {
        "purpose": PURPOSE_TAG,
        "legal_basis": legal_basis,
        "basis": basis,
        "source_period": {"from": since.isoformat(), "until": until.isoformat()},
        "filters": sources.filters + ["residual PII check (line dropped on any hit)",
                                      "ages as bands, postcodes and dates as tokens",
                                      "special categories (Art. 9(1)) withheld for one-by-one review",
                                      f"k-anonymity of tokens (k={report.k})", "near-duplicates removed"],
        "counts": {
            "masked_chats": sources.masked_chats, "chats_used": sources.used,
            "excluded_restricted": sources.excluded_restricted,
            "excluded_by_consent": sources.excluded_by_consent,
            "lines_seen": report.lines_seen, "dropped_residual_pii": report.dropped_pii_total,
            "dropped_residual_pii_by_type": dict(report.dropped_pii), "dropped_other": report.dropped_other,
            "duplicates": report.duplicates, "tokens_generalised": report.tokens_replaced,
            "quasi_identifiers_generalised": dict(report.quasi_identifiers),
            "withheld_special_categories": sum(len(entries) for entries in withheld.values()),
            "lines_exported": len(lines),
            "lines_by_language": {language: len(entries) for language, entries in sorted(by_language.items())},
        },
        "k": report.k,
        "k_reached": report.k_reached if report.k_reached is not None else report.k,
        "review_file": review.name,
        "exported_at": now.isoformat(),
    }
    purpose = out_dir / f"review-{stamp}.purpose.json"
    purpose.write_text(json.dumps(tag, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return ExportResult(review, purpose, len(lines), tag)

