"""A local HTTP server answering like the GitHub, GitLab and Gitea REST APIs, with scripted faults."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from loopback import serving


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # sent as is (truncated JSON and the like)
    missing_bytes: int = 20  # for raw: Content-Length promises this many bytes more than are sent
    delay: float = 0.0  # seconds before answering (slow servers)
    trickle: float = 0.0  # seconds between single bytes of the body (a server that sends headers, then crawls)


class ApiServer:
    """Routes map a path (without query) to a list of replies, used in turn; the last one repeats."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                server.log.append((self.path, dict(self.headers)))
                reply = server.next_reply(path)
                if reply.delay:
                    time.sleep(reply.delay)
                etag = reply.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                payload = reply.raw if reply.raw is not None else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value.replace("{base}", server.base_url))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload) + (reply.missing_bytes if reply.raw is not None else 0)))
                self.end_headers()
                if reply.trickle:
                    for byte in payload:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(reply.trickle)
                    return
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}"

    def next_reply(self, path: str) -> Reply:
        replies = self.routes.get(path)
        if not replies:
            return Reply(404, {"message": "Not Found"})
        return replies.pop(0) if len(replies) > 1 else replies[0]

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def paths(self) -> list[str]:
        return [urlsplit(p).path for p, _ in self.log]

    @contextmanager
    def running(self) -> Iterator[ApiServer]:
        with serving(self.httpd):
            yield self
