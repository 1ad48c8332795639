"""The code lifecycle as a state machine: Hypothesis drives random sequences of requests,
right and wrong entries and the passing of time, and a small model says what must happen."""

from __future__ import annotations

import asyncio

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from bot.clock import FrozenClock
from bot.verification import (
    CodeCheckStatus,
    CodeRequestStatus,
    MemoryShortLivedStore,
    VerificationService,
)
from tests.verification.fakes import SECRET_KEY, START, RecordingSender, other_code

EMAIL = "kari@example.org"
# One chat asking for one address: its share of the address's five codes an hour is three.
TTL, COOLDOWN, MAX_WRONG, PER_HOUR = 600, 60, 5, 3


class CodeLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FrozenClock(START)
        self.sender = RecordingSender()
        self.service = VerificationService(MemoryShortLivedStore(monotonic=self._monotonic), self.sender,
                                           self.clock, SECRET_KEY)
        self.now = 0.0
        self.sends: list[float] = []  # times of codes sent
        self.code: str | None = None
        self.code_sent_at = 0.0
        self.failures = 0
        self.used = False
        self.verified = False

    def _monotonic(self) -> float:
        return self.now

    def run(self, coroutine):  # type: ignore[no-untyped-def]
        return asyncio.run(coroutine)

    @rule(seconds=st.integers(min_value=1, max_value=900))
    def time_passes(self, seconds: int) -> None:
        self.now += seconds
        self.clock.advance(seconds=seconds)

    @precondition(lambda self: not self.verified)
    @rule()
    def ask_for_a_code(self) -> None:
        result = self.run(self.service.request_code("conv", "req", EMAIL, "nb"))
        in_hour = [t for t in self.sends if self.now - t < 3600]
        if len(in_hour) >= PER_HOUR:
            assert result.status is CodeRequestStatus.RATE_LIMITED
        elif self.sends and self.now - self.sends[-1] < COOLDOWN:
            assert result.status is CodeRequestStatus.COOLDOWN
        else:
            assert result.status is CodeRequestStatus.SENT
            self.sends.append(self.now)
            self.code, self.code_sent_at, self.failures, self.used = self.sender.last_code, self.now, 0, False

    def _alive(self) -> bool:
        return (self.code is not None and not self.used and self.failures < MAX_WRONG
                and self.now - self.code_sent_at < TTL)

    @precondition(lambda self: self.code is not None)
    @rule()
    def enter_the_right_code(self) -> None:
        alive = self._alive()
        assert self.code is not None
        result = self.run(self.service.check_code("conv", "req", self.code))
        if alive:
            assert result.status is CodeCheckStatus.VERIFIED
            self.used = self.verified = True
        else:
            assert result.status is not CodeCheckStatus.VERIFIED or self.verified

    @precondition(lambda self: self.code is not None)
    @rule()
    def enter_a_wrong_code(self) -> None:
        alive = self._alive()
        assert self.code is not None
        result = self.run(self.service.check_code("conv", "req", other_code(self.code)))
        assert result.status is not CodeCheckStatus.VERIFIED or self.verified
        if alive:
            self.failures += 1
            if self.failures >= MAX_WRONG:
                assert result.status is CodeCheckStatus.LOCKED
            else:
                assert result.status is CodeCheckStatus.WRONG
                assert result.attempts_left == MAX_WRONG - self.failures

    @invariant()
    def verified_only_by_the_right_code(self) -> None:
        if not self.verified:
            assert not self.run(self.service.is_verified("conv", "req"))


TestCodeLifecycle = CodeLifecycle.TestCase
TestCodeLifecycle.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
