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
def names(item):
    return sorted(m.name for m in item.iter_markers() if m.name != "xdist_group")
class Markers:
    found = {"selected": {}, "deselected": {}, "groups": {}}
    def pytest_deselected(self, items):
        self.found["deselected"].update({i.nodeid: names(i) for i in items})
        self.found["groups"].update({i.nodeid: i.get_closest_marker("xdist_group").args[0] for i in items})
    def pytest_collection_finish(self, session):
        self.found["selected"].update({i.nodeid: names(i) for i in session.items})
        self.found["groups"].update({i.nodeid: i.get_closest_marker("xdist_group").args[0] for i in session.items})
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
# One test purges a second Redis database, the other only reads files the first made: both run in one worker.
DECOMMISSION = "tests/decommission/test_decommission.py"


@pytest.fixture(scope="module")
def fast_collection() -> dict[str, dict[str, set[str]]]:
    """`make test-fast`'s -m expression and xdist options over a few known tests."""
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    expression = re.search(r"^FAST_MARKERS := (.+)$", makefile, re.MULTILINE)
    xdist = re.search(r"^XDIST := -n \$\(TEST_JOBS\) (.+)$", makefile, re.MULTILINE)
    assert expression is not None and xdist is not None
    paths = [BROWSER_CONSOLE, BROWSER_WIDGET, STACK, PROBES, CONSENT, PLAIN, DECOMMISSION]
    result = subprocess.run([sys.executable, "-c", COLLECT, "-m", expression.group(1).strip(),
                             *xdist.group(1).split(), *paths],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    lines = [line for line in result.stdout.splitlines() if line.startswith("MARKERS ")]
    assert result.returncode == 0 and lines, result.stdout + result.stderr
    found = json.loads(lines[0].removeprefix("MARKERS "))
    groups = found.pop("groups")
    return {**{part: {node: set(names) for node, names in found[part].items()} for part in found},
            "groups": {node: {group} for node, group in groups.items()}}


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
    decommission = {node for node in selected if node.startswith(DECOMMISSION + "::")}
    assert set(selected) - decommission == {PLAIN, CONSENT + "[sqlite]", CONSENT + "[postgresql]"}
    assert decommission, "a Redis test without the model is a fast test"
    assert {BROWSER_CONSOLE, BROWSER_WIDGET, PROBES} <= set(deselected)
    assert any(node.startswith(STACK) for node in deselected)


def test_under_xdist_a_file_is_one_group(fast_collection: dict[str, dict[str, set[str]]]) -> None:
    # Each worker has its own stores, so nothing but a file's own module fixtures ties tests together.
    markers = {**fast_collection["selected"], **fast_collection["deselected"]}
    groups = {node: group for node, (group,) in fast_collection["groups"].items()}
    assert set(groups) == set(markers)
    assert all(group == node.split("::")[0] for node, group in groups.items())


def test_in_real_workers_a_file_stays_whole_and_each_worker_has_its_own_redis_database() -> None:
    """The groups are read in xdist's workers, where `dist` is "no": a file split over two workers would set its
    module's fixtures up twice, and two workers on one Redis database would flush each other's keys."""
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    xdist = re.search(r"^XDIST := -n \$\(TEST_JOBS\) (.+)$", makefile, re.MULTILINE)
    assert xdist is not None
    files = ["tests/pii/test_masking.py", "tests/consent/test_ages.py",
             "tests/verification/test_limits.py", "tests/verification/test_lifecycle.py"]
    result = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", *xdist.group(1).split(), "-v",
                             "-p", "no:cacheprovider", *files],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    ran = re.findall(r"^\[(gw\d+)\] .*?(?:PASSED|SKIPPED|XFAIL) (\S+?)::", result.stdout, re.MULTILINE)
    workers_per_file: dict[str, set[str]] = {}
    for worker, file in ran:
        workers_per_file.setdefault(file, set()).add(worker)
    assert set(workers_per_file) == set(files), result.stdout[-3000:]
    assert all(len(workers) == 1 for workers in workers_per_file.values()), workers_per_file
