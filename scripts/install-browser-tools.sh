#!/bin/sh
# The tools of the browser checks (tests/browser): Debian's Chromium, axe-core and the
# Nu HTML Checker from npm, and Java to run the checker. Never downloads a browser of its own.
set -e
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=""
command -v chromium >/dev/null 2>&1 || missing="chromium chromium-driver fonts-liberation"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi
npm ci --no-audit --no-fund --loglevel=error
