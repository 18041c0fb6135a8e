"""Everything before the load: environment, database, scale data, static files, targets.

The bench process itself runs Django with the server's settings and database (to pick the
URLs, create reader sessions and render the static copies); the server runs in gunicorn.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import random
import re
import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [str(ROOT / ".venv" / "bin" / "digitalagentur")]
SCALE_GENERATOR = ROOT / "digitalagentur" / "demo" / "scale"  # a package (or scale.py)
SCALE_PREFIX = "skala-"
STATIC_COPY_DIR = "bench"  # inside STATIC_ROOT, served by WhiteNoise as /static/bench/...
DEMO_HOST = "localhost"  # unknown host name: the default region (the demo, kreis-coesfeld)


STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[bench {time.monotonic() - STARTED:6.1f}s] {message}", file=sys.stderr, flush=True)


# Environment ------------------------------------------------------------------------------


def database_url(db: str, pg_database: str) -> str:
    """The bench's own database on the server of DATABASE_URL (PostgreSQL), or ''."""
    if db != "postgresql":
        return ""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + pg_database))


def server_environment(var_dir: Path, db_url: str, hosts: list[str]) -> dict[str, str]:
    """Production settings on plain http on loopback; shared by the bench process and server."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SECRET_KEY_FILE", None)
    if db_url:
        env["DATABASE_URL"] = db_url
    env.update(
        DJANGO_SETTINGS_MODULE="digitalagentur.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),  # new sessions each run
        DJANGO_ALLOWED_HOSTS=",".join(hosts),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DIGITALAGENTUR_HTTPS="0",
        DIGITALAGENTUR_VAR_DIR=str(var_dir),
        LOG_LEVEL=env.get("LOG_LEVEL", "WARNING"),
    )
    # With REDIS_URL (as in production) the page cache is shared by all workers; the bench's
    # entries get their own key prefix.
    env.setdefault("DIGITALAGENTUR_CACHE_PREFIX", "digitalagentur-bench")
    return env


def ensure_pg_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"creating PostgreSQL database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> None:
    result = subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [*MANAGE, *args], env=env, cwd=ROOT, capture_output=quiet, text=True, check=False
    )
    if result.returncode:
        if quiet:
            sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"[bench] `digitalagentur {' '.join(args)}` failed")


def has_command(env: dict[str, str], name: str) -> bool:
    result = subprocess.run(  # noqa: S603
        [*MANAGE, "help", name], env=env, cwd=ROOT, capture_output=True, check=False
    )
    return result.returncode == 0


# Data ---------------------------------------------------------------------------------------


def data_fingerprint(scale: float, seed: int) -> str:
    """Scale, seed and the generator's code: a changed generator means new data."""
    digest = hashlib.sha256()
    files = sorted(SCALE_GENERATOR.glob("*.py")) + [SCALE_GENERATOR.with_suffix(".py")]
    for path in files:
        if path.is_file():
            digest.update(path.read_bytes())
    digest = digest.hexdigest()[:16]
    return json.dumps({"scale": scale, "seed": seed, "generator": digest}, sort_keys=True)


def _meta(value: str | None = None) -> str | None:
    """Reads (or writes) which data the database holds, in a table of the bench's own."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta (name VARCHAR(50) PRIMARY KEY, value TEXT)"
        )
        if value is not None:
            cursor.execute("DELETE FROM bench_meta WHERE name = 'data'")
            cursor.execute("INSERT INTO bench_meta (name, value) VALUES ('data', %s)", [value])
            return value
        cursor.execute("SELECT value FROM bench_meta WHERE name = 'data'")
        row = cursor.fetchone()
        return row[0] if row else None


def prepare_database(
    env: dict[str, str], scale: float, seed: int, regenerate: bool, quiet: bool = False
) -> dict:
    """Migrations, demo and scale data (reused when the same scale and seed are there),
    collectstatic at the same time (it needs no database)."""
    from django.db import connections

    with ThreadPoolExecutor(1) as pool:
        static = pool.submit(manage, env, "collectstatic", "--noinput")
        log("migrate")
        manage(env, "migrate", "--noinput")
        wanted = data_fingerprint(scale, seed)
        have = _meta()
        connections.close_all()
        generated = False
        if regenerate or have != wanted:
            log("loading the demo (Kreis Coesfeld)")
            manage(env, "load_demo", "--allow-production")
            if has_command(env, "generate_scale_data"):
                log(f"generating scale data: --scale {scale} --seed {seed} (this may take long)")
                manage(
                    env, "generate_scale_data", "--scale", str(scale), "--seed", str(seed),
                    "--replace", "--allow-production", quiet=quiet,
                )  # fmt: skip
            else:
                log("generate_scale_data is missing: only the demo region is used")
            _meta(wanted)
            generated = True
        else:
            log(f"reusing the data in the database ({wanted})")
        connections.close_all()
        static.result()
    return {"generated": generated, "fingerprint": json.loads(wanted)}


# Targets ------------------------------------------------------------------------------------

WORD_RE = re.compile(r"[A-Za-zÄÖÜäöüß]{5,}")


def pick_regions(count: int, seed: int):
    """The demo region and up to `count` generated regions spread over the whole range."""
    from django.conf import settings

    from digitalagentur.tenancy.models import Region

    generated = list(Region.objects.filter(slug__startswith=SCALE_PREFIX).order_by("slug"))
    if len(generated) > count:
        step = len(generated) / count
        generated = [generated[int(i * step)] for i in range(count)]
    demo = Region.objects.filter(slug=settings.DEFAULT_REGION_SLUG).first()
    return ([demo] if demo else []) + generated


def region_targets(region, seed: int, session_for_reader: bool = True):
    from django.conf import settings
    from django.utils import timezone

    from digitalagentur.assessment.models import Round, Survey
    from digitalagentur.funding.models import Application
    from digitalagentur.indicators.models import Indicator
    from digitalagentur.public import queries
    from digitalagentur.radar.models import Radar
    from digitalagentur.spaces.models import Space
    from digitalagentur.strategy.models import StrategyVersion
    from digitalagentur.tenancy.models import Municipality

    from .mix import RegionTargets

    rng = random.Random(f"{seed}-{region.slug}")
    is_default = region.slug == settings.DEFAULT_REGION_SLUG
    host = region.hostname or (DEMO_HOST if is_default else "")
    if not host:
        return None
    t = RegionTargets(slug=region.slug, host=host)
    projects = list(queries.published_projects(region).values_list("pk", "slug", "title"))
    rng.shuffle(projects)
    t.projects = [(pk, slug) for pk, slug, _title in projects]
    strategy = queries.public_strategy(region)
    t.fields = list(queries.public_fields(strategy).values_list("slug", flat=True))
    t.towns = list(
        Municipality.objects.filter(region=region).order_by("pk").values_list("slug", flat=True)
    )
    rng.shuffle(t.towns)
    statuses = list(
        queries.published_projects(region)
        .filter(field__slug__in=t.fields)
        .values_list("field__slug", "status")
        .distinct()
    )
    statuses.sort()
    rng.shuffle(statuses)
    t.filters = statuses
    words: dict[str, int] = {}
    for _pk, _slug, title in projects:
        for word in WORD_RE.findall(title):
            words[word.lower()] = words.get(word.lower(), 0) + 1
    common = sorted(words, key=lambda w: (-words[w], w))
    t.search_terms = common[:4] + common[len(common) // 2 : len(common) // 2 + 2]
    if strategy is not None:
        versions = list(
            StrategyVersion.objects.filter(strategy=strategy)
            .order_by("created", "pk")
            .values_list("pk", flat=True)
        )
        t.version_pairs = list(zip(versions, versions[1:], strict=False))
        if len(versions) > 2:
            t.version_pairs.append((versions[0], versions[-1]))
    indicators = list(
        Indicator.objects.filter(region=region, published=True)
        .order_by("pk")
        .values_list("pk", "slug")
    )
    rng.shuffle(indicators)
    t.indicators = indicators
    applications = list(
        Application.objects.filter(region=region, published=True)
        .order_by("pk")
        .values_list("slug", flat=True)
    )
    rng.shuffle(applications)
    t.applications = applications
    rounds = list(
        Round.objects.filter(region=region, published=True).order_by("pk").values_list("pk", "slug")
    )
    rng.shuffle(rounds)
    t.rounds = rounds
    surveys = Survey.objects.filter(region=region, published=True).order_by("pk")
    t.surveys = list(surveys.values_list("slug", flat=True))
    t.survey_results = list(surveys.filter(results_public=True).values_list("slug", flat=True))
    t.spaces = list(
        Space.objects.filter(region=region, published=True)
        .order_by("pk")
        .values_list("slug", flat=True)
    )
    t.radars = list(
        Radar.objects.filter(region=region, published=True).order_by("pk").values_list("pk", "slug")
    )
    day = timezone.localdate() + datetime.timedelta(days=7)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    t.free_range = tuple(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))).isoformat()
        for hour in (9, 12)
    )
    if session_for_reader:
        t.reader_cookie = reader_cookie(region)
    return t


def reader_cookie(region) -> str:
    """A session of a reader of `region` without the login form (brute-force protection, 2FA).

    Made with Django's own login (the accounts signals bind it to the user's session
    generation). Where 2FA applies (the user has a device or the region requires one), the
    session is marked verified the way django-otp does after a correct code: with a confirmed
    TOTP device of the user (one named "Benchmark" is added if the user has none).
    """
    from django.conf import settings
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from digitalagentur.accounts.two_factor import has_two_factor, region_requires_two_factor
    from digitalagentur.tenancy.choices import Role
    from digitalagentur.tenancy.models import RoleAssignment

    assignment = (
        RoleAssignment.objects.filter(region=region, role=Role.READER, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if assignment is None:
        return ""
    user = assignment.user
    if has_two_factor(user) or region_requires_two_factor(region):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Benchmark", confirmed=True)
        user.otp_device = device  # django-otp's login signal stores it in the session
    # The first backend after django-axes' (which only guards the login form).
    backend = next(b for b in settings.AUTHENTICATION_BACKENDS if not b.startswith("axes."))
    client = Client()
    client.force_login(user, backend=backend)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# Static copies ------------------------------------------------------------------------------


def write_static_copies(endpoints, all_targets) -> dict[str, str]:
    """Each public/API endpoint's first URL rendered anonymously, stored as a static file.

    Written into STATIC_ROOT before the server starts (WhiteNoise indexes its files at
    start-up), so the same server serves them through the same middleware chain.
    """
    from django.conf import settings
    from django.test import Client

    directory = Path(settings.STATIC_ROOT) / STATIC_COPY_DIR
    directory.mkdir(parents=True, exist_ok=True)
    client = Client()
    copies = {}
    for endpoint in endpoints:
        if not endpoint.static_copy or not all_targets.get(endpoint.name):
            continue
        target = all_targets[endpoint.name][0]
        response = client.get(target.path, HTTP_HOST=target.host)
        if response.status_code != 200:
            raise SystemExit(
                f"[bench] {target.host}{target.path} answered {response.status_code} (static copy)"
            )
        name = f"{endpoint.name}.{endpoint.content_type}"
        (directory / name).write_bytes(response.content)
        copies[endpoint.name] = f"{settings.STATIC_URL}{STATIC_COPY_DIR}/{name}"
    return copies
