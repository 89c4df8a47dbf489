"""The portal on Redis (CACHE_URL): two server processes share one copy of each
page, and an edit made in a third process is seen by the next request of either.

Runs gunicorn against a SQLite file of its own; needs Redis on 127.0.0.1:6379
(TEST_REDIS_URL), skips without it, and fails without it when CI is set."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import closing

import pytest

from tests.helpers import FIXTURES, ROOT

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PORTS = range(8200, 8300)  # this project's ports on the shared machine
SOURCE = "000_f54fc7d57c954cef.txt"
HOST = "portail.test"


def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is needed in CI at {REDIS_URL}: {exc}")
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")
    return client


def free_port() -> int:
    for port in PORTS:
        with closing(socket.socket()) as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip("no free port in 8200-8299")


def get(port: int, path: str) -> str:
    # One host name for both servers, as behind the proxy of a real deployment.
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": HOST})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


@pytest.fixture
def portal(tmp_path):
    """A portal on a SQLite file with the samples; its pages in Redis under a prefix of its own."""
    redis = redis_client()
    prefix = f"iomnews-test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "ALLOWED_HOSTS": HOST,
        "EXPORT_DIR": str(tmp_path / "exports"),
        "DEBUG": "1",  # static files without collectstatic
    }
    for command in (["migrate", "-v0"], ["import_releases", str(FIXTURES)]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    servers = []
    yield env, servers
    for server in servers:
        server.terminate()
        server.wait(timeout=10)
    for key in redis.scan_iter(f"{prefix}:*"):
        redis.delete(key)


def start_server(env: dict, servers: list) -> int:
    port = free_port()
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    command = [gunicorn, "iomnews.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"]
    servers.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL))
    for _ in range(100):
        try:
            get(port, "/healthz")
            return port
        except OSError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not start")


def test_an_edit_is_seen_by_the_next_request_of_another_process(portal, tmp_path):
    env, servers = portal
    first, second = start_server(env, servers), start_server(env, servers)
    database = tmp_path / "portal.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        slug, title = db.execute(
            "SELECT slug, title FROM releases_release WHERE source = ?", [SOURCE]
        ).fetchone()
    page = f"/releases/{slug}/"
    assert title in get(first, page)

    # Changed behind the portal's back (no write through Django, so no new version):
    # the second server still shows the first one's copy, from Redis.
    from releases.search import stem_text

    with closing(sqlite3.connect(database)) as db:
        db.create_function("iomnews_stem", 1, stem_text, deterministic=True)
        db.execute("UPDATE releases_release SET title = 'Changé en douce' WHERE source = ?", [SOURCE])
        db.commit()
    assert title in get(second, page)

    # An editor's change, in a third process: both servers show it at their next request.
    edit = (
        "from releases.models import Release\n"
        f"release = Release.objects.get(source={SOURCE!r})\n"
        "release.title = 'Titre corrigé par une éditrice'\n"
        "release.save()\n"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "-c", edit], cwd=ROOT, env=env, check=True)
    assert "Titre corrigé par une éditrice" in get(second, page)
    assert "Titre corrigé par une éditrice" in get(first, page)
    assert "Titre corrigé par une éditrice" in get(first, "/")
