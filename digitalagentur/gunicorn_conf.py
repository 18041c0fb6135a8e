"""gunicorn's configuration for the production server, set from environment variables.

    DJANGO_SETTINGS_MODULE=digitalagentur.settings.production \\
        gunicorn -c python:digitalagentur.gunicorn_conf digitalagentur.wsgi

`make serve`, deploy/systemd/digitalagentur.service and deploy/Containerfile start it so.
The variables are listed in docs/deployment.md. Measured on a 2-core machine (docs/deployment.md,
"Worker class"): gthread workers with 4 threads served about twice the requests per second of
sync workers, for a small page and for a static file alike; so they are the default.
"""

import multiprocessing
import os
import sys


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = [f"{os.environ.get('BIND') or '127.0.0.1'}:{_int('PORT', 8000)}"]
# Each worker holds its own database connection(s); two per core keeps both cores busy while
# a worker waits on the database.
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count())
# Threads serve other requests while one waits (database, a slow client, keep-alive);
# GUNICORN_THREADS=1 gives classic sync workers.
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
timeout = _int("GUNICORN_TIMEOUT", 30)  # a request running longer is killed (worker restarted)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then (bounded memory growth), not all at the same moment.
# Rarely: a recycled worker starts with an empty cache (without REDIS_URL, each has its own).
max_requests = _int("GUNICORN_MAX_REQUESTS", 100_000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory: a slow disk must not make the arbiter kill healthy workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108  # nosec B108
# Requests are logged by nginx; GUNICORN_ACCESS_LOG=- logs them to stderr as well.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The control socket (gunicorn >= 24) would be ~/.gunicorn/gunicorn.ctl, shared by every
# instance of the user; only on request, at a path of the operator's choice.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
# The request line and headers are limited by gunicorn's defaults; bodies by nginx
# (client_max_body_size) and Django (DATA_UPLOAD_MAX_MEMORY_SIZE).
proc_name = "digitalagentur"


def on_starting(server):
    """Refuse to start when the production settings are unusable or static files missing.

    Without `collectstatic` every page answers 500 (see core/checks.py,
    static_files_collected); better no server than one that fails on every page.
    """
    import django
    from django.core import checks
    from django.db import connections

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digitalagentur.settings.production")
    django.setup()
    problems = [
        message
        for message in checks.run_checks(include_deployment_checks=False)
        if message.level >= checks.ERROR or message.id == "digitalagentur.W001"
    ]
    connections.close_all()  # nothing the workers would inherit across fork
    if problems:
        for message in problems:
            server.log.error("%s", message)  # with its HINT
        server.log.error("Not starting: fix the problems above.")
        sys.exit(1)
