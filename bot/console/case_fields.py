"""A case's details as labelled fields for the console, masked until revealed.

Details are what the person told the bot (a dict, possibly nested); the console
shows each as a label and a value, never as a Python dict."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

LABELS = {
    "scope": "What the person asks for",
    "what_is_wrong": "What is wrong",
    "correct_value": "The correct value",
    "processing": "Processing objected to",
    "ground": "Grounds",
    "reason": "Reason",
}


def label(key: str) -> str:
    return LABELS.get(key) or key.replace("_", " ").strip().capitalize() or "–"


def _value(value: Any, mask: Callable[[str], str]) -> str:
    if isinstance(value, Mapping):
        return case_fields(value, mask)
    if isinstance(value, (list, tuple, set)):
        items = "".join(f"<li>{_value(item, mask)}</li>" for item in value)
        return f"<ul>{items}</ul>" if items else "–"
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return html.escape(mask(str(value)))


def case_fields(details: Mapping[str, Any], mask: Callable[[str], str] = str) -> str:
    """<dl> of label/value pairs; `mask` is applied to every text value (the identity once revealed)."""
    if not details:
        return "<p>No details.</p>"
    rows = "".join(f"<dt>{html.escape(label(str(key)))}</dt><dd>{_value(value, mask)}</dd>"
                   for key, value in sorted(details.items(), key=lambda item: str(item[0])))
    return f'<dl class="case-fields">{rows}</dl>'


def made_by_line(made_by: str | None, child_reference: str | None, verified: str | None, reveal: bool,
                 history_kinds: frozenset[str] = frozenset()) -> str:
    """"Made by a guardian for child <ref>" on a guardian's case (bot.guardians.acting); the reference (a pupil
    number names a child as well as an address names a person) is shown only with the logged reveal."""
    if made_by != "guardian":
        return ""
    if not child_reference:
        child = "(reference unreadable)"
    else:
        child = html.escape(child_reference) if reveal else "[reference: reveal to see]"
    how = ("the guardian register confirmed the guardian" if verified == "register"
           else "no guardian register: verify by hand that this is the guardian")
    line = (f'<p class="made-by"><strong>Made by a guardian for child {child}</strong> ({html.escape(how)}). '
            "Answer the guardian at the contact address.</p>")
    # 16-17 (bot.guardians.young_notice): whether the young person was told, and above all whether they object.
    if "young_person_objected" in history_kinds:
        line += ('<p class="made-by young-objects"><strong>The young person objects.</strong> Do not carry out '
                 "the guardian's request before you have decided (see the history).</p>")
    elif "young_person_told" in history_kinds:
        line += '<p class="made-by">The young person was told by e-mail and has not objected.</p>'
    elif "young_person_to_be_told" in history_kinds:
        line += '<p class="made-by">The child is 16-17 and was not told by e-mail: tell the young person.</p>'
    return line


def detail_fields(details: dict[str, Any], prefix: str = "") -> list[tuple[str, object]]:
    """A case's details as label/value pairs; nested results (an erasure's counts per store) become
    one field each ("erased: consent records"), never a Python dict's repr."""
    fields: list[tuple[str, object]] = []
    for key, value in sorted(details.items()):
        label = f"{prefix}{str(key).replace('_', ' ')}"
        if isinstance(value, dict):
            fields += detail_fields(value, f"{label}: ")
        elif isinstance(value, bool):
            fields.append((label, "yes" if value else "no"))
        else:
            fields.append((label, value))
    return fields
