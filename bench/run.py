"""`make bench`: the platform as in production under a realistic mix of requests.

    .venv/bin/python bench/run.py [--scale 1.0] [--rate 50] [--duration 60] [--clients 10]

See bench/README.md for the options, the method and the JSON format.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import generation, loadgen, prepare, report  # noqa: E402
from bench.mix import ENDPOINTS, Target, targets  # noqa: E402
from bench.server import Server, free_port  # noqa: E402

SCHEMA_VERSION = 1
BASE_HOSTS = [".digitalagentur.test", "localhost", "127.0.0.1"]
SMOKE = {
    "scale": 0.005,  # 2 regions
    "rate": 30.0,
    "duration": 5.0,
    "throughput_duration": 0.3,
    "warmup": 0.0,
    "rounds": 1,
    "regions": 2,
    "per_region": 2,
    "workers": 2,
    "tool": "python",
}


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Benchmark: production server, scale data, open-model mix, throughput."
    )
    p.add_argument(
        "--scale", type=float, default=None, help="scale data size (1.0 = full; default 1.0)"
    )
    p.add_argument("--seed", type=int, default=1, help="seed of the scale data and the mix")
    p.add_argument("--rate", type=float, default=None, help="offered load, req/s (default 50)")
    p.add_argument("--duration", type=float, default=None, help="open-model run, s (default 60)")
    p.add_argument("--arrivals", choices=["poisson", "uniform"], default="poisson")
    p.add_argument("--clients", type=int, default=10, help="closed-loop clients (default 10)")
    p.add_argument(
        "--throughput-duration",
        type=float,
        default=None,
        help="each closed-loop run, s (default 5)",
    )
    p.add_argument("--warmup", type=float, default=None, help="closed-loop warm-up, s (default 1)")
    p.add_argument(
        "--rounds",
        type=positive_int,
        default=None,
        help="closed-loop rounds, interleaved across page, static copy and reader (default 5)",
    )
    p.add_argument("--no-throughput", action="store_true", help="skip the closed-loop section")
    p.add_argument("--tool", choices=["auto", "wrk", "python"], default=None,
                   help="closed-loop load tool (default: wrk when installed)")  # fmt: skip
    p.add_argument("--workers", type=int, default=None, help="gunicorn workers (WEB_CONCURRENCY)")
    p.add_argument(
        "--regions", type=int, default=None, help="generated regions requested (default 5)"
    )
    p.add_argument("--per-region", type=int, default=None, help="URLs per endpoint and region (12)")
    p.add_argument("--db", choices=["auto", "sqlite", "postgresql"], default="auto",
                   help="auto: PostgreSQL when DATABASE_URL is set, else SQLite")  # fmt: skip
    p.add_argument("--pg-database", default="digitalagentur_bench",
                   help="the bench's own database on the server of DATABASE_URL")  # fmt: skip
    p.add_argument("--regenerate", action="store_true", help="regenerate the data even if present")
    p.add_argument("--var-dir", type=Path, default=None, help="default var/bench/<db>")
    p.add_argument("--output", type=Path, default=None,
                   help="JSON file (default bench/results/<date>-<db>.json)")  # fmt: skip
    p.add_argument("--smoke", action="store_true", help="tiny and short: checks the machinery")
    args = p.parse_args(argv)
    defaults = {
        "scale": 1.0,
        "rate": 50.0,
        "duration": 60.0,
        "throughput_duration": 5.0,
        "warmup": 1.0,
        "rounds": 5,
        "regions": 5,
        "per_region": 12,
        "workers": None,
        "tool": "auto",
    }
    for key, value in (SMOKE if args.smoke else defaults).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def choose_db(args) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if args.db == "auto":
        return "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    if args.db == "postgresql" and not url:
        raise SystemExit("[bench] --db postgresql needs DATABASE_URL (the server to use)")
    return args.db


def main(argv=None) -> dict:
    args = parse_args(argv)
    started = time.monotonic()
    db = choose_db(args)
    var_dir = (args.var_dir or ROOT / "var" / "bench" / db).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    db_url = prepare.database_url(db, args.pg_database)
    env = prepare.server_environment(var_dir, db_url, BASE_HOSTS)
    os.environ.clear()
    os.environ.update(env)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    if db_url:
        prepare.ensure_pg_database(db_url)
    data = prepare.prepare_database(env, args.scale, args.seed, args.regenerate, quiet=args.smoke)

    prepare.log("document generation: the demo's status report")
    generated = generation.measure(repeat=1 if args.smoke else 3)

    prepare.log("choosing URLs and creating reader sessions")
    regions = [
        t
        for r in prepare.pick_regions(args.regions, args.seed)
        if (t := prepare.region_targets(r, args.seed)) is not None
    ]
    if not regions:
        raise SystemExit("[bench] no region to request")
    hosts = sorted({*BASE_HOSTS, *(r.host for r in regions)})
    settings.ALLOWED_HOSTS = hosts
    env["DJANGO_ALLOWED_HOSTS"] = ",".join(hosts)
    mix_targets = {e.name: targets(e, regions, per_region=args.per_region) for e in ENDPOINTS}
    reader_targets = {
        e.name: targets(e, regions, as_reader=True, per_region=args.per_region)
        for e in ENDPOINTS
        if e.as_reader
    }
    missing = [name for name, ts in mix_targets.items() if not ts]
    if missing:
        raise SystemExit(f"[bench] nothing to request for: {', '.join(missing)}")
    static_paths = prepare.write_static_copies(ENDPOINTS, mix_targets)
    db_version = report.database_version()
    connections.close_all()

    port = free_port()
    server = Server(env, port, args.workers, var_dir / "server.log")
    prepare.log(f"starting gunicorn on 127.0.0.1:{port}")
    server.start(regions[0].host)
    try:
        workers = server.worker_count()
        worker_class = server.worker_class()
        static_targets = {
            name: [Target(f"{name}:static", regions[0].host, path)]
            for name, path in static_paths.items()
        }
        everything = [t for ts in mix_targets.values() for t in ts]
        everything += [t for ts in reader_targets.values() for t in ts]
        everything += [t for ts in static_targets.values() for t in ts]
        prepare.log(f"preflight: {len(everything)} URLs once each")
        failures = loadgen.preflight(port, everything)
        for f in failures:
            prepare.log(f"preflight: {f['host']}{f['path']} answered {f['status']}")

        prepare.log(f"open model: {args.rate} req/s for {args.duration} s")
        weights = {e.name: (e.weight, mix_targets[e.name]) for e in ENDPOINTS}
        open_result = loadgen.open_model(
            port, weights, args.rate, args.duration, args.arrivals, args.seed
        )
        for e in ENDPOINTS:
            row = open_result["endpoints"][e.name]
            row.update(group=e.group, budget_p95_ms=e.budget_p95_ms, weight=e.weight)
            row["within_budget"] = (
                row["errors"] == 0 and row["p95_ms"] is not None and row["p95_ms"] < e.budget_p95_ms
            )

        throughput = None
        if not args.no_throughput:
            tool = args.tool
            if tool == "auto":
                tool = "wrk" if loadgen.WRK else "python"
            throughput = {
                "clients": args.clients,
                "duration_s": args.throughput_duration,
                "rounds": args.rounds,
                "tool": tool,
                "endpoints": {},
            }
            for e in ENDPOINTS:
                if not e.static_copy:
                    continue
                prepare.log(f"throughput: {e.name}")

                # Side by side as the issue measures it: the page whose static copy is served
                # (the first URL), its static copy, all the endpoint's URLs and a signed-in
                # reader, in interleaved rounds (ABBA order), so that the machine's ups and
                # downs fall on all of them alike.
                variants = {
                    "anonymous": mix_targets[e.name][:1],
                    "static": static_targets[e.name],
                    "anonymous_varied": mix_targets[e.name],
                }
                if e.as_reader and reader_targets.get(e.name):
                    variants["reader"] = reader_targets[e.name]
                measured = interleaved(port, variants, args, tool)
                row = {
                    **measured,
                    "static_path": static_paths[e.name],
                    "min_static_ratio": e.min_static_ratio,
                }
                row["ratio"] = _ratio(row["anonymous"], row["static"])
                if "reader" in row:
                    row["reader_ratio"] = _ratio(row["reader"], row["static"])
                if e.min_static_ratio is not None:
                    row["within_budget"] = (
                        row["ratio"] is not None
                        and row["ratio"] >= e.min_static_ratio
                        and row["anonymous"]["errors"] == 0
                    )
                throughput["endpoints"][e.name] = row
    finally:
        server.stop()

    now = datetime.datetime.now().astimezone()
    result = {
        "schema": SCHEMA_VERSION,
        "date": now.isoformat(timespec="seconds"),
        "db": db,
        "machine": report.machine_info(db_version),
        "commit": report.commit(),
        "config": {
            "scale": args.scale,
            "seed": args.seed,
            "rate": args.rate,
            "duration_s": args.duration,
            "arrivals": args.arrivals,
            "clients": args.clients,
            "throughput_duration_s": args.throughput_duration,
            "rounds": args.rounds,
            "warmup_s": args.warmup,
            "workers": workers,
            "worker_class": worker_class,
            "cache": "redis" if env.get("REDIS_URL") else "per-process memory",
            "regions": args.regions,
            "per_region": args.per_region,
            "smoke": args.smoke,
        },
        "data": {
            **data,
            "regions": [
                {"slug": r.slug, "host": r.host, "projects": len(r.projects)} for r in regions
            ],
        },
        "preflight_failures": failures,
        "open_model": open_result,
        "throughput": throughput,
        "generation": generated,
        "seconds_total": round(time.monotonic() - started, 1),
    }
    output = args.output or ROOT / "bench" / "results" / f"{now.date().isoformat()}-{db}.json"
    report.print_open_model(result)
    if throughput:
        report.print_throughput(result)
    generation.print_generation(generated)
    report.write_json(result, output)
    print(f"\nWritten: {output}  ({result['seconds_total']} s)")
    return result


def interleaved(port, variants: dict, args, tool: str) -> dict[str, dict]:
    """Each variant's closed loop, `args.rounds` times in turn (the order reversed every
    other round), warmed up once; each round lasts throughput_duration / rounds."""
    seconds = args.throughput_duration / args.rounds
    runs: dict[str, list[dict]] = {name: [] for name in variants}
    for number in range(args.rounds):
        names = list(variants) if number % 2 == 0 else list(reversed(variants))
        for name in names:
            warmup = args.warmup if number == 0 else 0
            runs[name].append(
                loadgen.closed_loop(port, variants[name], args.clients, seconds, tool, warmup)
            )
    return {name: loadgen.combine(results) for name, results in runs.items()}


def _ratio(ours: dict, static: dict) -> float | None:
    if not ours.get("rps") or not static.get("rps"):
        return None
    return round(ours["rps"] / static["rps"], 3)


if __name__ == "__main__":
    main()
