"""The English source of Vern's words: `locales/source/*.yml`, one `key: English text` per line, read by
`pybabel extract` through `extract` below (babel.cfg names it) into locales/vern.pot.

A message's key becomes its gettext context (msgctxt) and the English its msgid, so two messages may share an
English text and still be translated apart. Comment lines directly above a key reach translators as the
message's note; a comment followed by a blank line (a section heading) does not. A key given twice, here or in
two files, is an error: the YAML reader alone would keep the last one without a word.

A message that counts something gives its two English forms instead of one text, and becomes a gettext plural
entry (msgid, msgid_plural; each language has as many msgstr[n] as its Plural-Forms header says):

    mail_minutes:
      one: '{count} minute'
      other: '{count} minutes'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

SOURCE_DIR = "source"  # under the locales directory


class SourceError(Exception):
    """A source file is not a list of `key: English text` lines, or repeats a key."""


@dataclass(frozen=True)
class SourceMessage:
    key: str
    english: str
    line: int  # 1-based, for the .pot's location comment
    note: str  # for translators: the comment lines right above the key, joined
    plural: str | None = None  # the English for a count other than one, if the message counts something

    @property
    def msgid(self) -> str | tuple[str, str]:
        """As Babel keeps it: the English, or (singular, plural)."""
        return self.english if self.plural is None else (self.english, self.plural)


def read_source(text: str, where: str) -> list[SourceMessage]:
    """The messages of one source file, in file order."""
    try:
        document = yaml.compose(text)
    except yaml.YAMLError as error:
        raise SourceError(f"{where}: not YAML ({error})") from None
    if document is None:
        return []
    if not isinstance(document, yaml.MappingNode):
        raise SourceError(f"{where}: expected `key: English text` lines")
    lines = text.splitlines()
    messages: list[SourceMessage] = []
    seen: set[str] = set()
    for key_node, value_node in document.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise SourceError(f"{where}:{line}: expected `key: English text`")
        key = str(key_node.value)
        english, plural = _english(value_node, f"{where}:{line}: {key}")
        if key in seen:
            raise SourceError(f"{where}:{line}: {key} is given twice")
        seen.add(key)
        messages.append(SourceMessage(key, english, line, _note_above(lines, line - 1), plural))
    return messages


def _english(node: yaml.Node, what: str) -> tuple[str, str | None]:
    """A text, or the `one:`/`other:` forms of a message that counts."""
    if isinstance(node, yaml.ScalarNode):
        forms: dict[str, str] = {"one": str(node.value)}
    elif isinstance(node, yaml.MappingNode) and all(
            isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode) for k, v in node.value):
        forms = {str(k.value): str(v.value) for k, v in node.value}
        if set(forms) != {"one", "other"}:
            raise SourceError(f"{what}: a message that counts gives exactly `one:` and `other:`")
    else:
        raise SourceError(f"{what}: expected an English text, or `one:` and `other:`")
    if not all(text.strip() for text in forms.values()):
        raise SourceError(f"{what} has no English text")
    return forms["one"], forms.get("other")


def _note_above(lines: list[str], index: int) -> str:
    notes: list[str] = []
    while index > 0 and lines[index - 1].lstrip().startswith("#"):
        index -= 1
        notes.insert(0, lines[index].lstrip().lstrip("#").strip())
    return " ".join(notes)


def source_files(locales_dir: Path) -> list[Path]:
    return sorted((locales_dir / SOURCE_DIR).glob("*.yml"))


def read_sources(paths: Iterable[Path]) -> list[SourceMessage]:
    """Every message of the source files; a key in two files is an error."""
    messages: list[SourceMessage] = []
    where: dict[str, str] = {}
    for path in paths:
        for message in read_source(path.read_text(encoding="utf-8"), str(path)):
            if message.key in where:
                raise SourceError(f"{path}:{message.line}: {message.key} is already given in {where[message.key]}")
            where[message.key] = str(path)
            messages.append(message)
    return messages


Extracted = tuple[int, str, tuple[str, ...], list[str]]  # line, keyword, its arguments, notes


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    """Babel's extraction method for a source file: each message as `pgettext(key, English)`, or
    `npgettext(key, singular, plural)` when it counts, whose keyword specs in Babel's defaults make the key the
    context."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    for message in read_source(text, getattr(fileobj, "name", "source")):
        notes = [message.note] if message.note else []
        if message.plural is None:
            yield message.line, "pgettext", (message.key, message.english), notes
        else:
            yield message.line, "npgettext", (message.key, message.english, message.plural), notes
