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
