"""wrk, the load client of the portal benchmark: one run, and rows of paths that
change at every request (a Lua script hands wrk the paths in turns)."""

import os
import re
import subprocess
import tempfile
from pathlib import Path

# wrk's threads take the paths in turns, so that no path is asked twice.
VARIED_SCRIPT = """
local paths, position, threads = {}, 1, 0
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
function setup(thread) threads = threads + 1; thread:set("first", threads) end
function init(args) position = tonumber(wrk.thread:get("first")) end
function request()
  local path = paths[(position - 1) % #paths + 1]
  position = position + 2
  return wrk.format("GET", path)
end
"""

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(figure: str) -> float:
    """wrk's "81.23ms", "950.00us", "1.02s" in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", figure).groups()
    return float(number) * UNITS_MS[unit]


def wrk(url: str, seconds: int, connections: int, script: Path | None = None, paths_file: Path | None = None):
    """{rps, median, p99, errors, requests} of one wrk run (median and p99 as wrk prints them)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    env = {**os.environ, "PATHS_FILE": str(paths_file or "")}
    out = subprocess.run(
        [*command, *(["-s", str(script)] if script else []), url],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "median": re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1),
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }


def header(title: str) -> None:
    print(f"\n{title}")
    print(f"{'page':<46} {'req/s':>8} {'median':>9} {'p99':>9} {'errors':>7}")


def line(name: str, result: dict, note: str) -> None:
    figures = f"{result['rps']:>8.0f} {result['median']:>9} {result['p99']:>9} {result['errors']:>7}"
    print(f"{name:<46} {figures}   ({note})", flush=True)


def varied_rows(base: str, rows: dict[str, list[str]], seconds: int, connections: int) -> dict[str, dict]:
    """One wrk run per row, each request another path; prints and returns the figures.

    Before each row, a 2 s warm-up takes its paths from the end of the list, so
    that the server has run that kind of page but not cached these paths."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "varied.lua"
        script.write_text(VARIED_SCRIPT)
        for name, paths in rows.items():
            paths_file = Path(tmp) / "paths.txt"
            paths_file.write_text("\n".join(reversed(paths)) + "\n")
            wrk(base, 2, connections, script, paths_file)
            paths_file.write_text("\n".join(paths) + "\n")
            result = wrk(base, seconds, connections, script, paths_file)
            repeated = " SOME ASKED TWICE" if result["requests"] > len(paths) else ""
            line(name, result, f"uncached: {result['requests']} requests, {len(paths)} paths{repeated}")
            results[name] = result
    return results
