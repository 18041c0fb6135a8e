"""A real SMTP server on loopback for tests of outgoing mail (aiosmtpd, a dev dependency)."""

from __future__ import annotations

import contextlib
import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


class _Collector:
    def __init__(self, fail_at: int | None = None) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.fail_at = fail_at
        self.received = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.received += 1
        if self.received == self.fail_at:
            # The server goes away in the middle of this message: not accepted, not stored.
            return "421 Service not available, closing transmission channel"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    hostname: str
    port: int
    messages: list = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_smtp_server(fail_at: int | None = None) -> Iterator[SmtpServer]:
    """`fail_at`: the server refuses the n-th message with 421 (as when it goes down while
    receiving it) and keeps working for the messages after it."""
    collector = _Collector(fail_at)
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield SmtpServer(controller.hostname, controller.port, collector.messages)
    finally:
        controller.stop()
