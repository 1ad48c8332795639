#!/usr/bin/env bash
# Audits every pin in requirements.lock with pip-audit, from a venv of its own (pip-audit's own
# dependencies must not move a Rasa pin). Needs an advisory source: PyPI's per-release JSON
# (the default) or OSV (AUDIT_SERVICE=osv). Where neither is reachable, pip-audit reports every
# package as "could not be audited"; docs/dependency-audit.md records what is known instead.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/find-python.sh)
venv=var/audit-venv
if [ ! -x "$venv/bin/pip-audit" ]; then
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pip-audit==2.10.1"
fi
exec "$venv/bin/pip-audit" -r requirements.lock --no-deps --disable-pip --progress-spinner off \
  --vulnerability-service "${AUDIT_SERVICE:-pypi}" "$@"
