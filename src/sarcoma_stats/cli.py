"""The ``sarcoma-stats`` command: a thin shell over :mod:`sarcoma_stats.claims` and
:mod:`sarcoma_stats.report`.

``sarcoma-stats verify`` prints every claim's verdict (a summary first, then the claims, most
severe first); ``sarcoma-stats check FILE...`` extracts the claims of reports' text and checks
them (:mod:`sarcoma_stats.extract`); ``sarcoma-stats report [--out DIR]`` writes every figure and
the report. Findings
are not errors: the exit code is 0 when the command ran (unless ``--fail-on`` asks otherwise),
2 on a usage or data error. Each subcommand is one entry of :data:`COMMANDS`: a function that
declares its arguments and a function that runs it.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys

from . import __version__


def _verdicts():
    from .claims.verdict import VERDICTS

    return tuple(VERDICTS)


def _dataset(args):
    """The dataset of ``--data DIR``, or None for the bundled data."""
    if args.data is None:
        return None
    from .claims.load import load_dataset

    return load_dataset(args.data)


# --------------------------------------------------------------------------------------------
# verify
# --------------------------------------------------------------------------------------------

def _verify_arguments(parser) -> None:
    verdicts = _verdicts()
    parser.add_argument("--json", action="store_true",
                        help="print a JSON array (keys: id, source, quote, kind, verdict, "
                             "explanation, methods, and components when there are any)")
    parser.add_argument("--source", metavar="ID", help="only the claims of this source id")
    parser.add_argument("--claim", metavar="ID", action="append",
                        help="only this claim (repeatable)")
    parser.add_argument("--verdict", metavar="KIND", action="append", choices=verdicts,
                        help=f"list only claims with this verdict (repeatable; one of "
                             f"{', '.join(verdicts)}); the summary still counts every claim")
    parser.add_argument("--summary", action="store_true",
                        help="print the counts per verdict and per source only (with --json: "
                             "an object with claims, verdicts and sources)")
    parser.add_argument("--fail-on", metavar="KIND", choices=verdicts[:verdicts.index("consistent")],
                        help="exit with status 1 when any claim listed has this verdict")
    parser.add_argument("--data", metavar="DIR",
                        help="check the claims of a folder in the data/ format instead of the "
                             "bundled ones")


def _select_claims(frame, ids):
    """The rows of the claims ``ids``; a ValueError naming an unknown id (and near ones)."""
    known = list(frame["id"])
    unknown = [i for i in ids if i not in set(known)]
    if unknown:
        near = difflib.get_close_matches(unknown[0], known, n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise ValueError(f"unknown claim id {unknown[0]!r}{hint}")
    return frame[frame["id"].isin(ids)]


def _verify(args) -> int:
    from .claims.verify import verify_claims
    from .report.render import render_verdicts, summary_to_json, verdicts_to_json

    frame = verify_claims(source=args.source, dataset=_dataset(args))
    if args.claim:
        frame = _select_claims(frame, args.claim)
    if args.json and args.summary:
        print(summary_to_json(frame))
    elif args.json:
        print(verdicts_to_json(frame if not args.verdict else
                               frame[frame["verdict"].isin(args.verdict)]))
    else:
        print(render_verdicts(frame, verdicts=args.verdict, summary=args.summary), end="")
    if args.fail_on and (frame["verdict"] == args.fail_on).any():
        return 1
    return 0


# --------------------------------------------------------------------------------------------
# check
# --------------------------------------------------------------------------------------------

def _check_arguments(parser) -> None:
    from .extract.command import add_arguments

    add_arguments(parser)


def _check(args) -> int:
    from .extract.command import run
    from .report.annotate import write_annotated
    from .report.render import render_verdicts, verdicts_to_json

    return run(args, render=render_verdicts, to_json=verdicts_to_json, annotate=write_annotated)


# --------------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------------

def _report_arguments(parser) -> None:
    parser.add_argument("--out", default="report", metavar="DIR",
                        help="output directory (default: ./report)")
    parser.add_argument("--data", metavar="DIR",
                        help="report on a folder in the data/ format instead of the bundled "
                             "data")


def _report(args) -> int:
    from .report import write_report

    def progress(message: str) -> None:
        # Progress is a courtesy: a closed pipe (``report 2>&1 | head -1``) must not stop the
        # report. After the first failure, stderr goes to devnull.
        try:
            print(f"  {message}", file=sys.stderr, flush=True)
        except BrokenPipeError:
            _silence(sys.stderr)

    summary = write_report(args.out, progress=progress, data=args.data)
    print(summary, flush=True)
    return 0


# name -> (help, description, declare arguments, run)
COMMANDS = {
    "verify": ("print every claim's verdict",
               "Recompute every printed claim and print its verdict: a summary per verdict and "
               "per source first, then the claims, most severe first.",
               _verify_arguments, _verify),
    "check": ("extract and check the printed numbers of reports",
              "Read reports (.txt, .md, .html, .pdf), extract their printed numbers as claims "
              "and print their verdicts.",
              _check_arguments, _check),
    "report": ("write every figure and the verdict report",
               "Regenerate every figure (SVG, PDF and PNG at one and two journal columns) and "
               "report.html + report.md.",
               _report_arguments, _report),
}


def _silence(stream) -> None:
    """Point ``stream``'s file descriptor at devnull (its reader went away)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sarcoma-stats",
        description="Recompute the numbers printed in soft tissue sarcoma trial reports and "
                    "check them against their counts.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True,
                                metavar="{" + ",".join(COMMANDS) + "}")
    for name, (help_text, description, declare, _) in COMMANDS.items():
        declare(sub.add_parser(name, help=help_text, description=description))
    return parser


def main(argv=None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> status = main(["verify", "--source", "weiss2020-arst1321"])  # doctest: +ELLIPSIS
    2 claims from 1 source: 0 inconsistent, 0 query, 2 consistent, 0 not checkable.
    ...
    >>> status
    0
    """
    args = _parser().parse_args(argv)
    from .claims.load import DataError

    try:
        return COMMANDS[args.command][3](args)
    except BrokenPipeError:
        # The reader went away (``sarcoma-stats verify | head``): not an error of ours, and a
        # report is written before anything is printed. Point stdout at devnull so that the
        # interpreter's final flush stays quiet.
        _silence(sys.stdout)
        return 0
    except KeyboardInterrupt:
        print(f"sarcoma-stats {args.command}: interrupted", file=sys.stderr)
        return 130
    except (DataError, ValueError, OSError) as exc:
        print(f"sarcoma-stats {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
