"""Every example of the README and the user-guide pages runs, and shows what it prints.

- ```` ```pycon ```` blocks are doctests: every shown output is compared with what the call
  returns (one namespace per page, in a fresh working directory);
- ```` ```python ```` blocks show no output: they must run without error;
- ```` ```console ```` blocks: each ``$ sarcoma-stats ...`` line is run and must print the lines
  shown under it (a line ``...`` stands for any lines, ``...`` in a line for any text).
"""

import doctest
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["README.md", "docs/index.md", "docs/getting-started.md", "docs/figures.md",
         "docs/report.md"]
BLOCK = re.compile(r"^```(pycon|python|console)\n(.*?)^```", re.S | re.M)

pytestmark = pytest.mark.skipif(not (ROOT / "README.md").is_file(),
                                reason="README.md and docs/ not beside the tests")


def blocks(page, kind):
    text = (ROOT / page).read_text(encoding="utf-8")
    return [body for found, body in BLOCK.findall(text) if found == kind]


def test_every_page_shows_examples():
    assert all(blocks(p, "pycon") or blocks(p, "python") for p in PAGES)


@pytest.mark.parametrize("page", [pytest.param(p, marks=pytest.mark.slow) if p == "docs/report.md"
                                  else p for p in PAGES])  # report.md writes the report
def test_examples_run_and_print_what_they_show(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for i, body in enumerate(BLOCK.findall((ROOT / page).read_text(encoding="utf-8"))):
        kind, code = body
        if kind == "pycon":
            test = parser.get_doctest(code, namespace, f"{page}[{i}]", page, 0)
            result = runner.run(test, out=lambda text: pytest.fail(text, pytrace=False),
                                clear_globs=False)
            assert result.failed == 0
            namespace.update(test.globs)  # DocTest runs in a copy: keep what the page defined
        elif kind == "python":
            exec(compile(code, f"{page}[{i}]", "exec"), namespace)  # noqa: S102 - our own docs


def _expected_lines_match(expected, got):
    """``expected`` lines against ``got``: a line "..." matches any run of lines, "..." inside
    a line any text."""
    pattern = "\n".join(".*?" if line.strip() == "..." else
                        re.escape(line.rstrip()).replace(re.escape("..."), ".*?")
                        for line in expected)
    return re.fullmatch(pattern, "\n".join(line.rstrip() for line in got), re.S) is not None


@pytest.mark.slow
@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p, "console")])
def test_console_examples(page, tmp_path):
    for block in blocks(page, "console"):
        lines = block.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        for start, end in zip(starts, starts[1:] + [len(lines)]):
            command = shlex.split(lines[start][2:])
            assert command[0] == "sarcoma-stats"
            done = subprocess.run([sys.executable, "-m", "sarcoma_stats.cli", *command[1:]],
                                  cwd=tmp_path, capture_output=True, text=True, timeout=300,
                                  check=False)
            assert done.returncode == 0, done.stderr
            expected = lines[start + 1:end]
            assert _expected_lines_match(expected, done.stdout.splitlines()), \
                f"{lines[start]}\nshown:\n" + "\n".join(expected) + "\ngot:\n" + done.stdout
