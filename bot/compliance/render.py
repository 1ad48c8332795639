"""A compliance document (bot.compliance.record / .dpia) as Markdown or JSON: the same data, the same bytes.

Tables take their columns from the rows' keys, in order, with headings in the document's language; the
source column stays on every table so each statement can be traced to its setting, file or measurement."""

from __future__ import annotations

import html
import json
import re
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


def _inline_html(text: str) -> str:
    """Escaped text with the two Markdown marks the documents use: **bold** and `code`."""
    escaped = html.escape(text, quote=True)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def _section_html(section: dict[str, Any], w: Any, level: int) -> list[str]:
    tag = f"h{min(level, 6)}"
    parts = [f"<{tag} id='{html.escape(section['id'])}'>{html.escape(section['title'])}</{tag}>"]
    for paragraph in section.get("paragraphs", []):
        if paragraph.startswith("```"):
            parts.append("<pre>" + html.escape(paragraph.strip("`").strip("\n")) + "</pre>")
        else:
            parts.append(f"<p>{_inline_html(paragraph)}</p>")
    if section.get("note"):
        parts.append(f"<p><em>{_inline_html(section['note'])}</em></p>")
    rows = section.get("rows")
    if rows:
        columns = list(rows[0])
        head = "".join(f"<th>{html.escape(w.get(f'col_{c}', c))}</th>" for c in columns)
        body = "".join("<tr>" + "".join(f"<td>{_inline_html(str(row.get(c, '')))}</td>" for c in columns) + "</tr>"
                       for row in rows)
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    elif rows is not None and section.get("empty"):
        parts.append(f"<p>{_inline_html(section['empty'])}</p>")
    if section.get("after"):
        parts.append(f"<p>{_inline_html(section['after'])}</p>")
    for sub in section.get("sections", []):
        parts += _section_html(sub, w, level + 1)
    return parts


def to_html(document: dict[str, Any], level: int = 2) -> str:
    """The document as an HTML fragment (for the console), its title one level below the page's."""
    w = words(document["language"])
    parts = [f"<h{level}>{html.escape(document['title'])}</h{level}>"]
    for section in document["sections"]:
        parts += _section_html(section, w, level + 1)
    return "".join(parts)
