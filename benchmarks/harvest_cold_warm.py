"""Cold vs warm harvest of N local repositories over loopback HTTP, partial vs full clone bytes, and what the
analysis of source, status and operation (catalogue/harvest/runnable.py) adds to a cold and to a warm harvest.

    .venv/bin/python benchmarks/harvest_cold_warm.py [N]

The baseline for the analysis is the same cold harvest with the analysis replaced by an empty one, in the same run.
Prints ratios measured in this one run; nothing here is a pass/fail test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from catalogue.harvest import runnable
from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.run import HarvestOptions, harvest
from catalogue.model import Entry, OperationFacts, Organisation, Repository, SourceFacts, StatusFacts

from gitserver import Commit, GitHttpServer, make_repo

PUBLIC = "https://github.com/"


OPERATION_FILES: dict[str, str | bytes] = {
    "README.md": "# App\n\n" + "Text.\n" * 200 + "## Installation\n\ndocker compose up\n",
    "Dockerfile": "FROM python:3.12-slim\nCOPY . /app/\nWORKDIR /app\nRUN pip install -r requirements.txt\n",
    "deploy/docker-compose.yml": "services:\n  app:\n    build: ..\n  db:\n    image: postgis/postgis:16-3.4\n  cache:\n    image: redis:7\n",
    ".env.example": "MAPBOX_TOKEN=\nSENTRY_DSN=\nDATABASE_URL=postgres://db/app\n",
    "requirements.txt": "django\n",
}


def build_repos(root: Path, count: int) -> None:
    for index in range(count):
        commits = [Commit(f"c{n}", f"2026-0{1 + n % 9}-1{n % 9}T10:00:00+00:00", files={f"src/f{n}.py": f"x = {n}\n" * 50}) for n in range(40)]
        commits[30].files |= OPERATION_FILES  # what the analysis reads: README, Dockerfile, compose file, environment example
        commits[5].files["assets/big.bin"] = os.urandom(4 * 1024 * 1024).hex()  # an 8 MB file in history, as real repos have
        commits[20].files["assets/big.bin"] = os.urandom(4 * 1024 * 1024).hex()
        make_repo(root / "bench", f"repo{index}", commits)


def entries(count: int) -> list[Entry]:
    return [
        Entry(
            id=f"repo{i}",
            source_path="",
            name="x",
            short_description="x" * 10,
            description="x" * 20,
            repositories=(Repository(f"{PUBLIC}bench/repo{i}.git"),),
            organisation=Organisation("O", "Verein"),
            fields=("Mobilität",),
            roadmap_phase="P3",
            development_status="beta",
            licence="MIT",
        )
        for i in range(count)
    ]


def _without_analysis(*_: object) -> runnable.Findings:
    return runnable.Findings(SourceFacts(), StatusFacts(), OperationFacts())


def cold(root: Path, name: str, count: int, settings: GitSettings, server: GitHttpServer) -> tuple[float, int, int]:
    """Seconds, bytes and requests of a cold harvest of `count` repositories into fresh folders."""
    options = HarvestOptions(root / f"harvest-{name}", root / f"cache-{name}", settings, use_apis=False, jobs=4)
    server.requests.clear()
    server.bytes_sent = 0
    started = time.perf_counter()
    harvest(entries(count), options, now=datetime.now(UTC))
    return time.perf_counter() - started, server.bytes_sent, len(server.requests)


def warm(root: Path, name: str, count: int, settings: GitSettings, server: GitHttpServer) -> tuple[float, int]:
    options = HarvestOptions(root / f"harvest-{name}", root / f"cache-{name}", settings, use_apis=False, jobs=4)
    server.requests.clear()
    started = time.perf_counter()
    outcomes = harvest(entries(count), options, now=datetime.now(UTC))
    assert all(o.status == "unchanged" for o in outcomes)
    return time.perf_counter() - started, len(server.requests)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        build_repos(root / "served", count)
        server = GitHttpServer(root / "served")
        with server.running():
            settings = GitSettings(allow_http=True, url_rewrites=((server.base_url, PUBLIC),))
            harvest(entries(1), HarvestOptions(root / "h0", root / "c0", settings, use_apis=False))  # build the licence database once
            analyse = runnable.analyse
            runnable.analyse = _without_analysis  # type: ignore[assignment]
            base_cold, base_bytes, base_requests = cold(root, "base", count, settings, server)
            base_warm, base_warm_requests = warm(root, "base", count, settings, server)
            runnable.analyse = analyse  # type: ignore[assignment]
            full_cold, cold_bytes, cold_requests = cold(root, "full", count, settings, server)
            full_warm, warm_requests = warm(root, "full", count, settings, server)
            server.bytes_sent = 0
            for i in range(count):
                subprocess.run(["git", "clone", "-q", "--bare", f"{server.base_url}bench/repo{i}.git", str(root / "full" / f"{i}.git")], check=True)
            full_bytes = server.bytes_sent
    print(f"{count} repositories, each with two 8 MB files in its history, a README, Dockerfile, compose file and .env.example")
    print(f"cold harvest without analysis  {base_cold:7.2f} s  {base_requests:4d} requests  {base_bytes / 1e6:8.2f} MB")
    print(f"cold harvest with analysis     {full_cold:7.2f} s  {cold_requests:4d} requests  {cold_bytes / 1e6:8.2f} MB")
    print(f"warm harvest without analysis  {base_warm:7.2f} s  {base_warm_requests:4d} requests")
    print(f"warm harvest with analysis     {full_warm:7.2f} s  {warm_requests:4d} requests  ({warm_requests / count:.1f} per repository)")
    print(f"full clones                                             {full_bytes / 1e6:8.2f} MB")
    print(f"the analysis adds {100 * (full_cold / base_cold - 1):+.1f} % to a cold harvest and {warm_requests - base_warm_requests:+d} requests to a warm one")
    print(f"warm is {full_cold / full_warm:.0f}x faster than cold; the partial clone moved {100 * cold_bytes / full_bytes:.1f} % of a full clone's bytes")


if __name__ == "__main__":
    main()
