"""Which entry files a pull request adds or changes, compared with its base branch, so findings go where the contributor is."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from catalogue.errors import CatalogueError
from catalogue.messages import msg


def base_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The base a CI run compares with: GitLab's merge-request base commit, or GitHub's base branch on origin."""
    environ = os.environ if environ is None else environ
    if environ.get("CI_MERGE_REQUEST_DIFF_BASE_SHA"):
        return environ["CI_MERGE_REQUEST_DIFF_BASE_SHA"]
    if environ.get("GITHUB_BASE_REF"):
        return f"origin/{environ['GITHUB_BASE_REF']}"
    return None


def changed_files(root: Path, base: str) -> frozenset[str]:
    """Files (relative to `root`) that differ from where HEAD left `base`: committed, staged, unstaged or new."""
    merge_base = _git(root, "merge-base", base, "HEAD").strip()
    changed = _git(root, "diff", "--name-only", "--relative", "--no-renames", "--diff-filter=AM", merge_base, "--")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard")
    return frozenset(line for line in (changed + untracked).splitlines() if line)


def _git(root: Path, *arguments: str) -> str:
    command = ["git", "-C", str(root), *arguments]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    except (OSError, subprocess.TimeoutExpired) as error:
        raise CatalogueError(msg("changes.git_failed", detail=str(error))) from None
    if result.returncode != 0:
        raise CatalogueError(msg("changes.git_failed", detail=" ".join(result.stderr.split())[:200]))
    return result.stdout
