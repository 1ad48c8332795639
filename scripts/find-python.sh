#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains what to install.
# Rasa Open Source 3.6 runs on Python 3.8-3.10 only; Vern pins 3.10.
#
# Order: VERN_PYTHON, python3.10 on PATH, pyenv, the system python3, a standalone
# CPython fetched earlier into .python/, and last (unless VERN_NO_DOWNLOAD=1) a new
# download: uv from the package index into a tool venv, then `uv python install 3.10`.
# Ubuntu 24.04 ships 3.12 only, so without the download a newcomer's `make run`
# would stop at the first step. The container build (deploy/Containerfile) is the
# other way round a missing 3.10.
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
standalone_dir="$project/.python"      # where uv puts the CPython it fetches
uv_venv="$project/var/uv-venv"         # the tool venv that holds uv itself
UV_VERSION="0.13.9"                    # pinned: the download is reproducible

is_310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }
found() { echo "$1"; exit 0; }

for candidate in "${VERN_PYTHON:-}" python3.10; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null || true)
  if [ -n "$path" ] && is_310 "$path"; then found "$path"; fi
done
if command -v pyenv >/dev/null 2>&1; then
  for path in "$(pyenv root)"/versions/3.10.*/bin/python; do
    if [ -x "$path" ] && is_310 "$path"; then found "$path"; fi
  done
fi
for path in /usr/bin/python3 /usr/local/bin/python3; do
  if [ -x "$path" ] && is_310 "$path"; then found "$path"; fi
done
for path in "$standalone_dir"/cpython-3.10*/bin/python3.10; do
  if [ -x "$path" ] && is_310 "$path"; then found "$path"; fi
done

explain() {
  cat >&2 <<'MSG'
Vern needs Python 3.10 (Rasa Open Source 3.6 supports 3.8-3.10 only) and found none.
Install one of:
  - pyenv:          pyenv install 3.10
  - Debian/Ubuntu:  apt-get install python3.10 python3.10-venv   (deadsnakes PPA on Ubuntu)
  - or point VERN_PYTHON at a Python 3.10 interpreter: make run VERN_PYTHON=/path/to/python3.10
  - or build and run the container: see docs/operations.md ("Scaling out")
MSG
  exit 1
}

[ "${VERN_NO_DOWNLOAD:-0}" = "1" ] && explain
bootstrap=$(command -v python3 2>/dev/null || true)
if [ -z "$bootstrap" ]; then
  echo "No python3 at all to fetch uv with." >&2
  explain
fi

cat >&2 <<MSG
No Python 3.10 found on this machine. Downloading, once:
  - uv $UV_VERSION from the Python package index into var/uv-venv/
  - a standalone CPython 3.10 (about 40 MB) with uv into .python/
Set VERN_NO_DOWNLOAD=1 to stop this and install Python 3.10 yourself.
MSG
if ! { [ -x "$uv_venv/bin/uv" ] || {
         "$bootstrap" -m venv "$uv_venv" >&2 &&
         "$uv_venv/bin/pip" install --quiet --disable-pip-version-check "uv==$UV_VERSION" >&2; }; } ||
   ! UV_PYTHON_INSTALL_DIR="$standalone_dir" "$uv_venv/bin/uv" python install 3.10 >&2; then
  echo "The download failed (offline, or the package index is not reachable)." >&2
  explain
fi
path=$(UV_PYTHON_INSTALL_DIR="$standalone_dir" "$uv_venv/bin/uv" python find --managed-python 3.10 2>/dev/null || true)
if [ -n "$path" ] && is_310 "$path"; then found "$path"; fi
echo "uv installed a Python, but no 3.10 interpreter could be found in .python/." >&2
explain
