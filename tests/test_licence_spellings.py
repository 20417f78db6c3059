"""Licence values as people write them get a located German message with the intended SPDX expression, never a crash."""

from __future__ import annotations

import subprocess
import sys

import pytest

from catalogue import spdx

from conftest import VALID_ENTRY, EntryDir

SPELLINGS = {
    "Apache License, Version 2.0": "meinten Sie 'Apache-2.0'?",
    "MIT License": "meinten Sie 'MIT'?",
    "MIT/Apache-2.0": "meinten Sie 'MIT OR Apache-2.0'?",
    "MIT; Apache-2.0": "meinten Sie 'MIT AND Apache-2.0'?",
    "Apache-2.0 & MIT": "meinten Sie 'Apache-2.0 AND MIT'?",
    "dl-de/by-2-0": "meinten Sie 'DL-DE-BY-2.0'?",
    "GPLv3": "'GPL-3.0-only' oder 'GPL-3.0-or-later'",
    "Lizenz: MIT": "ohne 'Lizenz:' – meinten Sie 'MIT'?",
    "proprietär": "keine offene Lizenz (proprietär)",
    "MIT OR": "ist kein SPDX-Lizenzausdruck",
}


@pytest.mark.parametrize(("value", "expected"), SPELLINGS.items())
def test_common_spellings_get_the_intended_expression(value: str, expected: str) -> None:
    problem = spdx.check_expression(value).problem
    assert problem is not None and expected in problem


@pytest.mark.parametrize("value", ["MIT", "EUPL-1.2 OR MIT", "AGPL-3.0-or-later", "Apache-2.0 WITH LLVM-exception"])
def test_valid_expressions_pass(value: str) -> None:
    assert spdx.check_expression(value).normalized == value


def test_a_suggestion_is_never_the_input_itself() -> None:
    for value in [*SPELLINGS, "Lizenz MIT", "xyz"]:
        problem = spdx.check_expression(value).problem or ""
        assert f"meinten Sie '{value}'" not in problem and f"did you mean '{value}'" not in problem


def test_validate_reports_these_with_file_and_line_and_no_traceback(entries: EntryDir) -> None:
    for index, value in enumerate(SPELLINGS):
        entries.write(f"app-{index}", VALID_ENTRY.replace("licence: EUPL-1.2", f'licence: "{value}"').replace("example/beispiel-app", f"example/app-{index}"))
    result = subprocess.run([sys.executable, "-m", "catalogue.cli", "validate", "entries"], cwd=entries.root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert result.stdout.count("Feld 'licence'") == len(SPELLINGS)
