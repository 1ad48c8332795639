"""A compliance document (bot.compliance.record / .dpia) as Markdown or JSON: the same data, the same bytes.

Tables take their columns from the rows' keys, in order, with headings in the document's language; the
source column stays on every table so each statement can be traced to its setting, file or measurement."""

from __future__ import annotations

import json
from typing import Any

from bot.compliance.words import words


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(rows: list[dict[str, str]], w: Any) -> list[str]:
    columns = list(rows[0])
    lines = ["| " + " | ".join(w.get(f"col_{column}", column) for column in columns) + " |",
             "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(row.get(column, "")) for column in columns) + " |" for row in rows]
    return lines


def _section(section: dict[str, Any], w: Any, level: int) -> list[str]:
    lines = ["#" * level + " " + section["title"], ""]
    for paragraph in section.get("paragraphs", []):
        lines += [paragraph, ""]
    if section.get("note"):
        lines += [f"*{section['note']}*", ""]
    rows = section.get("rows")
    if rows:
        lines += _table(rows, w) + [""]
    elif rows is not None and section.get("empty"):
        lines += [section["empty"], ""]
    if section.get("after"):
        lines += [section["after"], ""]
    for sub in section.get("sections", []):
        lines += _section(sub, w, level + 1)
    return lines


def to_markdown(document: dict[str, Any]) -> str:
    w = words(document["language"])
    lines = [f"# {document['title']}", "", "*" + w["generated_note"].format(command=document["generated_by"]) + "*", ""]
    for section in document["sections"]:
        lines += _section(section, w, 2)
    return "\n".join(lines).rstrip("\n") + "\n"


def render(document: dict[str, Any], fmt: str) -> str:
    return to_json(document) if fmt == "json" else to_markdown(document)
