#!/bin/sh
# Install the portal with its test tools and run every test (SQLite, or DATABASE_URL when set).
# Browser checks also need Chromium: sh scripts/install-browser-tools.sh (they skip without it).
set -e
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
# axe-core and the HTML checker, from the lock file, when npm is here: on a fresh clone
# (no node_modules yet; `-nt` is false under dash when a file is missing) or a newer lock file.
if command -v npm >/dev/null 2>&1; then
  if [ ! -e node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error || echo "npm ci failed: the browser checks will skip" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
