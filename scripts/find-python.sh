#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains what to install.
# Rasa Open Source 3.6 runs on Python 3.8-3.10 only; Vern pins 3.10.
set -euo pipefail
is_310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }
for candidate in "${VERN_PYTHON:-}" python3.10; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null || true)
  if [ -n "$path" ] && is_310 "$path"; then echo "$path"; exit 0; fi
done
if command -v pyenv >/dev/null 2>&1; then
  for path in "$(pyenv root)"/versions/3.10.*/bin/python; do
    if [ -x "$path" ] && is_310 "$path"; then echo "$path"; exit 0; fi
  done
fi
for path in /usr/bin/python3 /usr/local/bin/python3; do
  if [ -x "$path" ] && is_310 "$path"; then echo "$path"; exit 0; fi
done
cat >&2 <<'MSG'
Vern needs Python 3.10 (Rasa Open Source 3.6 supports 3.8-3.10 only) and found none.
Install one of:
  - pyenv:          pyenv install 3.10
  - Debian/Ubuntu:  apt-get install python3.10 python3.10-venv   (deadsnakes PPA on Ubuntu)
  - or point VERN_PYTHON at a Python 3.10 interpreter: make run VERN_PYTHON=/path/to/python3.10
MSG
exit 1
