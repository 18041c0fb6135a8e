"""A minimal HTTP/1.1 client on asyncio streams: keep-alive, Content-Length and chunked bodies.

Deliberately small and dependency-free so that the load generator spends little CPU per request
(the server and the generator share the machine's two cores). Responses are read completely but
not kept: the benchmark needs status, headers and size only.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass


class ConnectionClosed(Exception):
    """The server closed the connection before a response began."""


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]  # lower-case names; a repeated header keeps its last value
    size: int


def raw_request(path: str, host: str, headers: dict[str, str] | None = None) -> bytes:
    """The bytes of a GET request; built once per target, sent many times."""
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}",
        "User-Agent: digitalagentur-bench",
        "Accept: */*",
        "Connection: keep-alive",
    ]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader = reader
        self.writer = writer
        self.reusable = True
        self.used = False

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
        return cls(reader, writer)

    def close(self) -> None:
        self.reusable = False
        self.writer.close()

    async def request(self, raw: bytes) -> Response:
        self.used = True
        self.writer.write(raw)
        await self.writer.drain()
        reader = self.reader
        line = await reader.readline()
        if not line:
            self.close()
            raise ConnectionClosed
        parts = line.split(None, 2)
        version, status = parts[0], int(parts[1])
        headers: dict[str, str] = {}
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        size = 0
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                chunk_size = int((await reader.readline()).split(b";")[0], 16)
                if chunk_size == 0:
                    while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                await reader.readexactly(chunk_size + 2)
                size += chunk_size
        elif "content-length" in headers:
            size = int(headers["content-length"])
            if size:
                await reader.readexactly(size)
        elif status not in (204, 304) and not 100 <= status < 200:
            body = await reader.read()  # delimited by the end of the connection
            size = len(body)
            self.reusable = False
        connection = headers.get("connection", "").lower()
        if connection == "close" or (version == b"HTTP/1.0" and connection != "keep-alive"):
            self.reusable = False
        if not self.reusable:
            self.close()
        return Response(status, headers, size)


class Pool:
    """Idle keep-alive connections to one server; a new one whenever none is idle."""

    def __init__(self, host: str, port: int, limit: int = 512):
        self.host = host
        self.port = port
        self.idle: deque[Connection] = deque()
        self.slots = asyncio.Semaphore(limit)

    async def request(self, raw: bytes) -> Response:
        async with self.slots:
            for attempt in range(2):
                if self.idle and attempt == 0:
                    conn = self.idle.pop()
                else:
                    conn = await Connection.open(self.host, self.port)
                reused = conn.used
                try:
                    response = await conn.request(raw)
                except (ConnectionClosed, ConnectionResetError, BrokenPipeError):
                    conn.close()
                    if reused:
                        continue  # a kept-alive connection the server had closed: retry once
                    raise
                except BaseException:
                    conn.close()
                    raise
                if conn.reusable:
                    self.idle.append(conn)
                return response
            raise ConnectionClosed

    def close(self) -> None:
        while self.idle:
            self.idle.pop().close()
