"""Checking the chain: any changed, removed, reordered or cut-off entry is found and located."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.audit.chain import GENESIS_HASH, entry_hash
from bot.audit.checkpoint import Checkpoint
from bot.audit.log import StoredEntry


@dataclass(frozen=True)
class Verification:
    ok: bool
    count: int
    head: str
    problem: str = ""  # what is wrong, in words an auditor reads; no entry contents
    at_seq: int | None = None


def verify_entries(
    entries: Iterable[StoredEntry], checkpoint: Checkpoint | None = None, start: tuple[int, str] | None = None
) -> Verification:
    """`start`: (entries cut, head hash at the cut) from a signed cut (bot.audit.prune); else the genesis."""
    count, expected_prev = start if start is not None else (0, GENESIS_HASH)
    expected_seq = count + 1
    # A checkpoint older than the cut was checked when the cut was signed.
    seen_checkpoint = checkpoint is None or (start is not None and checkpoint.count <= start[0])
    if checkpoint is not None and start is not None and checkpoint.count == start[0] and checkpoint.head != start[1]:
        return Verification(False, count, expected_prev, f"entry {count} differs from the checkpoint", count)
    for entry in entries:
        if entry.seq != expected_seq:
            kind = "missing" if entry.seq > expected_seq else "out of order"
            return Verification(False, count, expected_prev, f"entry {expected_seq} is {kind}", expected_seq)
        if entry.prev_hash != expected_prev:
            problem = f"entry {entry.seq} does not follow the one before"
            return Verification(False, count, expected_prev, problem, entry.seq)
        digest = entry_hash(entry.prev_hash, entry.seq, entry.recorded_at, entry.event, entry.subject, entry.details)
        if digest != entry.entry_hash:
            return Verification(False, count, expected_prev, f"entry {entry.seq} was modified", entry.seq)
        count += 1
        expected_prev = entry.entry_hash
        expected_seq += 1
        if checkpoint is not None and entry.seq == checkpoint.count:
            if entry.entry_hash != checkpoint.head:
                problem = f"entry {entry.seq} differs from the checkpoint"
                return Verification(False, count, expected_prev, problem, entry.seq)
            seen_checkpoint = True
    if not seen_checkpoint and checkpoint is not None:
        return Verification(
            False, count, expected_prev,
            f"the log holds {count} entries but the checkpoint saw {checkpoint.count}: it was truncated",
            count + 1,
        )
    return Verification(True, count, expected_prev)
