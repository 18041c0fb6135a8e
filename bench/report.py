"""The printed table and the JSON file of a bench run."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _fmt(value, digits=1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def machine_info(db_version: str) -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": db_version,
    }


def commit() -> dict:
    def git(*args):
        result = subprocess.run(  # noqa: S603 (git, fixed arguments)
            ["git", *args],  # noqa: S607 (git from PATH)
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    return {"hash": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
    return connection.vendor


def print_open_model(result: dict, out=sys.stdout) -> None:
    o = result["open_model"]
    print(
        f"\nOpen model: {o['offered_rps']} req/s offered ({o['arrivals']}), {o['duration_s']} s, "
        f"{o['scheduled_requests']} requests scheduled; latency from the scheduled time",
        file=out,
    )
    header = (
        f"{'endpoint':<20} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'req/s':>7} {'SQL/req':>7}  budget p95"
    )
    print(header, file=out)
    print("-" * len(header), file=out)
    for name, e in o["endpoints"].items():
        verdict = "ok" if e["within_budget"] else "OVER"
        print(
            f"{name:<20} {e['requests']:>8} {e['errors']:>6} {_fmt(e['p50_ms']):>8} "
            f"{_fmt(e['p95_ms']):>8} {_fmt(e['p99_ms']):>8} {_fmt(e['rps']):>7} "
            f"{_fmt(e['queries_per_request']):>7}  {e['budget_p95_ms']:>4} {verdict}",
            file=out,
        )
    t = o["total"]
    print("-" * len(header), file=out)
    print(
        f"{'all':<20} {t['requests']:>8} {t['errors']:>6} {_fmt(t['p50_ms']):>8} "
        f"{_fmt(t['p95_ms']):>8} {_fmt(t['p99_ms']):>8} {_fmt(t['rps']):>7} "
        f"{_fmt(t['queries_per_request']):>7}",
        file=out,
    )


def print_throughput(result: dict, out=sys.stdout) -> None:
    th = result["throughput"]
    print(
        f"\nThroughput: {th['clients']} concurrent clients, {th['duration_s']} s each in "
        f"{th.get('rounds', 1)} interleaved rounds, tool {th['tool']}; "
        "static = a static copy of the same page from the same server",
        file=out,
    )
    header = (
        f"{'endpoint':<20} {'req/s':>8} {'static':>8} {'ratio':>6} {'errors':>6}  "
        f"{'all URLs':>8}  {'reader req/s':>12} {'ratio':>6}  budget"
    )
    print(header, file=out)
    print("-" * len(header), file=out)
    for name, e in th["endpoints"].items():
        reader = e.get("reader") or {}
        budget = ""
        if e.get("min_static_ratio") is not None:
            verdict = "ok" if e["within_budget"] else "UNDER"
            budget = f">= {e['min_static_ratio']} {verdict}"
        varied = e.get("anonymous_varied") or {}
        errors = (
            e["anonymous"]["errors"]
            + e["static"]["errors"]
            + reader.get("errors", 0)
            + varied.get("errors", 0)
        )
        print(
            f"{name:<20} {_fmt(e['anonymous']['rps'], 0):>8} {_fmt(e['static']['rps'], 0):>8} "
            f"{_fmt(e['ratio'], 2):>6} {errors:>6}  {_fmt(varied.get('rps'), 0):>8}  "
            f"{_fmt(reader.get('rps'), 0):>12} "
            f"{_fmt(e.get('reader_ratio'), 2):>6}  {budget}",
            file=out,
        )


def write_json(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
