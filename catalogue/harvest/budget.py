"""How much time and work a harvest may spend: per repository (git and API together), per run, per analysis.

A hostile or broken server must not keep a harvest busy until someone kills it: every git command and every API
request runs against a deadline, waits the host asks for are cut at the deadline, and the analysis of a repository
reads a bounded number of files and bytes. What runs out is said in the record (stale error, API error, or
`limits_reached`), never silently dropped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Budgets:
    """The limits of one harvest run; every one is an option of `catalogue harvest` (docs/harvest.md)."""

    repository_seconds: float = 600.0  # git and API together, for one repository
    run_seconds: float = 4 * 3600.0  # the whole run; entries not reached keep their record
    api_answer_seconds: float = 30.0  # one API answer, headers and body (a trickling server runs out of it)
    api_wait_seconds: float = 120.0  # the longest wait a host may ask for (Retry-After, rate-limit reset)
    api_wait_without_reset_seconds: float = 5.0  # a 429 that names no time: wait this long, then try again
    licence_candidates: int = 10  # licence-like files read and matched at most; more make the file layer unsure
    bytes_per_file: int = 512 * 1024  # a file larger than this is not read
    bytes_per_repository: int = 4 * 1024 * 1024  # all files read from one repository together


class OutOfTime(Exception):
    """A deadline passed; the message says whose time ran out."""


@dataclass(frozen=True)
class Deadline:
    """A moment on the monotonic clock by which some work must be done, and whose time it is (for messages)."""

    at: float
    whose: str  # "für dieses Repository (600 s)": completes "die Zeit … ist aufgebraucht"

    @classmethod
    def after(cls, seconds: float, whose: str) -> Deadline:
        return cls(time.monotonic() + seconds, whose)

    def remaining(self) -> float:
        return self.at - time.monotonic()

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0

    def exhausted(self, doing: str) -> str:
        """The one line that says what was stopped and why."""
        return f"{doing}: die Zeit {self.whose} ist aufgebraucht"

    def check(self, doing: str) -> None:
        if self.expired:
            raise OutOfTime(self.exhausted(doing))


def earliest(*deadlines: Deadline | None) -> Deadline | None:
    """The deadline that comes first (None when there is none)."""
    known = [d for d in deadlines if d is not None]
    return min(known, key=lambda d: d.at) if known else None


def run_deadline(budgets: Budgets) -> Deadline:
    return Deadline.after(budgets.run_seconds, f"für den ganzen Lauf ({budgets.run_seconds:.0f} s)")


class RepositoryClock:
    """The time spent on one repository across the phases of a harvest (mirror first, then analysis and API).

    Between its phases the harvest works on other repositories of the same entry; that time is not charged here.
    """

    def __init__(self, budgets: Budgets, run: Deadline | None) -> None:
        self.seconds = budgets.repository_seconds
        self.run = run
        self.used = 0.0

    @contextmanager
    def running(self) -> Iterator[Deadline]:
        """A deadline for the next phase: what is left of the repository's time, never later than the run's."""
        started = time.monotonic()
        own = Deadline(started + self.seconds - self.used, f"für dieses Repository ({self.seconds:.0f} s)")
        try:
            yield earliest(own, self.run) or own
        finally:
            self.used += time.monotonic() - started


@contextmanager
def holding(lock: threading.Lock, until: Deadline | None, doing: str) -> Iterator[None]:
    """Hold `lock` (another repository may be using the same host), waiting no longer than `until` allows."""
    if not lock.acquire(timeout=max(0.0, until.remaining()) if until is not None else -1):
        raise OutOfTime(until.exhausted(doing) if until is not None else doing)
    try:
        yield
    finally:
        lock.release()


def licence_candidates(paths: list[str], budgets: Budgets) -> tuple[list[str], str | None]:
    """The licence-like files to read (the usual names first), and why the others are left out when there are too many.

    Beyond the limit none of them is trusted: a repository with hundreds of licence files cannot be summed up by the first few.
    """
    if len(paths) <= budgets.licence_candidates:
        return paths, None
    return [], f"{len(paths)} Lizenzdateien im Hauptordner, mehr als die {budgets.licence_candidates}, die geprüft werden; keine davon ausgewertet"


@dataclass
class ReadAllowance:
    """The bytes an analysis may still read from one repository."""

    budgets: Budgets
    used: int = 0

    def refusal(self, size: int) -> str | None:
        """Why a file of `size` bytes is not read, or None when it may be (and is then counted)."""
        if size > self.budgets.bytes_per_file:
            return f"größer als {self.budgets.bytes_per_file // 1024} KB"
        if self.used + size > self.budgets.bytes_per_repository:
            limit = self.budgets.bytes_per_repository // 1024
            return f"nicht mehr gelesen: aus dem Repository wurden schon {self.used // 1024} KB gelesen (höchstens {limit} KB)"
        self.used += size
        return None
