"""The `catalogue` command: one subcommand per task, each calling one function and printing its result."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tqdm import tqdm

from catalogue import __version__, vocabulary
from catalogue.entries import validate_paths
from catalogue.errors import CatalogueError
from catalogue.findings import Finding, Severity, count_errors, format_findings
from catalogue.model import Entry
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
    findings = [*result.findings, *_record_findings(result.entries, Path(args.harvest_dir))]
    result = replace(result, findings=findings)
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
    from catalogue.harvest.gitcmd import GitSettings
    from catalogue.harvest.run import HarvestOptions, harvest

    loaded = _load(args)
    if loaded is None:
        return EXIT_PROBLEMS
    catalogue = loaded[0]
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
    from catalogue.hosts import load_registry

    options = HarvestOptions(
        Path(args.harvest_dir),
        Path(args.cache_dir),
        settings,
        offline=args.offline,
        jobs=args.jobs,
        api_bases=api_bases,
        use_apis=not args.no_api,
        hosts=load_registry(Path.cwd()),
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


def _load(args: argparse.Namespace) -> tuple[Any, Any] | None:
    from catalogue.entries import load_catalogue
    from catalogue.errors import InvalidEntries
    from catalogue.records import load_records

    try:
        catalogue = load_catalogue(Path(args.entries), root=Path.cwd())
    except InvalidEntries as error:
        print(format_findings(error.findings, "text"))
        return None
    loaded = load_records(catalogue, Path(args.harvest_dir))
    if loaded.findings:  # a bad record counts as "not harvested"; say so, but the task goes on
        print(format_findings(loaded.findings, "text"), file=sys.stderr)
    return catalogue, loaded.records


def _report(args: argparse.Namespace) -> int:
    from catalogue import report

    loaded = _load(args)
    if loaded is None:
        return EXIT_PROBLEMS
    reports = report.office_report(*loaded)
    render = {"table": report.as_table, "markdown": report.as_markdown, "json": report.as_json}[args.format]
    print(render(reports))
    failing = report.failing(reports, args.fail_on)
    if failing:
        print(f"catalogue report: {len(failing)} entries fail --fail-on {','.join(args.fail_on)}: {', '.join(r.id for r in failing)}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _transfers(args: argparse.Namespace) -> int:
    from catalogue import report

    loaded = _load(args)
    if loaded is None:
        return EXIT_PROBLEMS
    sys.stdout.write(report.transfers_as(report.transfers(*loaded), args.format).rstrip("\n") + "\n")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from catalogue.exports.bundle import last_changes, write_exports

    loaded = _load(args)
    if loaded is None:
        return EXIT_PROBLEMS
    written = write_exports(Path(args.output), loaded[0], loaded[1], last_changes(Path.cwd(), loaded[0]), args.site_url)
    print(f"{len(written)} files written under {Path(args.output) / 'api'}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from catalogue import publiccode

    source = args.source
    try:
        raw = _read_publiccode_source(source, args)
        data = publiccode.read(raw)
        choices = publiccode.ImportChoices(args.id, args.organisation_type, args.ags, tuple(args.field))
        mapping = publiccode.to_entry_mapping(data, choices)
    except publiccode.PubliccodeError as error:
        print(f"catalogue import: {source} is not a usable publiccode.yml:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:
        print(f"catalogue import: cannot read {source}: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not re.match(ID_PATTERN, args.id):
        print(f"catalogue import: '{args.id}' is not a valid id (lowercase letters, digits, hyphens)", file=sys.stderr)
        return EXIT_PROBLEMS
    target = Path(args.entries) / f"{args.id}.yaml"
    text = publiccode.entry_yaml(mapping, source)
    check_dir = Path(args.entries)
    check_dir.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        print(f"catalogue import: {target} exists already; choose another --id", file=sys.stderr)
        return EXIT_PROBLEMS
    result = validate_paths([target], root=Path.cwd())
    if result.findings:
        target.unlink()
        print(format_findings(result.findings, "text"))
        print("catalogue import: the imported entry is not valid (shown above); nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{target} written from {source}; check the fields named in its header comment.")
    return EXIT_OK


def _read_publiccode_source(source: str, args: argparse.Namespace) -> bytes:
    """A local file, or publiccode.yml at HEAD of a repository (read through the harvester's safe git)."""
    if not source.startswith("https://"):
        return Path(source).read_bytes()
    from catalogue import publiccode
    from catalogue.harvest.facts import read_blob, tree
    from catalogue.harvest.gitcmd import GitError, GitSettings
    from catalogue.harvest.mirror import fetch_blobs, update_mirror

    settings = GitSettings(allow_http=args.allow_local, url_rewrites=tuple((local, public) for local, _, public in (m.partition("=") for m in args.mirror)))
    try:
        state = update_mirror(source, Path(args.cache_dir), settings)
        files = {e.path: e for e in tree(state.path, settings) if e.path in ("publiccode.yml", "publiccode.yaml") and e.kind == "blob" and not e.is_symlink}
        if not files:
            raise publiccode.PubliccodeError(["the repository has no publiccode.yml at its top level"])
        found = files.get("publiccode.yml") or files["publiccode.yaml"]
        fetch_blobs(state.path, [found.oid], state.settings)
        text = read_blob(state.path, found.oid, settings)
    except GitError as error:
        raise publiccode.PubliccodeError([f"repository: {error}"]) from None
    if text is None:
        raise publiccode.PubliccodeError(["publiccode.yml is too large or unreadable"])
    return text.encode("utf-8")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalogue", description="Smart-City-Katalog: entries, harvest, site and exports.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check entry files and report every problem with file, line and field")
    validate.add_argument("paths", nargs="*", help="entry files or directories (default: entries/)")
    validate.add_argument("--format", choices=("text", "github", "gitlab", "json"), default="text")
    validate.add_argument("--harvest-dir", default="harvest", help="harvest records checked with the entries (default: harvest/)")
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

    report = commands.add_parser("report", help="the funding condition per entry, stale harvests and missing facts")
    report.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    report.add_argument(
        "--fail-on",
        action="append",
        default=[],
        choices=("funding", "unknown", "stale", "mismatch", "archived", "conflict", "operation"),
        help="exit 1 when an entry matches (repeatable)",
    )
    transfers = commands.add_parser("transfers", help="reuse relations from used_by, plus forks by other organisations (candidates)")
    transfers.add_argument("--format", choices=("table", "csv", "json"), default="table")
    export = commands.add_parser("export", help="write api/ (JSON, CSV, Atom, publiccode.yml) into a folder")
    export.add_argument("--output", default="export", help="folder to write api/ into (default: export/)")
    export.add_argument("--site-url", default="", help="absolute base URL of the published site, for links")
    for sub in (report, transfers, export):
        sub.add_argument("--entries", default="entries")
        sub.add_argument("--harvest-dir", default="harvest")
    report.set_defaults(handler=_report)
    transfers.set_defaults(handler=_transfers)
    export.set_defaults(handler=_export)

    importer = commands.add_parser("import", help="create an entry from a publiccode.yml")
    import_kinds = importer.add_subparsers(dest="kind", required=True)
    from_publiccode = import_kinds.add_parser("publiccode", help="from a publiccode.yml file or an https repository that has one")
    from_publiccode.add_argument("source", help="path to publiccode.yml, or https:// repository URL")
    from_publiccode.add_argument("--id", required=True, help="id (file name) of the new entry")
    from_publiccode.add_argument("--organisation-type", default="Unternehmen", choices=tuple(vocabulary.ORGANISATION_TYPES))
    from_publiccode.add_argument("--ags", help="Amtlicher Gemeindeschlüssel, when the organisation is a Kommune")
    from_publiccode.add_argument("--field", action="append", default=[], choices=tuple(vocabulary.HANDLUNGSFELDER), help="Handlungsfeld (repeatable)")
    from_publiccode.add_argument("--entries", default="entries")
    from_publiccode.add_argument("--cache-dir", default=".cache")
    from_publiccode.add_argument("--allow-local", action="store_true", help="allow http:// and loopback addresses (tests, local mirrors)")
    from_publiccode.add_argument("--mirror", action="append", default=[], metavar="LOCAL=PUBLIC")
    from_publiccode.set_defaults(handler=_import)
    return parser


def _record_findings(entries: Sequence[Entry], harvest_dir: Path) -> list[Finding]:
    """Harvest records of the validated entries that cannot be used: errors, so a pull request cannot merge them."""
    from catalogue.records import RecordError, read_record, record_finding

    findings = []
    for entry in entries:
        try:
            read_record(harvest_dir, entry.id)
        except RecordError as error:
            findings.append(replace(record_finding(harvest_dir, entry.id, error), severity=Severity.ERROR))
    return findings


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand: 0 done, 1 the input has problems (printed), 3 a bug (reported briefly), 130 interrupted."""
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args)
        return result
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except CatalogueError as error:
        print(f"catalogue {args.command}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as error:
        if args.debug:
            raise
        print(_bug_report(args.command, error), file=sys.stderr)
        return EXIT_BUG


def _bug_report(command: str, error: Exception) -> str:
    """One line for a bug, never a traceback (unless --debug): what failed, and where to report it."""
    import platform

    what = f"{type(error).__name__}: {error}"[:300]
    return (
        f"catalogue {command}: unerwarteter Fehler ({what}). Das ist ein Fehler im Programm – bitte melden, "
        f"mit diesem Satz und dem Aufruf mit --debug (catalogue {__version__}, Python {platform.python_version()}, {platform.system()})."
    )


if __name__ == "__main__":
    sys.exit(main())
