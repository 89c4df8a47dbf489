#!/bin/sh
# Install the portal, import the sample pages and serve it on http://127.0.0.1:8000/ (SQLite).
# PORT=8123 sh scripts/serve.sh serves on another port.
set -e
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py import_releases fixtures
.venv/bin/python manage.py collectstatic --noinput -v0
cat <<HINT

Portail : http://127.0.0.1:$PORT/
Espace éditeurs : http://127.0.0.1:$PORT/admin/ — pour y entrer, créez d’abord un compte d’éditeur
(mot de passe demandé, ou pris dans \$IOMNEWS_EDITOR_PASSWORD) :

    .venv/bin/python manage.py create_editor VOTRE_NOM --email vous@example.org

HINT
exec .venv/bin/python manage.py runserver "127.0.0.1:$PORT"
