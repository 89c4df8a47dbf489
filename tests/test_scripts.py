"""The set-up scripts as a newcomer runs them: under dash (`sh`), in a copy of the
project whose Python and npm are stand-ins that record how they were called."""

import os
import shutil
import subprocess

import pytest

from tests.helpers import ROOT

SH = shutil.which("dash") or shutil.which("sh")


def fake_project(tmp_path, script: str):
    """A project folder with the script, a lock file, and stand-ins for .venv's Python and npm."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / script, tmp_path / "scripts" / script)
    (tmp_path / "package-lock.json").write_text("{}")
    calls = tmp_path / "calls.log"
    bin_dir = tmp_path / "bin"
    for stand_in in (tmp_path / ".venv" / "bin" / "python", bin_dir / "npm"):
        stand_in.parent.mkdir(parents=True, exist_ok=True)
        stand_in.write_text(f'#!/bin/sh\necho "$(basename "$0") $*" >> "{calls}"\n')
        stand_in.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    return env, calls


def run(tmp_path, script, env):
    return subprocess.run(
        [SH, str(tmp_path / "scripts" / script)], env=env, capture_output=True, text=True, timeout=60
    )


def test_test_script_installs_the_browser_checkers_on_a_fresh_clone(tmp_path):
    env, calls = fake_project(tmp_path, "test.sh")
    result = run(tmp_path, "test.sh", env)
    assert result.returncode == 0, result.stderr
    assert "npm ci --no-audit" in calls.read_text()  # no node_modules yet: installed


def test_test_script_leaves_up_to_date_checkers_alone(tmp_path):
    env, calls = fake_project(tmp_path, "test.sh")
    installed = tmp_path / "node_modules" / ".package-lock.json"
    installed.parent.mkdir()
    installed.write_text("{}")
    os.utime(tmp_path / "package-lock.json", (1_000_000, 1_000_000))  # older than node_modules
    assert run(tmp_path, "test.sh", env).returncode == 0
    log = calls.read_text()
    assert "npm" not in log and "python -m pytest" in log


def test_serve_script_says_how_to_get_into_the_admin(tmp_path):
    env, calls = fake_project(tmp_path, "serve.sh")
    result = run(tmp_path, "serve.sh", {**env, "PORT": "8421"})
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8421/admin/" in result.stdout
    assert "manage.py create_editor" in result.stdout
    assert "python manage.py runserver 127.0.0.1:8421" in calls.read_text()


@pytest.mark.parametrize("script", ["test.sh", "serve.sh"])
def test_scripts_are_plain_posix_shell(script):
    dash = shutil.which("dash")
    if not dash:
        pytest.skip("no dash on this machine")
    assert subprocess.run([dash, "-n", str(ROOT / "scripts" / script)]).returncode == 0
