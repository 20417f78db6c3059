"""Running `git` on untrusted repositories: a clean environment, no prompts, no hooks, a hard deadline.

GitPython inherits the parent environment and cannot enforce a deadline on clones (see the reliability
checklist, G6/G7), so network git runs through subprocess here, in its own process group.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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


def run_git(args: Sequence[str], settings: GitSettings, *, cwd: Path | None = None, offline: bool = True, timeout: float | None = None) -> str:
    """Run git and return its standard output; raise GitError with git's last message on failure or timeout."""
    command = ["git"]
    for item in _SAFE_CONFIG:
        command += ["-c", item]
    for local, public in settings.url_rewrites:
        command += ["-c", f"url.{local}.insteadOf={public}"]
    for pin in settings.resolve_pins:
        command += ["-c", f"http.curloptResolve={pin}"]
    if settings.protocol_version:
        command += ["-c", f"protocol.version={settings.protocol_version}"]
    command += list(args)
    deadline = timeout if timeout is not None else settings.timeout_seconds
    name = _subcommand(args)
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=git_environment(settings, offline=offline),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=deadline)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise GitError(f"git {name} took longer than {deadline:.0f} s and was stopped") from None
    if process.returncode != 0:
        raise GitError(f"git {name} failed: {_last_line(err)}")
    return out.decode("utf-8", "replace")


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
