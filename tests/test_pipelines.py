"""The CI pipelines in the repository: valid, without known security smells, and their steps work."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO_ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))


def test_github_workflows_match_the_workflow_schema() -> None:
    result = subprocess.run([BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_pipeline_matches_the_gitlab_ci_schema() -> None:
    command = [BIN / "check-jsonschema", "--builtin-schema", "vendor.gitlab-ci", REPO_ROOT / ".gitlab-ci.yml"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_have_no_zizmor_findings() -> None:
    command = [BIN / "zizmor", "--offline", "--config", REPO_ROOT / "zizmor.yml", REPO_ROOT / ".github" / "workflows"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_are_validated_without_write_access() -> None:
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "validate.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in workflow[True]  # PyYAML reads the key 'on' as True
    assert any(step.get("run") == ".venv/bin/catalogue validate --format github" for step in workflow["jobs"]["validate"]["steps"])


def test_pre_commit_hook_runs_the_validator_on_entries() -> None:
    [hook] = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "catalogue validate"
    assert re.search(hook["files"], "entries/giess-den-kiez.yaml") and not re.search(hook["files"], "docs/index.md")


def _publishing_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    for name in ("entries", "harvest", "docs"):
        shutil.copytree(REPO_ROOT / name, copy / name)
    shutil.copy(REPO_ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    (copy / ".venv").symlink_to(REPO_ROOT / ".venv")
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", **identity}
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True, env=env)
    subprocess.run(["git", "add", "entries"], cwd=copy, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "entries"], cwd=copy, check=True, env=env)
    return copy


def test_publishing_round_runs_as_the_workflows_run_it(tmp_path: Path) -> None:
    """The run: steps of pages.yml (and the GitLab pages job), in order, as one script on a copy of the repository."""
    copy = _publishing_copy(tmp_path)
    pages = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step["run"] for step in pages["jobs"]["build"]["steps"] if "run" in step and not step["run"].startswith("scripts/setup")]
    gitlab = yaml.safe_load((REPO_ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    steps += gitlab["pages"]["script"]
    script = "set -euo pipefail\n" + "\n".join(steps) + "\n"
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(["bash", "-c", script], cwd=copy, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "erfüllen die Förderbedingung nachweislich" in summary.read_text(encoding="utf-8")
    for site in ("site", "public"):
        assert (copy / site / "api" / "entries.json").is_file()
        assert (copy / site / "buero" / "bericht" / "index.html").is_file()
        assert (copy / site / "pagefind" / "pagefind-ui.js").is_file()


def test_github_and_gitlab_run_the_readme_test_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/test" in readme
    tests = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))
    assert [step.get("run") for step in tests["jobs"]["tests"]["steps"] if step.get("run")] == ["scripts/test"]
    gitlab = yaml.safe_load((REPO_ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["tests"]["script"] == ["scripts/test"]


def test_changes_to_harvest_records_are_validated() -> None:
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "validate.yml").read_text(encoding="utf-8"))
    assert "harvest/**" in workflow[True]["pull_request"]["paths"]
