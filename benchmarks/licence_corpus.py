"""Precision and recall of licence detection on the full corpus (tests/licence_corpus.py); run on demand.

.venv/bin/python benchmarks/licence_corpus.py

The repository's paths are given as the harvest gives them: top-level licence files by name, REUSE licences by
the names in LICENSES/, every other file as read. Precision counts only answers given; a GNU family answer
("GPL-3.0") where "GPL-3.0-or-later" was expected counts as wrong, as does any other difference.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from catalogue.harvest.licences import TextMatcher, detect_licence

from licence_corpus import corpus

_LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|unlicense)([-._][a-z0-9.+-]+)?(\.(md|txt|rst|markdown))?$", re.IGNORECASE)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        matcher = TextMatcher(Path(scratch) / "licenseid.db")
        right = wrong = missed = refused = 0
        started = time.perf_counter()
        for name, files, expected in corpus():
            licence_files = sorted(p for p in files if "/" not in p and _LICENCE_FILE.match(p))
            reuse_ids = [p.removeprefix("LICENSES/").rsplit(".", 1)[0] for p in files if p.startswith("LICENSES/") and p.count("/") == 1]
            found = detect_licence(files, licence_files, reuse_ids, matcher, {}).expression
            if found is None:
                refused += expected is None
                missed += expected is not None
                if expected is not None:
                    print(f"unknown   {name}")
            elif found == expected:
                right += 1
            else:
                wrong += 1
                print(f"WRONG     {name}: {found} (expected {expected})")
        seconds = time.perf_counter() - started
    total = right + wrong + missed + refused
    print(f"cases {total}: correct {right}, wrong {wrong}, unknown where a licence was {missed}, unknown where none was expected {refused}")
    print(f"precision {right / max(1, right + wrong):.3f}  recall {right / max(1, right + wrong + missed):.3f}  ({seconds / total * 1000:.0f} ms per case)")


if __name__ == "__main__":
    main()
