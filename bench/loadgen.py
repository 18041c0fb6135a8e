"""Load generation: an open model at a fixed offered rate, and closed loops for throughput.

Open model: request start times are scheduled in advance (Poisson arrivals by default) and
every latency is measured from the *scheduled* time, not from when the request was actually
sent. When the server (or this generator) falls behind, the waiting counts as latency instead
of silently lowering the offered load ("coordinated omission").

Closed loop: N clients each send their next request as soon as the previous one is answered;
the result is the throughput (requests per second) the server sustains at that concurrency.
wrk (Debian's `wrk`, C) is used when installed, else an asyncio loop of our own.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import resource
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .httpclient import ConnectionClosed, Pool, raw_request
from .mix import Target

OK_STATUSES = {200, 304}
REQUEST_TIMEOUT = 30.0


def percentile(ordered: list[float], p: float) -> float | None:
    """Nearest-rank percentile of sorted samples (exact, no interpolation)."""
    if not ordered:
        return None
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Samples:
    latencies_ms: list[float] = field(default_factory=list)  # successful requests only
    errors: int = 0
    statuses: Counter = field(default_factory=Counter)  # status code or error kind
    queries: list[int] = field(default_factory=list)
    bytes: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    def summary(self, seconds: float) -> dict:
        ordered = sorted(self.latencies_ms)

        def ms(p):
            value = percentile(ordered, p)
            return None if value is None else round(value, 2)

        return {
            "requests": self.requests,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items(), key=str)},
            "p50_ms": ms(50),
            "p95_ms": ms(95),
            "p99_ms": ms(99),
            "max_ms": ms(100),
            "mean_ms": round(sum(ordered) / len(ordered), 2) if ordered else None,
            "rps": round(len(ordered) / seconds, 2) if seconds > 0 else None,
            "queries_per_request": (
                round(sum(self.queries) / len(self.queries), 2) if self.queries else None
            ),
            "bytes_per_request": round(self.bytes / len(ordered)) if ordered else None,
        }


def _record(samples: Samples, response, elapsed_ms: float) -> None:
    samples.statuses[response.status] += 1
    if response.status not in OK_STATUSES:
        samples.errors += 1
        return
    samples.latencies_ms.append(elapsed_ms)
    samples.bytes += response.size
    value = response.headers.get("x-db-queries")
    if value is not None:
        samples.queries.append(int(value))


async def _send(pool: Pool, raw: bytes, samples: Samples, t0: float, loop) -> None:
    try:
        response = await asyncio.wait_for(pool.request(raw), REQUEST_TIMEOUT)
    except TimeoutError:
        samples.errors += 1
        samples.statuses["timeout"] += 1
        return
    except (OSError, ConnectionClosed, asyncio.IncompleteReadError, ValueError) as exc:
        samples.errors += 1
        samples.statuses[type(exc).__name__] += 1
        return
    _record(samples, response, (loop.time() - t0) * 1000)


# Preflight ----------------------------------------------------------------------------------


async def _preflight(port: int, targets: list[Target], concurrency: int) -> list[dict]:
    pool = Pool("127.0.0.1", port)
    limit = asyncio.Semaphore(concurrency)
    failures = []

    async def check(target: Target):
        async with limit:
            try:
                response = await asyncio.wait_for(
                    pool.request(raw_request(target.path, target.host, target.headers())),
                    REQUEST_TIMEOUT,
                )
                status = response.status
            except Exception as exc:  # noqa: BLE001 (reported, not raised)
                status = type(exc).__name__
            if status != 200:
                failures.append({"endpoint": target.endpoint, "host": target.host,
                                 "path": target.path, "status": status})  # fmt: skip

    await asyncio.gather(*(check(t) for t in targets))
    pool.close()
    return failures


def preflight(port: int, targets: list[Target], concurrency: int = 4) -> list[dict]:
    """Requests every target once (also warms the workers up); returns the non-200 ones."""
    return asyncio.run(_preflight(port, targets, concurrency))


# Open model ---------------------------------------------------------------------------------


def schedule(rate: float, duration: float, arrivals: str, rng: random.Random) -> list[float]:
    """Offsets (seconds from the start) at which requests are due."""
    times, t = [], 0.0
    while True:
        t += rng.expovariate(rate) if arrivals == "poisson" else 1.0 / rate
        if t >= duration:
            return times
        times.append(t)


def shares(names: list[str], weights: list[float], total: int) -> list[str]:
    """`total` endpoint names in exact proportion to the weights (largest remainder).

    Exact shares instead of independent random draws: every run has the same mix, and a short
    run still requests every endpoint whose share is at least one request.
    """
    whole = sum(weights)
    exact = [w * total / whole for w in weights]
    counts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(names)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return [name for name, count in zip(names, counts, strict=True) for _ in range(count)]


async def _open_model(port, mix, rate, duration, arrivals, seed):
    rng = random.Random(seed)
    names = list(mix)
    weights = [mix[n][0] for n in names]
    offsets = schedule(rate, duration, arrivals, rng)
    order = shares(names, weights, len(offsets))
    rng.shuffle(order)
    plan = []
    for offset, name in zip(offsets, order, strict=True):
        target = rng.choice(mix[name][1])
        plan.append((offset, name, raw_request(target.path, target.host, target.headers())))
    samples = {name: Samples() for name in names}
    pool = Pool("127.0.0.1", port, limit=1024)
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    tasks = []
    lag = 0.0
    for offset, name, raw in plan:
        due = start + offset
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        else:
            lag = max(lag, -delay)
        tasks.append(asyncio.create_task(_send(pool, raw, samples[name], due, loop)))
    await asyncio.gather(*tasks)
    elapsed = loop.time() - start
    pool.close()
    return samples, elapsed, len(plan), lag


def open_model(port, mix, rate, duration, arrivals="poisson", seed=1):
    """`mix`: {endpoint name: (weight, [Target, ...])}. Returns per-endpoint summaries."""
    samples, elapsed, planned, lag = asyncio.run(
        _open_model(port, mix, rate, duration, arrivals, seed)
    )
    total = Samples()
    for s in samples.values():
        total.latencies_ms += s.latencies_ms
        total.errors += s.errors
        total.statuses.update(s.statuses)
        total.queries += s.queries
        total.bytes += s.bytes
    return {
        "offered_rps": rate,
        "duration_s": duration,
        "arrivals": arrivals,
        "scheduled_requests": planned,
        "elapsed_s": round(elapsed, 2),
        "max_send_lag_ms": round(lag * 1000, 1),
        "endpoints": {name: s.summary(elapsed) for name, s in samples.items()},
        "total": total.summary(elapsed),
    }


# Closed loop --------------------------------------------------------------------------------


async def _closed_loop(port, targets, clients, duration, warmup):
    pool = Pool("127.0.0.1", port, limit=clients)
    loop = asyncio.get_running_loop()
    raws = [raw_request(t.path, t.host, t.headers()) for t in targets]
    samples = Samples()
    measure_from = loop.time() + warmup
    stop = measure_from + duration

    async def client(index: int):
        i = index
        while loop.time() < stop:
            t0 = loop.time()
            raw = raws[i % len(raws)]
            i += 1
            if t0 < measure_from:
                try:
                    await pool.request(raw)
                except Exception:  # noqa: BLE001,S112 (warm-up only)
                    continue
            else:
                await _send(pool, raw, samples, t0, loop)

    await asyncio.gather(*(client(i) for i in range(clients)))
    pool.close()
    return samples


def closed_loop_python(port, targets, clients, duration, warmup=0.5) -> dict:
    cpu = time.process_time()
    samples = asyncio.run(_closed_loop(port, targets, clients, duration, warmup))
    return samples.summary(duration) | {
        "seconds": duration,
        "tool": "python",
        "client_cpu_us_per_request": _cpu_per_request(time.process_time() - cpu, samples.requests),
    }


def _cpu_per_request(seconds: float, requests: int) -> float | None:
    """CPU time the load tool spent per request (warm-up included): what it took from the
    server on a shared machine."""
    return round(seconds * 1e6 / requests, 1) if requests else None


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


WRK_SCRIPT = """
local requests = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return requests[(counter %% #requests) + 1]
end
done = function(summary, latency, requests_)
  local e = summary.errors
  io.write("BENCH-JSON " .. string.format(
    '{"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "status": %%d, "timeout": %%d, "p50": %%d, "p95": %%d, "p99": %%d, ' ..
    '"max": %%d, "mean": %%f}',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean) .. "\\n")
end
"""


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal here


def closed_loop_wrk(port, targets, clients, duration, warmup=0.5) -> dict:
    """The same closed loop with wrk (one thread: the server needs the other core)."""
    entries = []
    for t in targets:
        headers = {"Host": t.host, **t.headers()}
        lua_headers = ", ".join(
            f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in headers.items()
        )
        entries.append(f'wrk.format("GET", {_lua_string(t.path)}, {{{lua_headers}}})')
    script = WRK_SCRIPT % ", ".join(entries)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
        path = Path(f.name)
    try:
        cpu = _children_cpu()
        if warmup > 0:
            _wrk(port, path, clients, max(1, round(warmup)))
        result = _wrk(port, path, clients, max(1, round(duration)))
        cpu = _children_cpu() - cpu
    finally:
        path.unlink()
    seconds = result["duration_us"] / 1e6
    errors = result["status"] + result["connect"] + result["read"] + result["write"]
    errors += result["timeout"]
    ok = result["requests"] - result["status"]
    return {
        "requests": result["requests"],
        "errors": errors,
        "p50_ms": round(result["p50"] / 1000, 2),
        "p95_ms": round(result["p95"] / 1000, 2),
        "p99_ms": round(result["p99"] / 1000, 2),
        "max_ms": round(result["max"] / 1000, 2),
        "mean_ms": round(result["mean"] / 1000, 2),
        "rps": round(ok / seconds, 2) if seconds else None,
        "seconds": seconds,
        "bytes_per_request": round(result["bytes"] / result["requests"])
        if result["requests"]
        else None,
        "tool": "wrk",
        "client_cpu_us_per_request": _cpu_per_request(cpu, result["requests"]),
    }


def _wrk(port, script: Path, clients: int, seconds: int) -> dict:
    result = subprocess.run(  # noqa: S603 (fixed command)
        [WRK, "-t", "1", "-c", str(clients), "-d", f"{seconds}s", "--timeout", "30s",
         "-s", str(script), f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-JSON "):
            return json.loads(line.removeprefix("BENCH-JSON "))
    raise SystemExit(f"[bench] wrk failed:\n{result.stdout}\n{result.stderr}")


WRK = shutil.which("wrk")


def combine(rounds: list[dict]) -> dict:
    """One result of several closed-loop rounds of the same targets: requests and errors
    summed, requests per second over the rounds' whole time, latency percentiles as the
    median of the rounds' (the maximum as the maximum)."""
    total = sum(r["seconds"] for r in rounds)
    ok = sum(r["rps"] * r["seconds"] for r in rounds if r.get("rps"))

    def median(key):
        values = sorted(r[key] for r in rounds if r.get(key) is not None)
        return values[len(values) // 2] if values else None

    combined = dict(rounds[0])
    combined.update(
        requests=sum(r["requests"] for r in rounds),
        errors=sum(r["errors"] for r in rounds),
        rps=round(ok / total, 2) if total else None,
        seconds=round(total, 3),
        p50_ms=median("p50_ms"),
        p95_ms=median("p95_ms"),
        p99_ms=median("p99_ms"),
        max_ms=max((r["max_ms"] for r in rounds if r.get("max_ms") is not None), default=None),
        mean_ms=median("mean_ms"),
        rounds_rps=[r.get("rps") for r in rounds],
    )
    return combined


def closed_loop(port, targets, clients, duration, tool="auto", warmup=0.5) -> dict:
    if tool == "wrk" or (tool == "auto" and WRK):
        if not WRK:
            raise SystemExit("[bench] --tool wrk: wrk is not installed (apt-get install wrk)")
        return closed_loop_wrk(port, targets, clients, duration, warmup)
    return closed_loop_python(port, targets, clients, duration, warmup)
