"""The server under test: gunicorn with the production configuration (as `make serve`)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env: dict[str, str], port: int, workers: int | None, log_path: Path):
        self.port = port
        self.env = dict(env)
        self.env.update(PORT=str(port), BIND="127.0.0.1")
        # The response header with the number of SQL queries (digitalagentur/core/querycount.py).
        self.env["DIGITALAGENTUR_BENCH_QUERY_HEADER"] = "1"
        if workers:
            self.env["WEB_CONCURRENCY"] = str(workers)
        self.workers = workers or None
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        """gunicorn exactly as `make serve` starts it."""
        return [str(GUNICORN), "-c", "python:digitalagentur.gunicorn_conf", "digitalagentur.wsgi"]

    def start(self, host: str, timeout: float = 60) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603 (fixed command)
            self.command(), env=self.env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"[bench] the server exited ({self.process.returncode}); "
                    f"see {self.log_path}:\n{self.log_path.read_text()[-3000:]}"
                )
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/", headers={"Host": host})
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"[bench] the server did not answer within {timeout} s")

    def worker_count(self) -> int | None:
        """Worker processes of the running server (children of the gunicorn master)."""
        if self.process is None:
            return None
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            return len(children.read_text().split())
        except OSError:
            return None

    def worker_class(self) -> str | None:
        """As gunicorn reports it at start-up ("Using worker: sync")."""
        for line in self.log_path.read_text(errors="replace").splitlines():
            if "Using worker:" in line:
                return line.rsplit("Using worker:", 1)[1].strip()
        return None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
