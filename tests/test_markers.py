"""Every test carries the markers of what it needs (tests/conftest.py reads them off its fixtures and helpers), so
`make test-fast` never waits for a model or a browser, and a new test gets them without anyone remembering."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from bot.config import PROJECT_ROOT

# Collects in a process of its own (this one is already a pytest session) with the given -m expression, and prints
# what it selected and deselected, each node id with its markers.
COLLECT = """
import json, sys, pytest
class Markers:
    found = {"selected": {}, "deselected": {}}
    def pytest_deselected(self, items):
        self.found["deselected"].update({i.nodeid: sorted(m.name for m in i.iter_markers()) for i in items})
    def pytest_collection_finish(self, session):
        self.found["selected"].update({i.nodeid: sorted(m.name for m in i.iter_markers()) for i in session.items})
        print("MARKERS " + json.dumps(self.found))
sys.exit(pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *sys.argv[1:]], plugins=[Markers()]))
"""

BROWSER_CONSOLE = ("tests/console/test_console_browser.py::"
                   "test_a_new_account_chooses_its_own_password_at_first_login")
BROWSER_WIDGET = "tests/e2e/test_widget.py::test_a_conversation_in_bokmal_with_the_notice_and_buttons"
STACK = "tests/e2e/test_rasa_api.py"
PROBES = "tests/conversations/test_probes.py::test_probes_are_understood_in_every_language"
CONSENT = "tests/consent/test_records.py::test_an_adult_consents_alone_and_withdrawal_takes_effect_at_once"
PLAIN = "tests/pii/test_masking.py::test_the_annex_tokens_replace_each_kind"


@pytest.fixture(scope="module")
def fast_collection() -> dict[str, dict[str, set[str]]]:
    """`make test-fast`'s -m expression over a few known tests."""
    expression = re.search(r"^FAST_MARKERS := (.+)$", (PROJECT_ROOT / "Makefile").read_text(), re.MULTILINE)
    assert expression is not None
    paths = [BROWSER_CONSOLE, BROWSER_WIDGET, STACK, PROBES, CONSENT, PLAIN]
    result = subprocess.run([sys.executable, "-c", COLLECT, "-m", expression.group(1).strip(), *paths],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    lines = [line for line in result.stdout.splitlines() if line.startswith("MARKERS ")]
    assert result.returncode == 0 and lines, result.stdout + result.stderr
    found = json.loads(lines[0].removeprefix("MARKERS "))
    return {part: {node: set(names) for node, names in found[part].items()} for part in found}


def test_markers_follow_what_a_test_needs(fast_collection: dict[str, dict[str, set[str]]]) -> None:
    markers = {**fast_collection["selected"], **fast_collection["deselected"]}
    # The console's browser tests drive Chromium against a web process on a PostgreSQL database; no Rasa.
    assert {"browser", "postgres"} <= markers[BROWSER_CONSOLE] and "rasa" not in markers[BROWSER_CONSOLE]
    # The widget's run in Chromium against the whole stack.
    assert {"browser", "rasa", "postgres", "redis"} <= markers[BROWSER_WIDGET]
    # A test of the running stack needs the model and the stores, not a browser.
    stack_tests = [node for node in markers if node.startswith(STACK)]
    assert stack_tests and all({"rasa", "postgres"} <= markers[n] and "browser" not in markers[n] for n in stack_tests)
    # The trained model loaded in-process, without the stack.
    assert "rasa" in markers[PROBES]
    # A fixture parametrised over stores marks only the PostgreSQL case.
    assert "postgres" in markers[CONSENT + "[postgresql]"]
    assert not markers[CONSENT + "[sqlite]"] & {"postgres", "rasa", "browser"}
    assert markers[PLAIN] == set()


def test_make_test_fast_leaves_out_the_model_and_the_browser(fast_collection: dict[str, dict[str, set[str]]]) -> None:
    selected, deselected = fast_collection["selected"], fast_collection["deselected"]
    assert set(selected) == {PLAIN, CONSENT + "[sqlite]", CONSENT + "[postgresql]"}
    assert {BROWSER_CONSOLE, BROWSER_WIDGET, PROBES} <= set(deselected)
    assert any(node.startswith(STACK) for node in deselected)
