"""``sarcoma-stats check FILE|DIR... [--json | --jsonl] [--yaml OUT] [--report DIR] [--jobs N]``.

Reads each report (a folder is walked for .txt, .md, .html and .pdf files), extracts its printed
numbers as claims, verifies them and prints the verdicts: as text (one summary row per document,
and the verdicts of a single document), as the JSON array of ``verify --json`` with ``source`` the
file name, or as JSON Lines (one verdict per line, written as documents finish: for large runs).
``--yaml OUT`` writes the extracted claims as a data folder that ``verify --data OUT`` reads;
``--report DIR`` writes each document as an annotated HTML page. Output folders are written only
when empty or written before by this command (a manifest lists what it wrote).

Exit status: 0 when every document was read (findings are not errors), 2 when a file could not
be read or the arguments are wrong.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

__all__ = ["add_arguments", "run", "collect_files", "OutputFolder", "Progress"]

MANIFEST = ".sarcoma-stats-check"
#: The path that stands for the standard input (a pasted paragraph).
STDIN = "-"


def add_arguments(parser) -> None:
    """The arguments of ``sarcoma-stats check`` (the subparser is created by the CLI)."""
    parser.add_argument("paths", nargs="+", metavar="FILE|DIR",
                        help="report files (.txt, .md, .html, .pdf) or folders to walk; - reads "
                             "a text from the standard input (a pasted paragraph)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true",
                        help="print a JSON array of verdicts (the format of verify --json)")
    output.add_argument("--jsonl", action="store_true",
                        help="print one JSON verdict per line as documents finish")
    parser.add_argument("--yaml", metavar="OUT",
                        help="write the extracted claims as a data folder (verify --data OUT)")
    parser.add_argument("--report", metavar="DIR",
                        help="write each document as an annotated HTML page")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="check documents in N processes (default 1)")
    parser.add_argument("--encoding", metavar="ENC",
                        help="the encoding of text files that are not UTF-8 (e.g. latin-1)")


class CheckError(ValueError):
    """A usage error of ``check`` (a missing file, an output folder holding other files)."""


def collect_files(paths) -> list[tuple[Path, str]]:
    """The files to check and their names: each file as given (named by its file name), each
    folder walked in sorted order for report files (named by their path inside the folder);
    names made unique."""
    from .documents import SUFFIXES

    files: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if raw == STDIN:
            files.append((path, "stdin.txt"))
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                raise CheckError(f"{path}: no report files (.txt, .md, .html, .pdf) in this folder")
            files += [(p, p.relative_to(path).as_posix()) for p in found]
        elif path.exists():
            files.append((path, path.name))
        else:
            raise CheckError(f"{path}: not found")
    seen: dict[str, int] = {}
    unique = []
    for path, name in files:
        seen[name] = seen.get(name, 0) + 1
        unique.append((path, name if seen[name] == 1 else f"{name} ({path.as_posix()})"))
    return unique


class OutputFolder:
    """A folder the command writes into: refused if it holds files the command did not write
    (per its manifest); the files of a previous run are replaced."""

    def __init__(self, path, option: str):
        self.root = Path(path)
        if self.root.exists() and not self.root.is_dir():
            raise CheckError(f"{option} {self.root}: exists and is not a folder")
        previous = self._manifest()
        if self.root.is_dir():
            for p in sorted(self.root.rglob("*")):
                rel = p.relative_to(self.root).as_posix()
                if p.is_file() and rel != MANIFEST and rel not in previous:
                    raise CheckError(f"{option} {self.root}: holds files this command did not "
                                     f"write (e.g. {rel}); give an empty or new folder")
        self.previous = previous
        self.written: list[str] = []

    def _manifest(self) -> set[str]:
        path = self.root / MANIFEST
        if not path.is_file():
            return set()
        return {line for line in path.read_text(encoding="utf-8").splitlines() if line}

    def open(self) -> None:
        """Create the folder and remove what the previous run wrote."""
        self.root.mkdir(parents=True, exist_ok=True)
        for rel in sorted(self.previous):
            target = self.root / rel
            if target.is_file():
                target.unlink()

    def write(self, rel: str, text: str) -> Path:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        self.written.append(rel)
        return target

    def close(self) -> None:
        (self.root / MANIFEST).write_text("".join(f"{r}\n" for r in sorted(self.written)),
                                          encoding="utf-8")


class Progress:
    """A progress line on a terminal's stderr, shown once a run has taken more than a second."""

    def __init__(self, total: int, stream=None, delay: float = 1.0):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.start = time.monotonic()
        self.shown = False
        self.done = 0
        self.active = total > 1 and getattr(self.stream, "isatty", lambda: False)()

    def step(self) -> None:
        self.done += 1
        elapsed = time.monotonic() - self.start
        if not self.active or elapsed < self.delay:
            return
        width = 30
        filled = int(width * self.done / self.total)
        rate = self.done / elapsed
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"documents, {rate:.0f}/s")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _sources(names: list[str]) -> list[str]:
    """A unique source id (slug) per document name."""
    from .records import source_slug

    out, seen = [], set()
    for name in names:
        slug = base = source_slug(name)
        k = 2
        while slug in seen:
            slug, k = f"{base}-{k}", k + 1
        seen.add(slug)
        out.append(slug)
    return out


def _check_one(task):
    from .check import check_file, check_text

    path, name, source, encoding, text = task
    if text is not None:  # the standard input, read by the main process
        return check_text(text, name=name, source=source)
    return check_file(path, encoding=encoding, name=name, source=source)


def _results(tasks, jobs: int):
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield _check_one(task)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(tasks) // (4 * jobs)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_check_one, tasks, chunksize=chunk)


def stdin_text(stream=None) -> str:
    """The standard input's text (a pasted paragraph), decoded as UTF-8."""
    stream = stream or sys.stdin
    data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CheckError(f"standard input: not UTF-8 text (byte {exc.start})") from None
    return data


def run(args, *, render, to_json, annotate, stdin=None, stdout=None, stderr=None) -> int:
    """Run ``check`` with parsed arguments. The output layer is passed in (the extract layer
    imports no report code): ``render(frame)`` and ``to_json(frame)`` print verdicts as ``verify``
    does (:func:`sarcoma_stats.report.render.render_verdicts`, ``verdicts_to_json``), and
    ``annotate(folder, documents)`` writes the annotated pages of ``--report``
    (:func:`sarcoma_stats.report.annotate.write_annotated`)."""
    import pandas as pd

    from .check import SUMMARY_COLUMNS, page_data
    from .yaml_out import write_data_folder

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if args.jobs < 1:
        raise CheckError(f"--jobs must be at least 1, got {args.jobs}")
    files = collect_files(args.paths)
    yaml_out = OutputFolder(args.yaml, "--yaml") if args.yaml else None
    report_out = OutputFolder(args.report, "--report") if args.report else None
    sources = _sources([name for _, name in files])
    stdin = stdin_text(stdin) if any(str(path) == STDIN for path, _ in files) else None
    tasks = [(str(path), name, source, args.encoding, stdin if str(path) == STDIN else None)
             for (path, name), source in zip(files, sources)]
    progress = Progress(len(tasks), stderr)
    documents = []
    for doc in _results(tasks, args.jobs):
        documents.append(doc)
        if doc.error:
            print(f"sarcoma-stats check: error: {doc.error}", file=stderr)
        for message in doc.refused:
            print(f"sarcoma-stats check: warning: record refused: {message}", file=stderr)
        if args.jsonl and len(doc.verdicts):
            for record in json.loads(to_json(doc.verdicts)):
                stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        progress.step()
    progress.close()
    frames = [d.verdicts for d in documents if len(d.verdicts)]
    frame = pd.concat(frames, ignore_index=True) if frames else documents[0].verdicts.iloc[0:0]
    if args.json:
        stdout.write(to_json(frame) + "\n")
    elif not args.jsonl:
        if len(documents) == 1 and len(frame):
            stdout.write(render(frame) + "\n\n")
        summary = pd.DataFrame([d.summary() for d in documents], columns=SUMMARY_COLUMNS)
        stdout.write(summary.to_string(index=False) + "\n")
    if yaml_out is not None:
        yaml_out.open()
        write_data_folder(yaml_out, [d for d in documents if d.extraction is not None])
        yaml_out.close()
    if report_out is not None:
        report_out.open()
        annotate(report_out, [page_data(d) for d in documents])
        report_out.close()
    return 2 if any(d.error for d in documents) else 0

