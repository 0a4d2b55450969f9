"""Timeline Builder: `python main.py` opens the window; subcommands work headless."""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone


def build_parser() -> argparse.ArgumentParser:
    from timeline.commands import default_database

    parser = argparse.ArgumentParser(prog="main.py", description="Build timelines from news articles.")
    parser.add_argument("--db", default=str(default_database()), help="project database (file or URL)")
    sub = parser.add_subparsers(dest="command")
    imp = sub.add_parser("import", help="import article files and folders")
    imp.add_argument("paths", nargs="+")
    imp.add_argument("--max-mb", type=float, default=50, help="skip files larger than this (default 50 MB)")
    imp.add_argument("--db", default=argparse.SUPPRESS)
    mrg = sub.add_parser("merge", help="merge a timeline exported as CSV or JSON Lines (a colleague's) into the project")
    mrg.add_argument("paths", nargs="+")
    mrg.add_argument("--db", default=argparse.SUPPRESS)
    con = sub.add_parser("conflicts", help="list the open conflicts between sources")
    con.add_argument("--csv", metavar="OUT", help="write them as CSV (- for standard output)")
    con.add_argument("--db", default=argparse.SUPPRESS)
    exp = sub.add_parser("export", help="export the timeline")
    exp.add_argument("--csv", metavar="OUT", help="CSV file, or - for standard output")
    exp.add_argument("--png", metavar="OUT", help="report page as a PNG image")
    exp.add_argument("--svg", metavar="OUT", help="report page as SVG (vector)")
    exp.add_argument("--pdf", metavar="OUT", help="report page as PDF (vector)")
    exp.add_argument("--scale", type=float, default=2.0, choices=(1.0, 2.0, 3.0), help="PNG pixels per point")
    exp.add_argument("--every-date", action="store_true",
                     help="report: the whole span of dates, even lone background ones far from the rest")
    exp.add_argument("--timelinejs", metavar="OUT", help="TimelineJS3 JSON")
    exp.add_argument("--html", metavar="OUT", help="a self-contained interactive HTML page")
    exp.add_argument("--jsonl", metavar="OUT", help="JSON Lines in the Timesketch shape (merges back with `merge`)")
    exp.add_argument("--title", default="Timeline", help="title of the report, HTML page or TimelineJS timeline")
    exp.add_argument("--width", type=int, default=1600)
    exp.add_argument("--from", dest="date_from")
    exp.add_argument("--to", dest="date_to")
    exp.add_argument("--db", default=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except Exception as error:  # noqa: BLE001 (only the project's errors are answered; the rest is raised)
        problem = _project_problem(error)
        if problem is None:
            raise
        print(problem, file=sys.stderr)
        return 2


def _project_problem(error: Exception) -> str | None:
    """What to tell when the project cannot be opened or written (None: another error). SQLAlchemy
    is imported here, not before: the window paints a large project before the store opens."""
    from timeline.store.project_file import ProjectError

    if isinstance(error, ProjectError):
        return f"cannot open the project: {error}"
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import DatabaseError

    from timeline.store.session import storage_problem

    if isinstance(error, DatabaseError):  # disk full, damaged pages found after opening
        return f"cannot go on: {storage_problem(error)}"
    return None


def _run(args: argparse.Namespace) -> int:
    from timeline import commands

    if args.command == "import":
        return commands.run_import(args.paths, args.db, datetime.now(timezone.utc),
                                   max_bytes=int(args.max_mb * 1024 * 1024))
    if args.command == "merge":
        return commands.run_merge(args.paths, args.db, datetime.now(timezone.utc))
    if args.command == "conflicts":
        return commands.run_conflicts(args.db, args.csv)
    if args.command == "export":
        targets = {kind: getattr(args, kind) for kind in ("csv", "timelinejs", "html", "jsonl") if getattr(args, kind)}
        pages = [out for out in (args.png, args.svg, args.pdf) if out]
        if pages:
            from ui.report import ReportOptions, export_report_command

            options = ReportOptions(args.title, True, args.every_date, args.width, args.scale)
            code = max(export_report_command(out, args.db, options, args.date_from, args.date_to) for out in pages)
            if code or not targets:
                return code
        if targets:
            return commands.run_export(targets, args.db, args.title)
        print("export needs --csv, --png, --svg, --pdf, --timelinejs, --html or --jsonl OUT", file=sys.stderr)
        return 2
    from ui.app import run_app

    return run_app(args.db)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `main.py export --csv - | head`
        sys.exit(0)
