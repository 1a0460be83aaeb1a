"""The ``sarcoma-stats`` command: a thin shell over :mod:`sarcoma_stats.claims` and
:mod:`sarcoma_stats.report`.

``sarcoma-stats verify [--json] [--source ID] [--fail-on inconsistent]`` prints every claim's
verdict; ``sarcoma-stats report [--out DIR]`` writes every figure and the report. Findings are not
errors: the exit code is 0 when the command ran (unless ``--fail-on`` asks otherwise), 2 on a usage
or data error.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sarcoma-stats",
        description="Recompute the numbers printed in soft tissue sarcoma trial reports and "
                    "check them against their counts.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{verify,check,report}")

    verify = sub.add_parser("verify", help="print every claim's verdict",
                            description="Recompute every printed claim and print its verdict.")
    verify.add_argument("--json", action="store_true",
                        help="print a JSON array (keys: id, source, quote, kind, verdict, "
                             "explanation, methods)")
    verify.add_argument("--source", metavar="ID", help="only the claims of this source id")
    verify.add_argument("--fail-on", choices=["inconsistent"],
                        help="exit with status 1 when any claim has this verdict")

    check = sub.add_parser("check", help="extract and check the printed numbers of reports",
                           description="Read reports (.txt, .md, .html, .pdf), extract their "
                                       "printed numbers as claims and print their verdicts.")
    from .extract.command import add_arguments as add_check_arguments

    add_check_arguments(check)

    report = sub.add_parser("report", help="write every figure and the verdict report",
                            description="Regenerate every figure (SVG and PNG) and report.html "
                                        "+ report.md from the bundled data.")
    report.add_argument("--out", default="report", metavar="DIR",
                        help="output directory (default: ./report)")
    return parser


def _verify(args) -> int:
    from .claims.verify import render_verdicts, verdicts_to_json, verify_claims

    frame = verify_claims(source=args.source)
    print(verdicts_to_json(frame) if args.json else render_verdicts(frame))
    if args.fail_on and (frame["verdict"] == args.fail_on).any():
        return 1
    return 0


def _check(args) -> int:
    from .extract.command import run
    from .report.annotate import write_annotated

    return run(args, annotate=write_annotated)


def _report(args) -> int:
    from .report import write_report

    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    summary = write_report(args.out, progress=progress)
    print(summary)
    return 0


def main(argv=None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> status = main(["verify", "--source", "weiss2020-arst1321"])  # doctest: +ELLIPSIS
    2 claims: 0 inconsistent, 0 query, 2 consistent, 0 not-checkable
    ...
    >>> status
    0
    """
    args = _parser().parse_args(argv)
    from .claims.load import DataError

    try:
        return {"verify": _verify, "check": _check, "report": _report}[args.command](args)
    except BrokenPipeError:
        # The reader went away (``sarcoma-stats verify | head``): not an error of ours.
        # Point stdout at devnull so that the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (DataError, ValueError, OSError) as exc:
        print(f"sarcoma-stats {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
