"""Cold vs warm harvest of N local repositories over loopback HTTP, and partial vs full clone bytes.

    .venv/bin/python benchmarks/harvest_cold_warm.py [N]

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

from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.run import HarvestOptions, harvest
from catalogue.model import Entry, Organisation, Repository

from gitserver import Commit, GitHttpServer, make_repo

PUBLIC = "https://github.com/"


def build_repos(root: Path, count: int) -> None:
    for index in range(count):
        commits = [Commit(f"c{n}", f"2026-0{1 + n % 9}-1{n % 9}T10:00:00+00:00", files={f"src/f{n}.txt": f"{n}\n" * 50}) for n in range(40)]
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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        build_repos(root / "served", count)
        server = GitHttpServer(root / "served")
        with server.running():
            settings = GitSettings(allow_http=True, url_rewrites=((server.base_url, PUBLIC),))
            options = HarvestOptions(root / "harvest", root / "cache", settings, use_apis=False, jobs=4)
            harvest(entries(1), HarvestOptions(root / "h0", root / "c0", settings, use_apis=False))  # build the licence database once
            server.requests.clear()
            server.bytes_sent = 0
            started = time.perf_counter()
            harvest(entries(count), options, now=datetime.now(UTC))
            cold, cold_bytes, cold_requests = time.perf_counter() - started, server.bytes_sent, len(server.requests)
            server.requests.clear()
            started = time.perf_counter()
            outcomes = harvest(entries(count), options, now=datetime.now(UTC))
            warm, warm_requests = time.perf_counter() - started, len(server.requests)
            assert all(o.status == "unchanged" for o in outcomes)
            server.bytes_sent = 0
            for i in range(count):
                subprocess.run(["git", "clone", "-q", "--bare", f"{server.base_url}bench/repo{i}.git", str(root / "full" / f"{i}.git")], check=True)
            full_bytes = server.bytes_sent
    print(f"{count} repositories, each with two 8 MB files in its history")
    print(f"cold harvest  {cold:7.2f} s  {cold_requests:4d} requests  {cold_bytes / 1e6:8.2f} MB")
    print(f"warm harvest  {warm:7.2f} s  {warm_requests:4d} requests  ({warm_requests / count:.1f} per repository)")
    print(f"full clones                             {full_bytes / 1e6:8.2f} MB")
    print(f"warm is {cold / warm:.0f}x faster than cold; the partial clone moved {100 * cold_bytes / full_bytes:.1f} % of a full clone's bytes")


if __name__ == "__main__":
    main()
