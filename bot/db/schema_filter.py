"""Which tables Vern's migrations own."""

from typing import Any

# Rasa's SQL tracker store creates and migrates its own `events` table.
FOREIGN_TABLES = frozenset({"events"})


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (type_ == "table" and name in FOREIGN_TABLES)
