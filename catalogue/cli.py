"""The `catalogue` command: one subcommand per task, each calling one function and printing its result."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from catalogue import __version__, vocabulary
from catalogue.entries import validate_paths
from catalogue.findings import count_errors, format_findings
from catalogue.scaffold import NewEntry, write_new_entry
from catalogue.schema import ID_PATTERN

EXIT_OK, EXIT_PROBLEMS, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 3, 130


def _validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [Path("entries")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"catalogue validate: no such file or directory: {missing[0]}", file=sys.stderr)
        return EXIT_PROBLEMS
    result = validate_paths(paths, root=Path.cwd())
    output = format_findings(result.findings, args.format)
    if output:
        print(output)
    errors = count_errors(result.findings)
    if args.format == "text":
        summary = f"{len(result.entries)} entries valid" if errors == 0 else f"{errors} error(s) in {len({f.path for f in result.findings})} file(s)"
        print(summary, file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


_QUESTIONS: list[tuple[str, str, tuple[str, ...]]] = [
    ("id", "Kennung (Dateiname, z. B. giess-den-kiez)", ()),
    ("name", "Name der Lösung", ()),
    ("short_description", "Kurzbeschreibung (höchstens 200 Zeichen)", ()),
    ("repository", "Git-URL des Repositorys (https://...)", ()),
    ("organisation", "Entwickelnde Organisation", ()),
    ("organisation_type", "Art der Organisation", tuple(vocabulary.ORGANISATION_TYPES)),
    ("ags", "AGS (8 Ziffern; leer lassen, wenn keine Kommune)", ()),
    ("field", "Handlungsfeld", tuple(vocabulary.HANDLUNGSFELDER)),
    ("licence", "Lizenz (SPDX, z. B. MIT, EUPL-1.2)", ()),
    ("roadmap_phase", "Roadmap-Phase", tuple(vocabulary.ROADMAP_PHASES)),
    ("development_status", "Entwicklungsstand", tuple(vocabulary.DEVELOPMENT_STATUSES)),
]


def _new(args: argparse.Namespace, ask: Callable[[str], str] = input) -> int:
    answers: dict[str, Any] = {key: getattr(args, key) for key, _, _ in _QUESTIONS}
    for key, question, choices in _QUESTIONS:
        while answers[key] is None or (choices and answers[key] not in choices):
            if not sys.stdin.isatty() and not args.interactive:
                print(f"catalogue new: --{key.replace('_', '-')} is missing or not one of: {', '.join(choices)}", file=sys.stderr)
                return EXIT_PROBLEMS
            hint = f" [{' | '.join(choices)}]" if choices else ""
            answers[key] = ask(f"{question}{hint}: ").strip()
            if key == "ags" and not answers[key]:
                break
    if not re.match(ID_PATTERN, answers["id"] or ""):
        print(f"catalogue new: '{answers['id']}' is not a valid id (lowercase letters, digits, hyphens)", file=sys.stderr)
        return EXIT_PROBLEMS
    entries_dir = Path(args.entries)
    try:
        target = write_new_entry(entries_dir, NewEntry(**{**answers, "ags": answers["ags"] or None}))
    except FileExistsError:
        print(f"catalogue new: {entries_dir / (answers['id'] + '.yaml')} exists already; choose another id", file=sys.stderr)
        return EXIT_PROBLEMS
    result = validate_paths([target], root=Path.cwd())
    if result.findings:
        print(format_findings(result.findings, "text"))
        print(f"{target} written; fix the problems above before you open a pull request", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{target} written and valid; now describe the solution in 'description' and add what else you know.")
    return EXIT_OK


def _harvest(args: argparse.Namespace) -> int:
    from catalogue.entries import CatalogueError, load_catalogue
    from catalogue.harvest.gitcmd import GitSettings
    from catalogue.harvest.run import HarvestOptions, harvest

    try:
        catalogue = load_catalogue(Path(args.entries), root=Path.cwd())
    except CatalogueError as error:
        print(format_findings(error.findings, "text"))
        return EXIT_PROBLEMS
    known = catalogue.by_id()
    unknown = [entry_id for entry_id in args.ids if entry_id not in known]
    if unknown:
        print(f"catalogue harvest: no entry has the id '{unknown[0]}'", file=sys.stderr)
        return EXIT_PROBLEMS
    rewrites = []
    for mapping in args.mirror:
        local, separator, public = mapping.partition("=")
        if not separator:
            print("catalogue harvest: --mirror takes LOCAL=PUBLIC, e.g. http://127.0.0.1:9418/=https://github.com/", file=sys.stderr)
            return EXIT_PROBLEMS
        rewrites.append((local, public))
    api_bases = {host: url for host, _, url in (item.partition("=") for item in args.api_base)}
    settings = GitSettings(allow_http=args.allow_local, timeout_seconds=args.timeout, url_rewrites=tuple(rewrites))
    options = HarvestOptions(
        Path(args.harvest_dir), Path(args.cache_dir), settings, offline=args.offline, jobs=args.jobs, api_bases=api_bases, use_apis=not args.no_api
    )
    entries = [known[entry_id] for entry_id in args.ids] if args.ids else list(catalogue.entries)
    with tqdm(total=len(entries), desc="harvest", unit="entry", file=sys.stderr, disable=not sys.stderr.isatty()) as progress:

        def advance(outcome: object) -> None:
            progress.update(1)

        outcomes = harvest(entries, options, on_done=advance)
    width = max((len(o.entry_id) for o in outcomes), default=5)
    for outcome in outcomes:
        print(f"{outcome.entry_id:<{width}}  {outcome.status:<9}  {outcome.error or ''}".rstrip())
    failed = sum(1 for o in outcomes if o.status == "failed")
    summary = {status: sum(1 for o in outcomes if o.status == status) for status in ("updated", "unchanged", "failed")}
    print(", ".join(f"{count} {status}" for status, count in summary.items()), file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalogue", description="Smart-City-Katalog: entries, harvest, site and exports.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check entry files and report every problem with file, line and field")
    validate.add_argument("paths", nargs="*", help="entry files or directories (default: entries/)")
    validate.add_argument("--format", choices=("text", "github", "json"), default="text")
    validate.set_defaults(handler=_validate)

    new = commands.add_parser("new", help="write a new, valid entry from flags or a few questions")
    for key, question, choices in _QUESTIONS:
        new.add_argument(f"--{key.replace('_', '-')}", dest=key, help=question, choices=choices or None)
    new.add_argument("--entries", default="entries", help="directory of the entries (default: entries/)")
    new.add_argument("--interactive", action="store_true", help="ask for missing answers even when stdin is not a terminal")
    new.set_defaults(handler=_new)

    harvest = commands.add_parser("harvest", help="read licence and activity facts from the entries' Git repositories")
    harvest.add_argument("ids", nargs="*", help="entry ids (default: all)")
    harvest.add_argument("--entries", default="entries")
    harvest.add_argument("--harvest-dir", default="harvest", help="where the JSON records are kept (default: harvest/)")
    harvest.add_argument("--cache-dir", default=".cache", help="where the blob-less clones are kept (default: .cache/)")
    harvest.add_argument("--offline", action="store_true", help="recompute from the cache alone, without network")
    harvest.add_argument("--jobs", type=int, default=4, help="repositories harvested in parallel (default: 4)")
    harvest.add_argument("--timeout", type=float, default=300.0, help="seconds one git command may take (default: 300)")
    harvest.add_argument("--mirror", action="append", default=[], metavar="LOCAL=PUBLIC", help="read PUBLIC URLs from a LOCAL mirror (git insteadOf)")
    harvest.add_argument("--allow-local", action="store_true", help="allow http:// and loopback/private addresses (tests, local mirrors)")
    harvest.add_argument("--api-base", action="append", default=[], metavar="HOST=URL", help="ask HOST's API at URL instead (tests, mirrors)")
    harvest.add_argument("--no-api", action="store_true", help="read git facts only, ask no host API")
    harvest.set_defaults(handler=_harvest)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args)
        return result
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
