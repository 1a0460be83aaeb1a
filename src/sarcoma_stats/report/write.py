"""Writing a report directory safely: atomic replacement, a manifest, never a user's file lost.

A report is built in a hidden staging directory beside the target (``.<name>.partial-<hex>``,
holding an owner file with the process id and host) and moved into place only when complete.
An earlier report in the target is recognised by its manifest and replaced; a target holding
anything the manifest does not list is refused before anything is written. After the swap,
the earlier report's directory loses only the files its manifest lists: anything else (a file
that appeared while the report was written) is moved into the new report directory, or left
where it is if a report file has taken its name. Staging directories of runs that were killed
are removed when their process is gone and they hold nothing but report files.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
from pathlib import Path

MANIFEST = ".sarcoma-stats-report"
_MANIFEST_HEADER = "sarcoma-stats report: files written by sarcoma_stats.write_report"
_OWNER = ".sarcoma-stats-owner"
_REPORT_FILE = re.compile(r"^[\w.-]+\.(svg|pdf|png|html|md)$")
_SHOWN = 5  # foreign entries named in an error message


class ReportError(OSError):
    """The report cannot be written to the requested directory; nothing there was touched."""


def _read_manifest(directory: Path) -> set[str] | None:
    """The file names a report manifest in ``directory`` lists, or None without one."""
    manifest = directory / MANIFEST
    if manifest.is_symlink() or not manifest.is_file():
        return None
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0] != _MANIFEST_HEADER:
        return None
    return set(lines[1:])


def resolve_target(out_dir) -> Path:
    """The absolute report directory; a ReportError for a target that may not be written.

    Refused at once, before any directory is read: the filesystem root and a dangling symbolic
    link (it would be followed to wherever it points). A live link is resolved.
    """
    try:
        path = Path(os.path.abspath(os.fspath(out_dir)))
    except TypeError as exc:
        raise TypeError(f"out_dir must be a path; got {out_dir!r}") from exc
    if path.is_symlink() and not path.exists():
        raise ReportError(f"out_dir {str(path)!r} is a symbolic link to "
                          f"{os.readlink(path)!r}, which does not exist; give a real directory")
    out = path.resolve()
    if out == Path(out.anchor):
        raise ReportError(f"out_dir {str(out)!r} is the filesystem root; give a directory of "
                          f"its own for the report")
    return out


def _foreign(directory: Path, listed: set[str]) -> list[str]:
    """Up to ``_SHOWN + 1`` entries of ``directory`` (top level only) not in ``listed``."""
    found = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name != MANIFEST and entry.name not in listed:
                found.append(entry.name)
                if len(found) > _SHOWN:
                    break
    return sorted(found)


def check_target(out: Path) -> None:
    """Refuse, before anything is written, a target the report may not replace."""
    if out.exists() and not out.is_dir():
        raise ReportError(f"out_dir {str(out)!r} exists and is not a directory")
    if out.is_dir():
        foreign = _foreign(out, _read_manifest(out) or set())
        if foreign:
            shown = ", ".join(foreign[:_SHOWN]) + (", ..." if len(foreign) > _SHOWN else "")
            raise ReportError(
                f"out_dir {str(out)!r} holds files the report did not write ({shown}); "
                f"choose an empty or new directory, or remove them")
        if not os.access(out, os.W_OK | os.X_OK):
            raise ReportError(f"out_dir {str(out)!r} is not writable")
    parent = out.parent
    existing = next((p for p in [parent, *parent.parents] if p.exists()), None)
    if existing is None or not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise ReportError(f"cannot write the report to {str(out)!r}: "
                          f"{str(existing or parent)!r} is not a writable directory")


def _owner_text() -> str:
    return f"{os.getpid()} {socket.gethostname()}\n"


def _abandoned(directory: Path) -> bool:
    """True for a staging directory whose process has ended and that holds only report files."""
    try:
        pid, host = (directory / _OWNER).read_text(encoding="utf-8").split()
        pid = int(pid)
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    if host != socket.gethostname():
        return False  # another machine's run (a shared disk): not ours to judge
    try:
        os.kill(pid, 0)
        return False  # still running
    except ProcessLookupError:
        pass
    except PermissionError:
        return False  # alive, someone else's
    with os.scandir(directory) as entries:
        return all(entry.is_file(follow_symlinks=False)
                   and (entry.name in (_OWNER, MANIFEST) or _REPORT_FILE.match(entry.name))
                   for entry in entries)


def remove_abandoned(out: Path) -> list[str]:
    """Remove the staging directories of killed runs for ``out``; return their names."""
    removed = []
    if not out.parent.is_dir():
        return removed
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.partial-[0-9a-f]+$")
    for entry in sorted(out.parent.iterdir()):
        if pattern.match(entry.name) and entry.is_dir() and not entry.is_symlink() \
                and _abandoned(entry):
            shutil.rmtree(entry)
            removed.append(entry.name)
    return removed


def _retire(old: Path, new: Path) -> None:
    """Empty the earlier report's directory ``old`` after the swap, losing no foreign file.

    Files its manifest lists are deleted; anything else is moved into ``new`` (or, when a
    report file there has its name, left in ``old``, which then stays).
    """
    listed = (_read_manifest(old) or set()) | {MANIFEST}
    with os.scandir(old) as entries:
        names = sorted(entry.name for entry in entries)
    for name in names:
        path = old / name
        if name in listed and path.is_file() and not path.is_symlink():
            path.unlink()
        elif not os.path.lexists(new / name):
            os.rename(path, new / name)
    with contextlib.suppress(OSError):
        old.rmdir()


def _swap_into_place(build: Path, out: Path) -> None:
    """Move the finished ``build`` directory to ``out``, replacing an earlier report."""
    if not os.path.lexists(out):
        os.rename(build, out)
        return
    old = out.parent / f".{out.name}.old-{secrets.token_hex(6)}"
    os.rename(out, old)
    try:
        os.rename(build, out)
    except OSError:
        os.rename(old, out)
        raise
    _retire(old, out)


@contextlib.contextmanager
def staging(out: Path):
    """A fresh staging directory beside ``out``; on success the caller calls :func:`commit`.

    On any exception the staging directory is removed and ``out`` is untouched.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    build = out.parent / f".{out.name}.partial-{secrets.token_hex(6)}"
    try:
        build.mkdir()
        (build / _OWNER).write_text(_owner_text(), encoding="utf-8")
    except OSError as exc:
        shutil.rmtree(build, ignore_errors=True)
        raise ReportError(f"cannot write the report next to {str(out)!r}: {exc}") from exc
    try:
        yield build
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def commit(build: Path, out: Path) -> tuple[str, ...]:
    """Write the manifest of ``build`` and move it into place as ``out``; the file names."""
    (build / _OWNER).unlink()
    files = tuple(sorted(p.name for p in build.iterdir()))
    (build / MANIFEST).write_text("\n".join([_MANIFEST_HEADER, *files]) + "\n", encoding="utf-8")
    _swap_into_place(build, out)
    return files
