"""The `catalogue` command: one subcommand per task, each calling one function and printing its result."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from tqdm import tqdm

from catalogue import __version__, changes, interview, vocabulary
from catalogue.entries import validate_paths
from catalogue.errors import CatalogueError
from catalogue.findings import Finding, Severity, count_errors, format_findings
from catalogue.harvest.budget import Budgets
from catalogue.messages import LANGUAGES, Language, msg, set_language
from catalogue.model import Entry
from catalogue.scaffold import write_new_entry
from catalogue.schema import ID_PATTERN

EXIT_OK, EXIT_PROBLEMS, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 3, 130


def _validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [Path("entries")]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        print(msg("cli.no_such_path", command="validate", path=missing[0]), file=sys.stderr)
        return EXIT_PROBLEMS
    result = validate_paths(paths, root=Path.cwd(), changed=_changed_files(args.base))
    findings = [*result.findings, *_record_findings(result.entries, Path(args.harvest_dir))]
    result = replace(result, findings=findings)
    output = format_findings(result.findings, args.format)
    if output:
        print(output)
    errors = count_errors(result.findings)
    if args.format == "text":
        summary = msg("cli.valid", count=len(result.entries)) if errors == 0 else msg("cli.errors", errors=errors, files=len({f.path for f in result.findings}))
        print(summary, file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _changed_files(base: str | None) -> frozenset[str] | None:
    """The files a pull request adds or changes (--base, else the CI's base); None when unknown."""
    base = base or changes.base_from_environment()
    if not base:
        return None
    try:
        return changes.changed_files(Path.cwd(), base)
    except CatalogueError as error:
        print(msg("changes.unknown_base", reason=error), file=sys.stderr)
        return None


def _new(args: argparse.Namespace, ask: Callable[[str], str] = input) -> int:
    """Ask for what the flags leave open, checking each answer at once; on abort keep the answers in a draft."""
    entries_dir = Path(args.entries)
    if not entries_dir.is_dir():
        print(msg("new.no_folder", path=entries_dir), file=sys.stderr)
        return EXIT_PROBLEMS
    answers: dict[str, Any] = {}
    if args.resume:
        try:
            answers.update(interview.read_draft(Path(args.resume)))
        except (OSError, ValueError) as error:
            print(msg("new.bad_draft", path=args.resume, reason=getattr(error, "strerror", None) or error), file=sys.stderr)
            return EXIT_PROBLEMS
    answers.update({q.key: getattr(args, q.key) for q in interview.QUESTIONS if getattr(args, q.key) not in (None, [])})
    interactive = args.interactive or sys.stdin.isatty()
    existing = interview.existing_entries(entries_dir)
    checked: dict[str, Any] = {}
    problems: list[str] = []
    try:
        for question in interview.QUESTIONS:
            value = _answer(question, answers.get(question.key), checked, entries_dir, existing, interactive, ask, problems)
            if value is not None:
                checked[question.key] = value
                if question.key == "name" and interactive:
                    _show_similar(str(value), existing)
    except (KeyboardInterrupt, EOFError) as abort:
        print(file=sys.stderr)
        if checked:
            print(msg("new.draft_written", path=interview.write_draft(entries_dir, checked)), file=sys.stderr)
        else:
            print(msg("new.aborted_nothing"), file=sys.stderr)
        return EXIT_INTERRUPTED if isinstance(abort, KeyboardInterrupt) else EXIT_PROBLEMS
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return EXIT_PROBLEMS
    target = write_new_entry(entries_dir, interview.new_entry(checked))
    result = validate_paths([target], root=Path.cwd())
    if result.findings:
        print(format_findings(result.findings, "text"))
        print(msg("new.written_invalid", path=target), file=sys.stderr)
        return EXIT_PROBLEMS
    print(msg("new.written", path=target))
    return EXIT_OK


def _answer(
    question: interview.Question,
    given: Any,
    checked: dict[str, Any],
    entries_dir: Path,
    existing: list[interview.Existing],
    interactive: bool,
    ask: Callable[[str], str],
    problems: list[str],
) -> Any:
    """One checked answer: from a flag, else asked until it passes; None when it is missing without a terminal."""
    flag = "field" if question.key == "fields" else question.key.replace("_", "-")
    if given is not None:
        value, problem = interview.check(question, given, checked, entries_dir, existing)
        if problem is None:
            return value
        if not interactive:
            problems.append(msg("new.flag_problem", flag=flag, problem=problem))
            return None
        print(msg("new.problem", problem=problem), file=sys.stderr)
    elif not interactive:
        if question.key == "ags" or (question.key == "description" and checked.get("short_description")):
            value, problem = interview.check(question, "", checked, entries_dir, existing)
            if problem is None:
                return value
            problems.append(msg("new.flag_problem", flag=flag, problem=problem))
            return None
        choices = msg("new.flag_choices", allowed=", ".join(question.choices)) if question.choices else ""
        problems.append(msg("new.flag_missing", flag=flag, choices=choices))
        return None
    while True:
        value, problem = interview.check(question, ask(interview.prompt(question)), checked, entries_dir, existing)
        if problem is None:
            return value
        print(msg("new.problem", problem=problem), file=sys.stderr)


def _show_similar(name: str, existing: list[interview.Existing]) -> None:
    similar = interview.similar_entries(name, existing)
    if similar:
        print(msg("new.similar"), file=sys.stderr)
        for entry in similar[:5]:
            print(msg("new.similar_item", name=entry.name, path=entry.display), file=sys.stderr)


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
        print(msg("cli.no_entry_id", entry_id=unknown[0]), file=sys.stderr)
        return EXIT_PROBLEMS
    rewrites = []
    for mapping in args.mirror:
        local, separator, public = mapping.partition("=")
        if not separator:
            print(msg("cli.mirror_form"), file=sys.stderr)
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
        budgets=Budgets(repository_seconds=args.repository_budget, run_seconds=args.run_budget),
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
        print(msg("cli.fail_on", count=len(failing), rules=",".join(args.fail_on), ids=", ".join(r.id for r in failing)), file=sys.stderr)
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
    print(msg("cli.exported", count=len(written), path=Path(args.output) / "api"))
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
    common = _Parser(add_help=False)
    # SUPPRESS: an option given before the subcommand is not reset by the subcommand's own default.
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=msg("cli.help.debug"))
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=msg("cli.help.lang"))
    parser = _Parser(prog="catalogue", description=msg("cli.description"), parents=[common])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, help_key: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=msg(help_key), parents=[common])

    validate = command("validate", "cli.help.validate")
    validate.add_argument("paths", nargs="*", help=msg("cli.help.paths"))
    validate.add_argument("--format", choices=("text", "github", "gitlab", "json"), default="text")
    validate.add_argument("--harvest-dir", default="harvest", help=msg("cli.help.harvest_dir_validate"))
    validate.add_argument("--base", metavar="REF", help=msg("cli.help.base"))
    validate.set_defaults(handler=_validate)

    new = command("new", "cli.help.new")
    for question in interview.QUESTIONS:
        if question.repeatable:
            new.add_argument("--field", dest="fields", action="append", default=[], metavar="HANDLUNGSFELD", help=msg("cli.help.field"))
        else:
            new.add_argument(f"--{question.key.replace('_', '-')}", dest=question.key, help=msg(f"new.ask.{question.key}"))
    new.add_argument("--entries", default="entries", help=msg("cli.help.entries"))
    new.add_argument("--interactive", action="store_true", help=msg("cli.help.interactive"))
    new.add_argument("--resume", metavar="ENTWURF", help=msg("cli.help.resume"))
    new.set_defaults(handler=_new)

    harvest = command("harvest", "cli.help.harvest")
    harvest.add_argument("ids", nargs="*", help="entry ids (default: all)")
    harvest.add_argument("--entries", default="entries")
    harvest.add_argument("--harvest-dir", default="harvest", help="where the JSON records are kept (default: harvest/)")
    harvest.add_argument("--cache-dir", default=".cache", help="where the blob-less clones are kept (default: .cache/)")
    harvest.add_argument("--offline", action="store_true", help="recompute from the cache alone, without network")
    harvest.add_argument("--jobs", type=int, default=4, help="repositories harvested in parallel (default: 4)")
    harvest.add_argument("--timeout", type=float, default=300.0, help="seconds one git command may take (default: 300)")
    limits = Budgets()
    harvest.add_argument(
        "--repository-budget", type=float, default=limits.repository_seconds, metavar="S", help="seconds per repository, git and API (default: %(default).0f)"
    )
    harvest.add_argument("--run-budget", type=float, default=limits.run_seconds, metavar="S", help="seconds for the whole run (default: %(default).0f)")
    harvest.add_argument("--mirror", action="append", default=[], metavar="LOCAL=PUBLIC", help="read PUBLIC URLs from a LOCAL mirror (git insteadOf)")
    harvest.add_argument("--allow-local", action="store_true", help="allow http:// and loopback/private addresses (tests, local mirrors)")
    harvest.add_argument("--api-base", action="append", default=[], metavar="HOST=URL", help="ask HOST's API at URL instead (tests, mirrors)")
    harvest.add_argument("--no-api", action="store_true", help="read git facts only, ask no host API")
    harvest.set_defaults(handler=_harvest)

    report = command("report", "cli.help.report")
    report.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    report.add_argument(
        "--fail-on",
        action="append",
        default=[],
        choices=("funding", "unknown", "stale", "mismatch", "archived", "conflict", "operation"),
        help="exit 1 when an entry matches (repeatable)",
    )
    transfers = command("transfers", "cli.help.transfers")
    transfers.add_argument("--format", choices=("table", "csv", "json"), default="table")
    export = command("export", "cli.help.export")
    export.add_argument("--output", default="export", help="folder to write api/ into (default: export/)")
    export.add_argument("--site-url", default="", help="absolute base URL of the published site, for links")
    for sub in (report, transfers, export):
        sub.add_argument("--entries", default="entries")
        sub.add_argument("--harvest-dir", default="harvest")
    report.set_defaults(handler=_report)
    transfers.set_defaults(handler=_transfers)
    export.set_defaults(handler=_export)

    importer = command("import", "cli.help.import")
    import_kinds = importer.add_subparsers(dest="kind", required=True, parser_class=_Parser)
    from_publiccode = import_kinds.add_parser("publiccode", help="from a publiccode.yml file or an https repository that has one", parents=[common])
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


class _Parser(argparse.ArgumentParser):
    """argparse, with its complaint about the call in the chosen language's frame (exit 2, as argparse does)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, msg("cli.usage_error", detail=message) + "\n")


def _language_option(argv: Sequence[str]) -> Language | None:
    # Read before the parser is built, so that its help texts are in the chosen language too.
    for index, item in enumerate(argv):
        value = item.partition("=")[2] if item.startswith("--lang=") else (argv[index + 1] if item == "--lang" and index + 1 < len(argv) else None)
        for language in LANGUAGES:
            if value == language:
                return language
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand: 0 done, 1 the input has problems (printed), 3 a bug (reported briefly), 130 interrupted."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_option(arguments))
    args = build_parser().parse_args(arguments)
    debug = getattr(args, "debug", False)
    try:
        result: int = args.handler(args)
        return result
    except KeyboardInterrupt:
        print("\n" + msg("cli.interrupted", command=args.command), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head): nothing more to say, and Python's own flush at exit must not complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except CatalogueError as error:
        print(f"catalogue {args.command}: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as error:
        if debug:
            raise
        print(_bug_report(args.command, error), file=sys.stderr)
        return EXIT_BUG


def _bug_report(command: str, error: Exception) -> str:
    """One line for a bug, never a traceback (unless --debug): what failed, and where to report it."""
    import platform

    what = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    return msg("cli.bug", command=command, what=what, version=__version__, python=platform.python_version(), system=platform.system())


if __name__ == "__main__":
    sys.exit(main())
