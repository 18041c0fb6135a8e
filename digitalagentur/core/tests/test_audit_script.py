"""`.ci/audit` (pip-audit in `make test`): vulnerabilities fail, an unreachable database skips.

The end-to-end tests run the real script and pip-audit against a vulnerability service on
loopback (OSV's API, served by a tiny HTTP server here), so they never reach the network.
"""

import importlib.machinery
import importlib.util
import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / ".ci" / "audit"


def load_script():
    loader = importlib.machinery.SourceFileLoader("ci_audit", str(SCRIPT))
    spec = importlib.util.spec_from_loader("ci_audit", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


audit = load_script()

DJANGO_VULN = {
    "id": "GHSA-test-0000-0001",
    "summary": "A made-up vulnerability for the test",
    "affected": [
        {
            "package": {"name": "django", "ecosystem": "PyPI"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}],
        }
    ],
}


# ---- classification (pure) -------------------------------------------------------------------


def test_vulnerabilities_fail_and_are_listed():
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.19", "vulns": [{"id": "X-1", "fix_versions": []}]},
            {"name": "nh3", "version": "0.3", "vulns": []},
        ]
    }
    outcome = audit.classify(1, report, "")
    assert outcome.status == 1
    assert "django 5.2.19: X-1 (no fix yet)" in outcome.message


def test_clean_report_passes():
    report = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
    outcome = audit.classify(0, report, "")
    assert outcome.status == 0
    assert "no known vulnerabilities in 1 pinned packages" in outcome.message


def test_a_database_that_knows_no_package_is_a_skip_not_a_pass():
    report = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}
    outcome = audit.classify(0, report, "")
    assert outcome.status == 0
    assert outcome.message.startswith("pip-audit skipped:")


@pytest.mark.parametrize(
    "stderr",
    [
        "requests.exceptions.ConnectionError: Max retries exceeded with url: /v1/query",
        "requests.exceptions.ProxyError: Unable to connect to proxy",
        "pip_audit._service.interface.ServiceError",
    ],
)
def test_network_errors_skip(stderr):
    outcome = audit.classify(1, None, f"Traceback ...\n{stderr}\n")
    assert outcome.status == 0
    assert outcome.message.startswith("pip-audit skipped: the vulnerability database is unre")


def test_timeout_skips():
    assert audit.classify(None, None, "").status == 0


def test_other_errors_fail():
    outcome = audit.classify(1, None, "ERROR:pip_audit._cli:invalid requirements input")
    assert outcome.status == 2


# ---- the real script against a service on loopback -------------------------------------------


class OsvStub(BaseHTTPRequestHandler):
    answer = {}
    status = 200

    def do_POST(self):  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        query_body = json.dumps(self.answer).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(query_body)))
        self.end_headers()
        self.wfile.write(query_body)

    def log_message(self, *args):
        pass


@pytest.fixture
def osv_server():
    def start(answer, status=200):
        handler = type("Handler", (OsvStub,), {"answer": answer, "status": status})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/v1/query"

    servers = []
    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def run_script(tmp_path, osv_url):
    lock = tmp_path / "requirements.lock"
    lock.write_text("Django==5.2.19\n")
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--lock",
            str(lock),
            "--timeout",
            "5",
            "--vulnerability-service",
            "osv",
            "--osv-url",
            osv_url,
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1", "HOME": str(tmp_path)},
    )


def test_script_fails_the_build_on_a_known_vulnerability(tmp_path, osv_server):
    result = run_script(tmp_path, osv_server({"vulns": [DJANGO_VULN]}))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "django 5.2.19: GHSA-test-0000-0001 (99.0)" in result.stderr


def test_script_passes_when_the_database_reports_nothing(tmp_path, osv_server):
    result = run_script(tmp_path, osv_server({}))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no known vulnerabilities in 1 pinned packages" in result.stdout


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_script_skips_when_the_database_is_unreachable(tmp_path):
    result = run_script(tmp_path, f"http://127.0.0.1:{closed_port()}/v1/query")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pip-audit skipped: the vulnerability database is unreachable" in result.stdout


def test_script_skips_when_the_database_answers_with_an_error(tmp_path, osv_server):
    result = run_script(tmp_path, osv_server({}, status=503))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pip-audit skipped: the vulnerability database is unreachable" in result.stdout
