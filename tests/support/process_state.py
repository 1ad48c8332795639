"""A command run in-process, as a fresh process would run it: no settings or services cached by earlier tests.

`vern retention run --once` and friends read the environment once per process; in one pytest process an
earlier test may have cached settings (and services built on them) for another database."""

from __future__ import annotations

import pytest


def as_a_fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.config
    from bot import wiring

    monkeypatch.setattr(bot.config, "_cached", None)
    wiring.reset()
