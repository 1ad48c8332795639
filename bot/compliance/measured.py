"""The measured figures the DPIA quotes, read from the shipped benchmark page (docs/benchmarks.md).

The page is generated from the bench scripts' results and names the date and command of each run; the DPIA
cites the section and row it took a figure from. A figure whose row is gone is None, and the DPIA then says
it is missing instead of quoting an old number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.config import PROJECT_ROOT

BENCHMARKS = PROJECT_ROOT / "docs" / "benchmarks.md"
PAGE = "docs/benchmarks.md"


@dataclass(frozen=True)
class Figure:
    value: str
    source: str


@dataclass(frozen=True)
class Measurements:
    masking_recall: Figure | None  # every labelled name, number and e-mail of the chat-line corpus
    masking_precision: Figure | None
    prose_name_recall: Figure | None  # names in real prose, the lowest language
    sweep_capacity: Figure | None  # ended chats one retention worker masks within the deadline
    memorised_canaries: Figure | None  # canary tokens that reached the model's vocabulary


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## ", text, flags=re.MULTILINE)
    return {part.splitlines()[0].strip(): part for part in parts[1:] if part.strip()}


def _cells(section: str, first_cell: str) -> list[str] | None:
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells and cells[0] == first_cell:
            return cells
    return None


def _when(section: str) -> str:
    match = re.search(r"\*Ran (\d{4}-\d{2}-\d{2})", section) or re.search(r"(\d{4}-\d{2}-\d{2})", section)
    return f", run of {match.group(1)}" if match else ""


def read_measurements(path: Path = BENCHMARKS) -> Measurements:
    try:
        sections = _sections(path.read_text(encoding="utf-8"))
    except OSError:
        sections = {}
    masking = next((body for title, body in sections.items() if title.startswith("Masking quality")), "")
    prose = next((body for title, body in sections.items() if title.startswith("Names in prose")), "")
    sweep = next((body for title, body in sections.items() if title.startswith("Retention sweep")), "")
    memo = next((body for title, body in sections.items() if title.startswith("Memorisation")), "")

    recall = precision = prose_recall = capacity = canaries = None
    row = _cells(masking, "all")
    if row and len(row) > 2:
        where = f"{PAGE} § Masking quality and speed, table row “all”, Vern{_when(masking)}"
        recall, precision = Figure(row[1], where + ", recall"), Figure(row[2], where + ", precision")
    row = _cells(prose, "`names_dev.jsonl` (real news and web sentences), recall")
    if row and len(row) > 5:
        by_language = dict(zip(("nb", "nn", "da", "en"), row[1:5], strict=True))
        lowest = min(by_language, key=lambda lang: by_language[lang])
        prose_recall = Figure(f"{by_language[lowest]} ({lowest}); {row[5]} (all)",
                              f"{PAGE} § Names in prose and chat lines as people type them, row "
                              f"“names_dev.jsonl … recall”{_when(prose)}")
    match = re.search(r"keeps the (\d+)-minute guarantee for about ([\d,]+) ended chats", sweep)
    if match:
        capacity = Figure(f"{match.group(2)} / {match.group(1)} min",
                          f"{PAGE} § Retention sweep: masking N ended chats{_when(sweep)}")
    row = _cells(memo, "canary tokens in the model's word vocabulary")
    if row and len(row) > 1:
        canaries = Figure(row[1].strip("*"), f"{PAGE} § Memorisation, row “canary tokens in the model's word "
                                             f"vocabulary”, Vern's pipeline{_when(memo)}")
    return Measurements(recall, precision, prose_recall, capacity, canaries)
