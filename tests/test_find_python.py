"""How `make run` finds Python 3.10 on a machine that has none (Ubuntu 24.04 ships 3.12).

The download itself cannot happen offline, so uv and pip are stand-ins that do what
the real ones do to the file system; the decisions of scripts/find-python.sh are real."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "find-python.sh"


def _executable(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/bash\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


# A Python that is not 3.10: fails the version check, and makes a venv whose pip "installs" uv.
FAKE_PYTHON3 = r"""
echo "python3 $*" >> "$CALLS"
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  cat > "$3/bin/pip" <<'PIP'
#!/bin/bash
echo "pip $*" >> "$CALLS"
dir=$(dirname "$0")
cp "$FAKE_UV" "$dir/uv"
PIP
  chmod +x "$3/bin/pip"
  exit 0
fi
exit 1
"""

# uv: `python install` puts a CPython 3.10 where UV_PYTHON_INSTALL_DIR says; `python find` prints it.
FAKE_UV = r"""
echo "uv $* dir=$UV_PYTHON_INSTALL_DIR" >> "$CALLS"
[ "${UV_FAILS:-0}" = "1" ] && { echo "error: dns error" >&2; exit 2; }
target="$UV_PYTHON_INSTALL_DIR/cpython-3.10.19-linux-x86_64-gnu/bin/python3.10"
if [ "$1 $2" = "python install" ]; then
  mkdir -p "$(dirname "$target")"
  printf '#!/bin/bash\nexit 0\n' > "$target"; chmod +x "$target"; exit 0
fi
if [ "$1 $2" = "python find" ]; then [ -x "$target" ] && echo "$target" && exit 0; exit 2; fi
exit 2
"""


@pytest.fixture
def machine(tmp_path: Path) -> dict[str, Path]:
    """A project checkout and a PATH with a python3 that is not 3.10, no pyenv and no python3.10."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(SCRIPT, project / "scripts" / "find-python.sh")
    bin_dir = tmp_path / "bin"
    _executable(bin_dir / "python3", FAKE_PYTHON3)
    _executable(tmp_path / "uv", FAKE_UV)
    for tool in ("bash", "dirname", "cat", "mkdir", "cp", "chmod", "printf"):
        found = shutil.which(tool)
        assert found, tool
        os.symlink(found, bin_dir / tool)
    return {"project": project, "bin": bin_dir, "calls": tmp_path / "calls.log", "uv": tmp_path / "uv"}


def find(machine: dict[str, Path], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": str(machine["bin"]), "CALLS": str(machine["calls"]), "FAKE_UV": str(machine["uv"]),
                   "HOME": str(machine["project"]), **env}
    return subprocess.run(["bash", str(machine["project"] / "scripts" / "find-python.sh")], env=environment,
                          capture_output=True, text=True, timeout=60, check=False)


def calls(machine: dict[str, Path]) -> str:
    return machine["calls"].read_text() if machine["calls"].exists() else ""


def test_without_python_3_10_it_says_what_it_downloads_and_uses_a_standalone_cpython(machine):
    result = find(machine)
    assert result.returncode == 0, result.stderr
    interpreter = Path(result.stdout.strip())
    assert interpreter.is_relative_to(machine["project"] / ".python"), interpreter
    assert "Downloading" in result.stderr and "uv 0.13.9" in result.stderr and ".python/" in result.stderr
    log = calls(machine)
    assert "-m venv" in log and "install --quiet --disable-pip-version-check uv==0.13.9" in log
    assert f"uv python install 3.10 dir={machine['project'] / '.python'}" in log


def test_a_standalone_cpython_fetched_before_is_used_without_downloading_again(machine):
    assert find(machine).returncode == 0
    machine["calls"].unlink()
    again = find(machine)
    assert again.returncode == 0 and "/.python/cpython-3.10" in again.stdout
    assert "Downloading" not in again.stderr and calls(machine) == ""


def test_no_download_when_the_operator_says_so(machine):
    result = find(machine, VERN_NO_DOWNLOAD="1")
    assert result.returncode == 1 and result.stdout == ""
    assert "Vern needs Python 3.10" in result.stderr and "pyenv install 3.10" in result.stderr
    assert calls(machine) == "" and not (machine["project"] / "var").exists()


def test_offline_the_download_fails_with_todays_explanation(machine):
    result = find(machine, UV_FAILS="1")
    assert result.returncode == 1 and result.stdout == ""
    assert "download failed" in result.stderr and "Vern needs Python 3.10" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_python_3_10_named_by_the_operator_wins_and_nothing_is_downloaded(machine, tmp_path):
    own = tmp_path / "own" / "python3.10"
    _executable(own, "exit 0\n")
    result = find(machine, VERN_PYTHON=str(own))
    assert result.returncode == 0 and result.stdout.strip() == str(own)
    assert calls(machine) == ""
