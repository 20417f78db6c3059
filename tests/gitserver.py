"""Real git repositories built in temp dirs and served by `git http-backend` on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from loopback import serving

GIT_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "HOME": "/nonexistent",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "LANG": "C.UTF-8",
}


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env={**GIT_ENV, **(env or {})}, capture_output=True, text=True, timeout=60, check=True)
    return result.stdout


@dataclass
class Commit:
    message: str
    date: str  # ISO 8601
    author: str = "Ada Lovelace <ada@example.org>"
    files: dict[str, str | bytes] = field(default_factory=dict)  # bytes: written as they are (binary, other encodings)
    tag: str | None = None
    branch: str = "main"  # made on this branch (started from main when new)
    merge: str | None = None  # instead of a plain commit: merge this branch into main (--no-ff)


def make_repo(root: Path, name: str, commits: list[Commit]) -> Path:
    """A bare repository `name.git` under `root` with exactly these commits on main, packed with a reachability
    bitmap as `git gc`/`git repack -a -d` leave a bare repository on a server."""
    work = root / f"{name}-work"
    work.mkdir(parents=True)
    git("init", "-q", "-b", "main", cwd=work)
    branches, current = {"main"}, "main"
    for commit in commits:
        branch = "main" if commit.merge else commit.branch
        if branch != current:
            git("checkout", "-q", *((branch,) if branch in branches else ("-b", branch, "main")), cwd=work)
            branches.add(branch)
            current = branch
        for path, content in commit.files.items():
            target = work / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
            git("add", path, cwd=work)
        author_name, author_email = commit.author.rsplit(" <", 1)
        env = {
            "GIT_AUTHOR_NAME": author_name,
            "GIT_AUTHOR_EMAIL": author_email.rstrip(">"),
            "GIT_AUTHOR_DATE": commit.date,
            "GIT_COMMITTER_NAME": author_name,
            "GIT_COMMITTER_EMAIL": author_email.rstrip(">"),
            "GIT_COMMITTER_DATE": commit.date,
        }
        if commit.merge:
            git("merge", "-q", "--no-ff", "-m", commit.message, commit.merge, cwd=work, env=env)
        else:
            git("commit", "-q", "--allow-empty", "-m", commit.message, cwd=work, env=env)
        if commit.tag:
            git("tag", "-a", commit.tag, "-m", commit.tag, cwd=work, env=env)
    if current != "main":
        git("checkout", "-q", "main", cwd=work)
    bare = root / f"{name}.git"
    git("clone", "-q", "--bare", str(work), str(bare), cwd=root)
    git("config", "repack.writeBitmaps", "true", cwd=bare)
    git("repack", "-q", "-a", "-d", "-b", cwd=bare)
    git("config", "uploadpack.allowFilter", "true", cwd=bare)
    git("config", "uploadpack.allowAnySHA1InWant", "true", cwd=bare)
    git("config", "http.receivepack", "false", cwd=bare)
    return bare


class GitHttpServer:
    """Smart HTTP via `git http-backend` (CGI), counting requests per repository path."""

    def __init__(self, project_root: Path) -> None:
        self.project_root = project_root
        self.requests: list[str] = []
        self.bytes_sent = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._cgi()

            def do_POST(self) -> None:
                self._cgi()

            def _cgi(self) -> None:
                server.requests.append(self.path)
                if self.path.startswith("/moved/"):  # a repository that redirects elsewhere
                    self.send_response(302)
                    self.send_header("Location", self.path.removeprefix("/moved"))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path, _, query = self.path.partition("?")
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                env = {
                    **GIT_ENV,
                    "GIT_PROJECT_ROOT": str(server.project_root),
                    "GIT_HTTP_EXPORT_ALL": "1",
                    "PATH_INFO": path,
                    "QUERY_STRING": query,
                    "REQUEST_METHOD": self.command,
                    "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                    "CONTENT_LENGTH": str(len(body)),
                    "GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
                    "REMOTE_ADDR": "127.0.0.1",
                }
                encoding = self.headers.get("Content-Encoding", "")
                if encoding:
                    env["HTTP_CONTENT_ENCODING"] = encoding
                result = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True, timeout=60)
                head, _, payload = result.stdout.partition(b"\r\n\r\n")
                status = 200
                headers = []
                for line in head.decode("latin-1").split("\r\n"):
                    name, _, value = line.partition(": ")
                    if name.lower() == "status":
                        status = int(value.split()[0])
                    elif name:
                        headers.append((name, value))
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                server.bytes_sent += len(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    @contextmanager
    def running(self) -> Iterator[GitHttpServer]:
        with serving(self.httpd):
            yield self
