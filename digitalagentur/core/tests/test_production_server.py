"""The production server as `make serve` and deploy/ start it: gunicorn with the production
settings on loopback, on its own SQLite database in a temporary DIGITALAGENTUR_VAR_DIR.

Two servers run: one as behind nginx (HTTPS, recognised by X-Forwarded-Proto as the proxy
sets it) and one in the plain-http loopback mode of `make serve` (DIGITALAGENTUR_HTTPS=0).
"""

import gzip
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

DEBUG_PAGE_MARKS = ("Traceback", "DEBUG = True", "You’re seeing this error", "Django Version")
HTTPS = {"X-Forwarded-Proto": "https"}  # what nginx adds (deploy/nginx/digitalagentur.conf)


def production_env(var_dir, **extra) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "digitalagentur.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DIGITALAGENTUR_VAR_DIR": str(var_dir),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    # The server's database is its own SQLite file, whatever the test run uses.
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "DJANGO_SECRET_KEY_FILE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)
    for name in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_HSTS_SECONDS", "DIGITALAGENTUR_HTTPS"):
        if name not in extra:
            env.pop(name, None)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "-m", "digitalagentur", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn(env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:digitalagentur.gunicorn_conf"]
        + ["digitalagentur.wsgi"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until_serving(process, port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{process.stdout.read()}")
        try:
            get(port, "/static/css/site.css")
            return
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"gunicorn did not answer within {timeout} s:\n{process.communicate()[0]}")


class Response:
    def __init__(self, raw: http.client.HTTPResponse):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read()

    @property
    def text(self) -> str:
        return self.body.decode()

    def cookies(self) -> SimpleCookie:
        cookies = SimpleCookie()
        for value in self.headers.get_all("Set-Cookie") or []:
            cookies.load(value)
        return cookies


def get(port, path, headers=None, method="GET", body=None) -> Response:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        return Response(connection.getresponse())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Ports of the HTTPS-mode and the local-http-mode server, both on one demo database."""
    var_dir = tmp_path_factory.mktemp("production-var")
    env = production_env(var_dir)
    collecting = subprocess.Popen(  # independent of the database: alongside migrate
        [sys.executable, "-m", "digitalagentur", "collectstatic", "--noinput"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--allow-production")
    output, _ = collecting.communicate(timeout=180)
    assert collecting.returncode == 0, output
    https_port, http_port = free_port(), free_port()
    processes = [
        gunicorn({**env, "PORT": str(https_port)}),
        gunicorn(production_env(var_dir, PORT=str(http_port), DIGITALAGENTUR_HTTPS="0")),
    ]
    try:
        for process, port in zip(processes, (https_port, http_port), strict=True):
            wait_until_serving(process, port)
        yield {"https": https_port, "http": http_port}
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def assert_no_debug_page(response):
    for mark in DEBUG_PAGE_MARKS:
        assert mark not in response.text, mark


def test_pages_are_served_in_german(servers):
    port = servers["https"]
    home = get(port, "/", HTTPS)
    assert home.status == 200
    assert '<html lang="de">' in home.text
    assert "Coesfeld 12.0 – Im Kreis gemeinsam digital" in home.text
    project = json.loads(get(port, "/api/v1/projects/", HTTPS).body)["results"][0]
    page = get(port, f"/projekte/{project['slug']}/", HTTPS)
    assert page.status == 200
    assert project["title"] in page.text
    assert "Projekt" in page.text


def test_plain_http_is_redirected_to_https(servers):
    response = get(servers["https"], "/projekte/")
    assert response.status == 301
    assert response.headers["Location"] == f"https://127.0.0.1:{servers['https']}/projekte/"


def test_security_headers(servers):
    response = get(servers["https"], "/", HTTPS)
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "upgrade-insecure-requests" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Server"] == "gunicorn"  # served by the WSGI server, not runserver


def test_hashed_static_files_compressed_and_cached_for_good(servers):
    port = servers["https"]
    home = get(port, "/", HTTPS).text
    href = re.search(r'<link rel="stylesheet" href="(/static/css/site\.[0-9a-f]{12}\.css)">', home)
    assert href, "the page does not name the hashed stylesheet"
    plain = get(port, href[1], HTTPS)
    assert plain.status == 200
    assert plain.headers["Content-Type"].startswith("text/css")
    assert "immutable" in plain.headers["Cache-Control"]
    assert "max-age=315360000" in plain.headers["Cache-Control"]
    compressed = get(port, href[1], {**HTTPS, "Accept-Encoding": "gzip"})
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed.headers["Vary"]
    assert gzip.decompress(compressed.body) == plain.body
    assert len(compressed.body) < len(plain.body)
    # The unhashed name is served too, but only briefly cached (it changes with a release).
    unhashed = get(port, "/static/css/site.css", HTTPS)
    assert unhashed.status == 200
    assert "immutable" not in unhashed.headers["Cache-Control"]


def test_api_answers_json(servers):
    response = get(servers["https"], "/api/v1/projects/", HTTPS)
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/json"
    data = json.loads(response.body)
    assert data["count"] == len(data["results"]) > 20


def test_errors_are_the_sites_own_pages_never_debug_pages(servers):
    port = servers["https"]
    missing = get(port, "/gibt-es-nicht/", HTTPS)
    assert missing.status == 404
    assert "Seite nicht gefunden" in missing.text
    assert "Zur Startseite" in missing.text
    assert_no_debug_page(missing)
    api_missing = get(port, "/api/v1/projects/gibt-es-nicht/", HTTPS)
    assert api_missing.status == 404
    assert api_missing.headers["Content-Type"] == "application/json"
    assert_no_debug_page(api_missing)
    foreign_host = get(port, "/", {**HTTPS, "Host": "evil.example.org"})
    assert foreign_host.status == 400
    assert "Ungültige Anfrage" in foreign_host.text
    assert_no_debug_page(foreign_host)


def test_local_http_mode_serves_plain_http_and_logging_in_works(servers):
    """DIGITALAGENTUR_HTTPS=0 (`make serve`): no redirect, no HSTS, cookies without Secure."""
    port = servers["http"]
    home = get(port, "/")
    assert home.status == 200
    assert "Strict-Transport-Security" not in home.headers
    assert "upgrade-insecure-requests" not in home.headers["Content-Security-Policy"]
    login = get(port, "/anmelden/")
    assert login.status == 200
    csrf = login.cookies()["csrftoken"]
    assert not csrf["secure"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)[1]
    response = get(
        port,
        "/anmelden/",
        {
            "Cookie": f"csrftoken={csrf.value}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{port}/anmelden/",
        },
        method="POST",
        body=urlencode({"csrfmiddlewaretoken": token, "username": "senden", "password": "demo"}),
    )
    assert response.status == 302, response.text
    session = response.cookies()["sessionid"]
    assert session.value and not session["secure"] and session["httponly"]


def test_server_refuses_to_start_without_collected_static_files(tmp_path):
    """Without `collectstatic` every page would answer 500: the server says so and stops."""
    env = production_env(tmp_path, PORT=str(free_port()))
    check = manage(env, "check")
    assert "digitalagentur.W001" in check.stderr
    assert "collectstatic" in check.stderr
    process = gunicorn(env)
    try:
        output, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"gunicorn started without collected static files:\n{process.stdout.read()}")
    assert process.returncode != 0
    assert "The static files have not been collected" in output
    assert "digitalagentur collectstatic --noinput" in output
    assert "Not starting" in output
