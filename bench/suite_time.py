"""How long `make test` takes, in one process and on several, one run after the other on this machine.

    .venv/bin/python -m bench.suite_time                      # TEST_JOBS=0 (one process), then the Makefile's default
    .venv/bin/python -m bench.suite_time --jobs 2 --jobs 0    # any job counts, in that order

Each run is `make test TEST_JOBS=N` in this checkout (the model is trained first and not counted, as `make test`
does before pytest starts), timed from the start of pytest to its end. CPU is the user and system time of every
process the run started (pytest's workers, the stacks, Chromium), so a ratio of CPU to wall says how many cores the
suite kept busy. Writes var/bench/suite_time.json; asserts nothing. Nothing else should run on the machine meanwhile.
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
from typing import Any

from bench.results import ROOT, machine, now, write_result

OUTCOMES = ("passed", "failed", "errors", "skipped", "xfailed")


def default_jobs() -> str:
    """What the Makefile runs with when TEST_JOBS is not given."""
    printed = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", "-", "show-jobs"],
                             input="show-jobs:\n\t@echo $(TEST_JOBS)\n", cwd=ROOT, capture_output=True, text=True,
                             check=True)
    return printed.stdout.strip()


def counts(output: str) -> dict[str, int]:
    summary = [line for line in output.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    found = dict.fromkeys(OUTCOMES, 0)
    for number, outcome in re.findall(r"(\d+) (passed|failed|errors?|skipped|xfailed)", summary[-1] if summary else ""):
        found["errors" if outcome.startswith("error") else outcome] = int(number)
    return found


def run(jobs: str) -> dict[str, Any]:
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run([python, "-m", "bot.cli", "model", "ensure"], cwd=ROOT, check=True, capture_output=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(["make", "test", f"TEST_JOBS={jobs}", "PYTEST_ARGS=-q -p no:cacheprovider"], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures: dict[str, Any] = {
        "jobs": jobs,
        "wall_seconds": round(wall, 1),
        "user_seconds": round(after.ru_utime - before.ru_utime, 1),
        "system_seconds": round(after.ru_stime - before.ru_stime, 1),
        "exit_code": done.returncode,
        **counts(done.stdout),
    }
    figures["cores_busy"] = round((figures["user_seconds"] + figures["system_seconds"]) / wall, 2)
    print(f"TEST_JOBS={jobs}: {wall / 60:.1f} min wall, {figures['cores_busy']} cores busy, "
          + ", ".join(f"{figures[o]} {o}" for o in OUTCOMES if figures[o]), flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", action="append", help="TEST_JOBS for one run (repeat; default: 0, then make's)")
    args = parser.parse_args()
    started, machine_info = now(), machine()
    runs = [run(jobs) for jobs in (args.jobs or ["0", default_jobs()])]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    if len(runs) > 1 and runs[-1]["wall_seconds"]:
        print(f"first run / last run: {runs[0]['wall_seconds'] / runs[-1]['wall_seconds']:.2f}×")
    write_result("suite_time", {"commit": commit.strip(), "runs": runs}, started, machine_info)
    return 0 if all(r["exit_code"] == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
