#!/bin/sh
# Install the portal, import the sample pages and serve it on http://127.0.0.1:8000/ (SQLite).
set -e
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py import_releases fixtures
.venv/bin/python manage.py collectstatic --noinput -v0
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
