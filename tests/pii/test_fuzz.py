"""The detector never crashes and never stalls, whatever arrives in the free-text field."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.pii import detect, mask

PIECES = st.sampled_from(
    ["@", ".", "-", " ", "+47", "0", "9", "Kari", "gate", "(at)", "dot", "\u0000", "æøå", "é", "NO93", "\n", "mvh"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_is_handled(text: str) -> None:
    masked = mask(text)
    assert isinstance(masked, str)
    for span in detect(text):
        assert 0 <= span.start < span.end <= len(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=200).map("".join))
def test_adversarial_mixtures_are_handled(text: str) -> None:
    assert isinstance(mask(text), str)


def test_pathological_input_does_not_stall() -> None:
    # Classic catastrophic-backtracking shapes for e-mail, number and address patterns.
    nasty = [
        "a" * 5000 + "@",
        "a." * 3000 + "@example",
        "1 " * 4000,
        "1-" * 4000 + "x",
        ("Storgata " * 600) + "x",
        "@" * 8000,
        ("Kari " * 1500),
    ]
    for text in nasty:
        started = time.perf_counter()
        mask(text)
        # Generous: this guards against exponential blow-up, not speed.
        assert time.perf_counter() - started < 20, f"stalled on a {len(text)}-character input"
