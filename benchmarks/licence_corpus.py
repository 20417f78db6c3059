"""Precision and recall of licence detection on the full corpus (tests/licence_corpus.py); run on demand.

.venv/bin/python benchmarks/licence_corpus.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from catalogue.harvest.licences import TextMatcher, detect_licence

from licence_corpus import corpus


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        matcher = TextMatcher(Path(scratch) / "licenseid.db")
        right = wrong = missed = refused = 0
        started = time.perf_counter()
        for name, files, expected in corpus():
            found = detect_licence(files, sorted(files), [], matcher, {}).expression
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
    print(f"cases {total}: correct {right}, wrong {wrong}, unknown where a licence was {missed}, modified texts refused {refused}")
    print(f"precision {right / max(1, right + wrong):.3f}  recall {right / max(1, right + missed):.3f}  ({seconds / total * 1000:.0f} ms per case)")


if __name__ == "__main__":
    main()
