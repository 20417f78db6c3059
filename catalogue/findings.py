"""Located problems in entry files, and how they are printed for people, GitHub and tools."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

from catalogue.messages import msg


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file, at a line and column (1-based), about one field."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def as_text(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        subject = msg("finding.field", field=self.field) + ": " if self.field else ""
        marker = msg("finding.warning") + ": " if self.severity is Severity.WARNING else ""
        return f"{where}: {marker}{subject}{self.message}"

    def as_github(self) -> str:
        kind = "error" if self.severity is Severity.ERROR else "warning"
        title = msg("finding.field", field=self.field) if self.field else msg("finding.entry")
        return f"::{kind} file={_gh_property(self.path)},line={self.line},col={self.column},title={_gh_property(title)}::{_gh_data(self.message)}"


def _gh_data(text: str) -> str:
    # Workflow-command escaping, so untrusted text cannot end the command or start a new one.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_findings(findings: Iterable[Finding], output_format: str) -> str:
    """Render findings as 'text', 'github' (workflow annotations), 'gitlab' (Code Quality report) or 'json'."""
    ordered = sorted(findings)
    if output_format == "gitlab":
        return json.dumps([_code_quality(f) for f in ordered], ensure_ascii=False, indent=2)
    if output_format == "json":
        rows = [{**asdict(f), "severity": f.severity.value} for f in ordered]
        return json.dumps({"findings": rows, "errors": count_errors(ordered)}, ensure_ascii=False, indent=2)
    if output_format == "github":
        return "\n".join(f.as_github() for f in ordered)
    return "\n".join(f.as_text() for f in ordered)


def _code_quality(finding: Finding) -> dict[str, object]:
    # GitLab's Code Quality format (a subset of Code Climate's), shown on the merge request's changed lines.
    subject = msg("finding.field", field=finding.field) + ": " if finding.field else ""
    fingerprint = hashlib.sha256(f"{finding.path}:{finding.line}:{finding.column}:{finding.message}".encode()).hexdigest()
    return {
        "description": subject + finding.message,
        "check_name": "catalogue-validate",
        "fingerprint": fingerprint,
        "severity": "major" if finding.severity is Severity.ERROR else "minor",
        "location": {"path": finding.path, "lines": {"begin": finding.line}},
    }


def count_errors(findings: Iterable[Finding]) -> int:
    return sum(1 for f in findings if f.severity is Severity.ERROR)
