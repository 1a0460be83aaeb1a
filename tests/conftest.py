"""Suite-wide hooks: the slow doctests, and why the quote tests skip without the seeds.

- Doctests that build the whole report are marked ``slow`` like the tests that do, so that
  ``pytest -m "not slow"`` stays fast.
- The quote tests of tests/test_sources.py need the seed documents in ``../shared/seeds``
  beside the checkout; without them they skip, and the summary says so once, with the fix.
"""

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SLOW_DOCTESTS = {"sarcoma_stats.report.write_report"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.name in SLOW_DOCTESTS:
            item.add_marker(pytest.mark.slow)


def pytest_report_header(config):
    if not SEEDS.is_dir():
        return (f"seed documents: not found at {SEEDS}; the tests that check every quote "
                f"against its source text will skip")
    return None


def pytest_terminal_summary(terminalreporter):
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if "seed documents not found" in str(r.longrepr)]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} quote tests skipped: the seed documents (the source texts every "
            f"quote in data/ is checked against) are not at {SEEDS}. Put the shared/ folder "
            f"beside the checkout to run them; nothing else depends on it.", yellow=True)
