"""Where bench scripts leave their figures: var/bench/<name>.json, with the machine, date and command.

bench/report.py turns those files into docs/benchmarks.md, so a figure in the
doc always carries how and where it was made.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "var" / "bench"


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        # A busy machine slows every figure; the 1-minute load at the start says how busy it was.
        "load_at_start": round(os.getloadavg()[0], 2),
    }


def command() -> str:
    """The command as one would type it from the repository root."""
    script = Path(sys.argv[0]).resolve()
    try:
        shown = str(script.relative_to(ROOT))
    except ValueError:
        shown = sys.argv[0]
    if script.name != "__main__.py" and shown.startswith("bench/"):
        shown = f"-m {shown[:-3].replace('/', '.')}" if shown.endswith(".py") else shown
    return " ".join([".venv/bin/python", shown, *map(shlex.quote, sys.argv[1:])])


def write_result(name: str, figures: dict[str, Any], started: datetime, machine_info: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    record = {
        "name": name,
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": command(),
        "machine": machine_info,
        "figures": figures,
    }
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"figures written to {path.relative_to(ROOT)}")
    return path


def now() -> datetime:
    return datetime.now(timezone.utc)
