"""Case references a person can read aloud and type back: `VRN-7F3K-Q2`.

Crockford's base32 leaves out I, L, O and U, so there is no 1/I/L or 0/O to
confuse and no accidental words. Six random characters give about a billion
references: unguessable enough that a reference alone reveals nothing (the
status lookup also needs the address anyway), and short enough for a phone.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from bot.cases.errors import ReferenceExhausted

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "VRN"
RANDOM_CHARS = 6
MAX_ATTEMPTS = 8

REFERENCE_PATTERN = re.compile(rf"^{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}$")
# What people type: any case, any dashes or spaces, and the letters Crockford
# decodes to digits (O -> 0, I and L -> 1).
_TYPED = re.compile(r"\bV\s*R\s*N[\s\-_]*((?:[0-9A-Z][\s\-]?){5}[0-9A-Z])(?![0-9A-Z])", re.IGNORECASE)
_CROCKFORD_READS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_reference(choose: Callable[[str], str] = secrets.choice) -> str:
    chars = "".join(choose(ALPHABET) for _ in range(RANDOM_CHARS))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def unique_reference(is_taken: Callable[[str], bool], generate: Callable[[], str] = new_reference) -> str:
    """A reference no case has yet; the unique constraint still guards the race."""
    for _ in range(MAX_ATTEMPTS):
        candidate = generate()
        if not is_taken(candidate):
            return candidate
    raise ReferenceExhausted(f"no free case reference after {MAX_ATTEMPTS} attempts")


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Where case references are typed in `text`: they are Vern's own, never a person's data."""
    return [match.span() for match in _TYPED.finditer(text or "")]


def is_reference(text: str) -> bool:
    return bool(REFERENCE_PATTERN.match(text))


def normalise_reference(text: str) -> str | None:
    """The canonical reference in what a user typed ("vrn 7f3k q2"), or None."""
    match = _TYPED.search(text or "")
    if match is None:
        return None
    chars = re.sub(r"[\s\-]", "", match.group(1)).upper().translate(_CROCKFORD_READS)
    candidate = f"{PREFIX}-{chars[:4]}-{chars[4:]}"
    return candidate if is_reference(candidate) else None
