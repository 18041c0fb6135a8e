"""Two app servers against one PostgreSQL (issue 6, section 5): an edit on one is seen on the
other at once, and concurrent edits on both never overwrite each other silently.

Run once with each server keeping its cache in its own memory (the harder case: nothing is
shared but the database) and once with a shared Redis, as a Land-level installation would.
"""

import json
import os
import signal
import subprocess
import threading
import uuid

import psycopg
import pytest
import redis

from .test_production_server import (
    free_port,
    get,
    gunicorn,
    manage,
    production_env,
    wait_until_serving,
)

PG = "postgresql://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/13"


def reachable_postgres() -> bool:
    try:
        psycopg.connect(f"{PG}/postgres", connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def reachable_redis() -> bool:
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except redis.RedisError:
        return False
    return True


pytestmark = pytest.mark.skipif(
    not reachable_postgres(), reason="needs PostgreSQL on 127.0.0.1:5432 (as CI provides)"
)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A scratch PostgreSQL database with the demo, its static files collected once."""
    name = f"digitalagentur_two_servers_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    var_dir = tmp_path_factory.mktemp("two-servers")
    env = production_env(var_dir, DATABASE_URL=f"{PG}/{name}", DIGITALAGENTUR_HTTPS="0")
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo", "--allow-production")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        token = manage(env, "create_api_token", "koordination").stdout.strip()
        yield {"var_dir": var_dir, "url": f"{PG}/{name}", "token": token}
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


CACHES = [
    "memory",
    pytest.param(
        "redis",
        marks=pytest.mark.skipif(not reachable_redis(), reason="needs Redis on 127.0.0.1:6379"),
    ),
]


@pytest.fixture(params=CACHES)
def two_servers(request, database):
    extra = {"DATABASE_URL": database["url"], "DIGITALAGENTUR_HTTPS": "0"}
    if request.param == "redis":
        redis.Redis.from_url(REDIS).flushdb()
        extra["REDIS_URL"] = REDIS
    ports = [free_port(), free_port()]
    processes = [
        gunicorn(production_env(database["var_dir"], PORT=str(port), **extra)) for port in ports
    ]
    try:
        for process, port in zip(processes, ports, strict=True):
            wait_until_serving(process, port)
        yield ports
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def api(port, path, token=None, method="GET", data=None):
    headers = {"Authorization": f"Token {token}"} if token else {}
    body = None
    if data is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(data)
    response = get(port, path, headers, method=method, body=body)
    return response.status, (json.loads(response.body) if response.body else None)


def test_an_edit_on_one_server_is_seen_on_the_other_at_once(two_servers, database):
    a, b = two_servers
    _status, listing = api(a, "/api/v1/projects/?page_size=1")
    project = listing["results"][0]
    detail, page = f"/api/v1/projects/{project['id']}/", f"/projekte/{project['slug']}/"
    for port in (a, b):
        for _ in range(4):  # every worker of both servers has the old answer cached
            assert api(port, detail)[1]["title"] == project["title"]
            assert get(port, page).status == 200
    assert "hit" in {get(b, detail).headers["X-Cache"] for _ in range(6)}

    title = f"Geändert auf Server A {uuid.uuid4().hex[:6]}"
    status, changed = api(
        a, detail, database["token"], "PATCH", {"title": title, "version": project["version"]}
    )
    assert status == 200, changed
    for _ in range(4):
        assert api(b, detail)[1]["title"] == title
        assert title in get(b, page).text
        assert api(b, "/api/v1/projects/?page_size=1")[1]["results"][0]["title"] == title


def test_concurrent_edits_on_both_servers_never_overwrite_each_other(two_servers, database):
    a, b = two_servers
    _status, listing = api(a, "/api/v1/projects/?page_size=2")
    project = listing["results"][1]
    detail = f"/api/v1/projects/{project['id']}/"
    results = {}
    start = threading.Barrier(2)

    def edit(port, name):
        start.wait()
        results[name] = api(
            port, detail, database["token"], "PATCH", {"title": name, "version": project["version"]}
        )

    threads = [threading.Thread(target=edit, args=(port, f"Titel {port}")) for port in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    statuses = sorted(status for status, _body in results.values())
    assert statuses == [200, 409], results
    winner = next(name for name, (status, _body) in results.items() if status == 200)
    for port in (a, b):
        current = api(port, detail)[1]
        assert current["title"] == winner
        assert current["version"] == project["version"] + 1
