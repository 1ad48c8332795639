"""A case's details as labelled fields for the console, masked until revealed.

Details are what the person told the bot (a dict, possibly nested); the console
shows each as a label and a value, never as a Python dict. The words are the console's (`say`), English by
default (the tests, and callers without a request)."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

from bot.i18n import translate
from bot.i18n.catalog import SOURCE_LANGUAGE

# The details the bot asks for have a label in the catalog (console_field_<name>); others show their own name.
LABELLED = frozenset({"scope", "what_is_wrong", "correct_value", "processing", "ground", "reason"})
Say = Callable[..., str]  # (key, **values) -> the console's words (bot.web.console.pages.say)


def _english(key: str, **values: object) -> str:
    return translate(key, SOURCE_LANGUAGE, **values)


def label(key: str, say: Say = _english) -> str:
    if key in LABELLED:
        return say(f"console_field_{key}")
    return key.replace("_", " ").strip().capitalize() or "–"


def _value(value: Any, mask: Callable[[str], str], say: Say) -> str:
    if isinstance(value, Mapping):
        return case_fields(value, mask, say)
    if isinstance(value, (list, tuple, set)):
        items = "".join(f"<li>{_value(item, mask, say)}</li>" for item in value)
        return f"<ul>{items}</ul>" if items else "–"
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return html.escape(say("console_yes" if value else "console_no"))
    return html.escape(mask(str(value)))


def case_fields(details: Mapping[str, Any], mask: Callable[[str], str] = str, say: Say = _english) -> str:
    """<dl> of label/value pairs; `mask` is applied to every text value (the identity once revealed)."""
    if not details:
        return f"<p>{html.escape(say('console_no_details'))}</p>"
    rows = "".join(f"<dt>{html.escape(label(str(key), say))}</dt><dd>{_value(value, mask, say)}</dd>"
                   for key, value in sorted(details.items(), key=lambda item: str(item[0])))
    return f'<dl class="case-fields">{rows}</dl>'


def made_by_line(made_by: str | None, child_reference: str | None, verified: str | None, reveal: bool,
                 history_kinds: frozenset[str] = frozenset(), say: Say = _english) -> str:
    """"Made by a guardian for child <ref>" on a guardian's case (bot.guardians.acting); the reference (a pupil
    number names a child as well as an address names a person) is shown only with the logged reveal."""
    if made_by != "guardian":
        return ""
    if not child_reference:
        child = say("console_child_unreadable")
    else:
        child = child_reference if reveal else say("console_child_hidden")
    how = say("console_guardian_confirmed" if verified == "register" else "console_guardian_unconfirmed")
    made = say("console_made_by_guardian", child=child)
    line = (f'<p class="made-by"><strong>{html.escape(made)}</strong> ({html.escape(how)}). '
            f'{html.escape(say("console_answer_guardian"))}</p>')
    # 16-17 (bot.guardians.young_notice): whether the young person was told, and above all whether they object.
    if "young_person_objected" in history_kinds:
        line += (f'<p class="made-by young-objects"><strong>{html.escape(say("console_young_objects"))}</strong> '
                 f'{html.escape(say("console_young_objects_wait"))}</p>')
    elif "young_person_told" in history_kinds:
        line += f'<p class="made-by">{html.escape(say("console_young_told"))}</p>'
    elif "young_person_to_be_told" in history_kinds:
        line += f'<p class="made-by">{html.escape(say("console_young_to_be_told"))}</p>'
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
