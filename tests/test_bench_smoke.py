"""A short run of `make bench` (bench/run.py --smoke): the whole machinery, every endpoint.

Always on SQLite in a temporary directory, also when DATABASE_URL names PostgreSQL: the point
is the bench itself (server start, scale data, sessions, static copies, load, report), and a
scratch PostgreSQL database per run would cost more than the rest of the run.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.mix import ENDPOINTS  # noqa: E402

# Generous: the smoke run migrates, generates and serves a database of its own, beside the
# other test workers (make test runs one per CPU); it checks the machinery, not the speed.
SMOKE_TIMEOUT = 900


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    output = tmp / "result.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    completed = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--db", "sqlite",
         "--var-dir", str(tmp / "var"), "--output", str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=SMOKE_TIMEOUT, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-5000:]
    data = json.loads(output.read_text())
    data["_stdout"] = completed.stdout
    return data


def test_documented_keys(result):
    assert result["schema"] == 1
    assert result["db"] == "sqlite"
    assert result["machine"]["cores"] >= 1
    assert result["machine"]["database"].startswith("SQLite ")
    assert result["config"]["smoke"] is True
    assert result["config"]["workers"] >= 1
    assert {"scale", "seed", "rate", "duration_s", "clients"} <= set(result["config"])
    assert len(result["commit"]["hash"]) == 40
    # The demo region and generated regions (by their own host names) were requested.
    hosts = {r["host"] for r in result["data"]["regions"]}
    assert "localhost" in hosts
    assert any(h.endswith(".digitalagentur.test") for h in hosts)
    assert result["preflight_failures"] == []


def test_every_endpoint_requested_without_errors(result):
    rows = result["open_model"]["endpoints"]
    assert set(rows) == {e.name for e in ENDPOINTS}
    for endpoint in ENDPOINTS:
        row = rows[endpoint.name]
        assert row["requests"] > 0, endpoint.name
        assert row["errors"] == 0, (endpoint.name, row["statuses"])
        assert set(row["statuses"]) == {"200"}, endpoint.name
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"] <= row["max_ms"]
        assert row["rps"] > 0
        # The server counted its SQL queries (core/querycount.py); staff pages are never
        # cached, so they certainly ran some.
        assert row["queries_per_request"] is not None, endpoint.name
        if endpoint.login:
            assert row["queries_per_request"] > 0, endpoint.name
        assert row["budget_p95_ms"] == endpoint.budget_p95_ms
    total = result["open_model"]["total"]
    assert total["requests"] == result["open_model"]["scheduled_requests"]
    assert total["requests"] == sum(r["requests"] for r in rows.values())


def test_throughput_against_static_copies(result):
    throughput = result["throughput"]
    assert throughput["clients"] == 10
    expected = {e.name for e in ENDPOINTS if e.static_copy}
    assert set(throughput["endpoints"]) == expected
    for endpoint in ENDPOINTS:
        if not endpoint.static_copy:
            continue
        row = throughput["endpoints"][endpoint.name]
        assert row["static_path"].startswith("/static/bench/")
        kinds = ("anonymous", "anonymous_varied", "static")
        for kind in (*kinds, *(("reader",) if endpoint.as_reader else ())):
            assert row[kind]["requests"] > 0, (endpoint.name, kind)
            assert row[kind]["errors"] == 0, (endpoint.name, kind)
            assert row[kind]["rps"] > 0
        # Both rates and the ratio are rounded in the JSON: compare with an absolute margin.
        assert row["ratio"] == pytest.approx(
            row["anonymous"]["rps"] / row["static"]["rps"], rel=0.01, abs=0.002
        )


def test_table_printed(result):
    out = result["_stdout"]
    assert "Open model:" in out and "Throughput:" in out
    for endpoint in ENDPOINTS:
        assert endpoint.name in out


def test_interleaved_rounds_combine_into_one_rate():
    from bench.loadgen import combine

    rounds = [
        {"requests": 1000, "errors": 0, "rps": 1000.0, "seconds": 1.0, "p50_ms": 5.0,
         "p95_ms": 9.0, "p99_ms": 12.0, "max_ms": 20.0, "mean_ms": 5.5},
        {"requests": 300, "errors": 2, "rps": 298.0 / 3, "seconds": 3.0, "p50_ms": 30.0,
         "p95_ms": 60.0, "p99_ms": 90.0, "max_ms": 120.0, "mean_ms": 33.0},
        {"requests": 600, "errors": 0, "rps": 600.0, "seconds": 1.0, "p50_ms": 8.0,
         "p95_ms": 15.0, "p99_ms": 19.0, "max_ms": 25.0, "mean_ms": 8.5},
    ]  # fmt: skip
    combined = combine(rounds)
    # Requests over the whole time (1,898 answered in 5 s), not the mean of the rates.
    assert combined["rps"] == round(1898 / 5, 2)
    assert (combined["requests"], combined["errors"], combined["seconds"]) == (1900, 2, 5.0)
    assert (combined["p50_ms"], combined["p95_ms"], combined["max_ms"]) == (8.0, 15.0, 120.0)
    assert combined["rounds_rps"] == [1000.0, 298.0 / 3, 600.0]
