"""A command run in-process, as a fresh process would run it: no settings or services cached by earlier tests.

`vern retention run --once` and friends read the environment once per process; in one pytest process an
earlier test may have cached settings (and services built on them) for another database."""

from __future__ import annotations

import pytest


def as_a_fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.config
    from bot.audit.service import audit_trail
    from bot.dsr import factory as dsr_factory
    from bot.handoff.factory import handoff_service
    from bot.retention.erasure import chat_eraser
    from bot.services.pii_warning import pii_guard

    monkeypatch.setattr(bot.config, "_cached", None)
    for cached in (audit_trail, handoff_service, chat_eraser, pii_guard, dsr_factory.request_flow,
                   dsr_factory.consent_sessions):
        cached.cache_clear()
