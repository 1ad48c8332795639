"""The English source of Vern's words: `locales/source/*.yml`, one `key: English text` per line, read by
`pybabel extract` through `extract` below (babel.cfg names it) into locales/vern.pot.

A message's key becomes its gettext context (msgctxt) and the English its msgid, so two messages may share an
English text and still be translated apart. Comment lines directly above a key reach translators as the
message's note; a comment followed by a blank line (a section heading) does not. A key given twice, here or in
two files, is an error: the YAML reader alone would keep the last one without a word.
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
        if not isinstance(key_node, yaml.ScalarNode) or not isinstance(value_node, yaml.ScalarNode):
            raise SourceError(f"{where}:{line}: expected `key: English text`")
        key, english = str(key_node.value), str(value_node.value)
        if key in seen:
            raise SourceError(f"{where}:{line}: {key} is given twice")
        if not english.strip():
            raise SourceError(f"{where}:{line}: {key} has no English text")
        seen.add(key)
        messages.append(SourceMessage(key, english, line, _note_above(lines, line - 1)))
    return messages


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


Extracted = tuple[int, str, tuple[str, str], list[str]]  # line, keyword, its arguments, notes


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    """Babel's extraction method for a source file: each message as `pgettext(key, English)`, whose keyword
    spec in Babel's defaults makes the key the context."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    for message in read_source(text, getattr(fileobj, "name", "source")):
        yield message.line, "pgettext", (message.key, message.english), [message.note] if message.note else []
