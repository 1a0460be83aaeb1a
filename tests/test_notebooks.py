"""Every notebook in notebooks/ runs top to bottom on the installed package and shows the numbers
it is there to show.

Each notebook is executed once (module-scoped fixture) with nbclient in a python3 (ipykernel)
kernel whose working directory is a fresh temporary directory, so a notebook can rely only on the
installed package, never on files next to it. Outputs are never written back: the committed
notebooks stay without outputs (checked too).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = sorted(path.stem for path in NOTEBOOKS.glob("*.ipynb"))

# A notebook that takes longer than this is too heavy for the test suite (all four together
# should stay within a minute or two on a laptop).
TIMEOUT_PER_CELL = 300


def _run(name: str, workdir: Path):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=TIMEOUT_PER_CELL,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.perf_counter()
    client.execute()
    return notebook, time.perf_counter() - start


def _text(notebook) -> str:
    """All text a reader sees in the outputs: streams, plain-text and HTML reprs."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output.get("text", ""))
            data = output.get("data", {})
            for key in ("text/plain", "text/html"):
                if key in data:
                    value = data[key]
                    parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


def _images(notebook) -> int:
    return sum("image/png" in output.get("data", {})
               for cell in notebook.cells for output in cell.get("outputs", []))


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    cache = {}

    def run(name):
        if name not in cache:
            cache[name] = _run(name, tmp_path_factory.mktemp(name))
        return cache[name][0]

    return run


def test_the_four_reanalyses_exist():
    assert NAMES == ["01_arst1321", "02_anlotinib", "03_targeted_therapy_review",
                     "04_recurrent_childhood_sts"]


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, f"{name} has no code cell"
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code), \
        f"{name} is committed with outputs; clear them"


@pytest.mark.parametrize("name", NAMES)
def test_links_work_in_jupyter_and_in_the_docs(name):
    """A link to a page of the documentation is written ``../docs/page.md``: it opens from
    notebooks/ in Jupyter, and docs/conf.py rewrites it to ``/page.md`` (from the root of the
    documentation) for the Sphinx build, which runs with -W: a link that does not resolve there
    fails the build."""
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if "://" not in t]
    for target in local:
        assert not target.startswith("/"), f"{name}: {target} is absolute (404 in Jupyter)"
        assert (NOTEBOOKS / target).resolve().is_file(), f"{name}: {target} not found"
        if target.startswith("../docs/"):
            assert (NOTEBOOKS.parent / "docs" / target.removeprefix("../docs/")).is_file()


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_runs_without_error(name, executed):
    notebook = executed(name)
    errors = [output for cell in notebook.cells for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert errors == []
    assert _images(notebook) >= 1, f"{name} draws no figure"


@pytest.mark.slow
def test_arst1321_numbers(executed):
    text = _text(executed("01_arst1321"))
    # Fisher's exact two-sided p of 14/24 vs 4/18: R 4.2.2
    # fisher.test(matrix(c(14, 4, 10, 14), 2))$p.value = 0.02851107 (scipy.stats.fisher_exact
    # gives the same).
    assert "0.0285" in text
    # One-sided: R 4.2.2 fisher.test(matrix(c(14, 4, 10, 14), 2), alternative = "greater")
    # $p.value = 0.02032038.
    assert "0.0203" in text
    # Weiss et al. 2020 print the difference as 36.1% (83.8% CI 16.5-55.8); the Wald interval at
    # 83.8% reproduces it (docs/arst1321.md): 14/24 - 4/18 = 0.361111, z = 1.39838,
    # SE = 0.140456, bounds 0.164693 and 0.557530.
    assert "0.361111" in text and "0.164692" in text and "0.557529" in text


@pytest.mark.slow
def test_anlotinib_numbers(executed):
    text = _text(executed("02_anlotinib"))
    # ORR 5/14, Clopper-Pearson: R 4.2.2 binom.test(5, 14)$conf.int = 0.1275984 0.6486199.
    assert "0.1276" in text and "0.6486" in text
    # Median PFS 8.25 (4.88-11.62): half-widths 3.37 both sides, SE = 3.37 / 1.959964 = 1.7194.
    assert "1.719" in text
    assert "ni2024-t1-male" in text  # the Table 1 recounts are shown


@pytest.mark.slow
def test_review_numbers(executed):
    text = _text(executed("03_targeted_therapy_review"))
    # PALETTE, as the review prints it: "HR 0.31, 95% CI 0.24-.040"; the upper bound that makes
    # 0.31 the geometric midpoint is 0.40 (sqrt(0.24 * 0.40) = 0.3098).
    assert "Decimal('0.40')" in text
    # APROMISS grade >= 3 TRAEs, "23.1%" of 52 and "25.9%" of 27: only 12/52 and 7/27 print so.
    assert "(array([12]), array([7]))" in text
    # Sorafenib ORR "33% (95% CI 20-48)" of 50 patients is listed among the inconsistent claims.
    assert "review-sorafenib-orr" in text and "16/50 = 32.0%" in text


@pytest.mark.slow
def test_recurrent_numbers(executed):
    text = _text(executed("04_recurrent_childhood_sts"))
    # Risk difference 29/44 - 10/37 = 0.38882; Fisher's two-sided p: R 4.2.2
    # fisher.test(matrix(c(29, 10, 15, 27), 2))$p.value = 0.0007386752.
    assert "0.3888" in text
    assert "0.000738" in text or "7.387e-04" in text or "7.39e-04" in text
