"""Benchmarks: figures to read, never assertions."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_folder() -> Path:
    """The team's shared folder (development sets, scorer): beside the checkout, or beside its parent
    when the checkout is a worktree one level deeper (/work/wt/NAME next to /work/shared)."""
    for candidate in (ROOT.parent / "shared", ROOT.parents[1] / "shared"):
        if candidate.exists():
            return candidate
    return ROOT.parent / "shared"
