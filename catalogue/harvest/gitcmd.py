"""Running `git` on untrusted repositories: a clean environment, no prompts, no hooks, a hard deadline.

GitPython inherits the parent environment and cannot enforce a deadline on clones (see the reliability
checklist, G6/G7), so network git runs through subprocess here, in its own process group. Every command stops at
the earlier of its own time limit and the harvest's deadline (`GitSettings.deadline`), and at a bounded output.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from catalogue.harvest.budget import Deadline

_SAFE_CONFIG = (
    "core.hooksPath=/dev/null",
    "protocol.file.allow=never",
    "protocol.ext.allow=never",
    "http.followRedirects=false",
    "http.lowSpeedLimit=1000",
    "http.lowSpeedTime=30",
    "transfer.credentialsInUrl=die",
    "submodule.recurse=false",
    "fetch.recurseSubmodules=false",
    "gc.auto=0",
    "maintenance.auto=false",
    "advice.detachedHead=false",
)


class GitError(Exception):
    """A git command failed; the message is one line a person can act on."""


@dataclass(frozen=True)
class GitSettings:
    """How git may reach repositories: `allow_http` only for loopback tests and local mirrors."""

    allow_http: bool = False
    timeout_seconds: float = 300.0
    max_repository_bytes: int = 500 * 1024 * 1024  # the blob-less clone on disk; larger ones are removed and refused
    url_rewrites: tuple[tuple[str, str], ...] = ()  # (local base, public base): git's url.<base>.insteadOf
    resolve_pins: tuple[str, ...] = ()  # "host:port:address" for curl, so git connects to the address that was checked
    deadline: Deadline | None = None  # the repository's or the run's, whichever comes first (budget.py)
    max_output_bytes: int = 64 * 1024 * 1024  # what one command may print; more stops it (a tree or history too large to analyse)
    protocol_version: str | None = None  # git's wire protocol ("0", "2"); None: git's default


def git_environment(settings: GitSettings, *, offline: bool) -> dict[str, str]:
    """An environment built from scratch, so nothing inherited can change what git does."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/nonexistent",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": "/bin/false",
        "SSH_ASKPASS": "/bin/false",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_ALLOW_PROTOCOL": "https:http" if settings.allow_http else "https",
    }
    if offline:
        env["GIT_NO_LAZY_FETCH"] = "1"
    return env


def run_git(
    args: Sequence[str], settings: GitSettings, *, cwd: Path | None = None, offline: bool = True, timeout: float | None = None, input: bytes | None = None
) -> str:
    """Run git and return its standard output; raise GitError with git's last message on failure or timeout."""
    command = ["git"]
    for item in _SAFE_CONFIG:
        command += ["-c", item]
    for local, public in settings.url_rewrites:
        command += ["-c", f"url.{local}.insteadOf={public}"]
    for pin in settings.resolve_pins:
        command += ["-c", f"http.curloptResolve={pin}"]
    command += list(args)
    name = _subcommand(args)
    limit = timeout if timeout is not None else settings.timeout_seconds
    deadline = settings.deadline
    if deadline is not None and deadline.remaining() < limit:
        if deadline.expired:
            raise GitError(deadline.exhausted(f"git {name} nicht gestartet"))
        limit = deadline.remaining()
    else:
        deadline = None  # the command's own limit comes first
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=git_environment(settings, offline=offline),
        stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        try:
            out, err = _collect(process, input, time.monotonic() + limit, settings.max_output_bytes)
        except subprocess.TimeoutExpired:
            _kill(process)
            if deadline is not None:
                raise GitError(deadline.exhausted(f"git {name} abgebrochen")) from None
            raise GitError(f"git {name} took longer than {limit:.0f} s and was stopped") from None
        except _TooMuchOutput:
            _kill(process)
            raise GitError(f"git {name} abgebrochen: mehr als {_size(settings.max_output_bytes)} Ausgabe (zu groß zum Auswerten)") from None
    if process.returncode != 0:
        raise GitError(f"git {name} failed: {_last_line(err)}")
    return out.decode("utf-8", "replace")


class _TooMuchOutput(Exception):
    pass


def _collect(process: subprocess.Popen[bytes], input: bytes | None, until: float, max_bytes: int) -> tuple[bytes, bytes]:
    """Standard output and error of `process`, read as they come, until it ends, `until` passes or output exceeds `max_bytes`."""
    if process.stdin is not None and input is not None:
        try:
            process.stdin.write(input)  # a few object ids: git reads them all before its answers fill a pipe
            process.stdin.close()
        except BrokenPipeError:
            pass
    streams = [stream for stream in (process.stdout, process.stderr) if stream is not None]
    chunks: dict[int, list[bytes]] = {stream.fileno(): [] for stream in streams}
    sizes = dict.fromkeys(chunks, 0)
    with selectors.DefaultSelector() as selector:
        for stream in streams:
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            left = until - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired(process.args, 0)
            for key, _ in selector.select(left):
                data = os.read(key.fd, 1 << 16)
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                chunks[key.fd].append(data)
                sizes[key.fd] += len(data)
                if sizes[key.fd] > max_bytes:
                    raise _TooMuchOutput
    process.wait(max(0.0, until - time.monotonic()))
    out, err = (b"".join(chunks[stream.fileno()]) for stream in streams)
    return out, err


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Stop git and every helper it started (git-remote-http, index-pack); leaving the `with` block reaps them."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"


def _subcommand(args: Sequence[str]) -> str:
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "-c":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return "command"


def _last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    text = lines[-1] if lines else "no message"
    # Remote-controlled text: keep it printable so it cannot drive a terminal or a CI log.
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:300]
