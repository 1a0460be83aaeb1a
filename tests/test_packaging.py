"""The package as a user installs it: ``python -m build`` (the sdist, then the wheel built from
the sdist), the wheel alone in a fresh virtual environment, ``sarcoma-stats verify`` run from
another folder. The bundled data must travel inside the wheel (``sarcoma_stats/data``, by
hatchling's force-include): a symlink would be dropped on the way.

The fresh environment gets the wheel and nothing else of this checkout; its dependencies
(numpy, scipy, ...) are borrowed read-only from the running interpreter's site-packages through
a ``.pth`` line, so the test needs no network. ``.ci/run`` does the same with the dependencies
installed from PyPI.
"""

import site
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def run(*args, cwd, **kwargs):
    done = subprocess.run(list(map(str, args)), cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False, **kwargs)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not (ROOT / "pyproject.toml").is_file() or not DATA.is_dir():
        pytest.skip("needs the source checkout (pyproject.toml and data/ beside tests/)")
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    dist = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel from the unpacked sdist (python -m build's default)
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT, cwd=ROOT)
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    return sdist, wheel


def bundled_files():
    return sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file())


def test_the_sdist_carries_data(built):
    sdist, _ = built
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    assert {f"data/{name}" for name in bundled_files()} <= names


def test_the_wheel_carries_data_inside_the_package(built):
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {f"sarcoma_stats/data/{name}" for name in bundled_files()} <= names
    assert not any(n.startswith("data/") for n in names)


def test_the_wheel_alone_verifies_from_another_folder(built, tmp_path):
    _, wheel = built
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel,
        cwd=tmp_path)
    # the dependencies, read-only, after the environment's own site-packages
    (own,) = (env / "lib").glob("python*/site-packages")
    (own / "_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run(python, "-c", "import sarcoma_stats, sarcoma_stats.claims.load as l; "
                "print(sarcoma_stats.__file__); print(l._data_root())", cwd=elsewhere)
    module, data = where.stdout.splitlines()
    assert Path(module).is_relative_to(env) and Path(data).is_relative_to(env)
    done = run(env / "bin" / "sarcoma-stats", "verify", "--summary", cwd=elsewhere)
    first = done.stdout.splitlines()[0]
    expected = run(sys.executable, "-m", "sarcoma_stats.cli", "verify", "--summary",
                   cwd=elsewhere).stdout.splitlines()[0]
    assert first == expected and first.startswith(f"{len(load_claim_ids())} claims")


def load_claim_ids():
    from sarcoma_stats import load_claims

    return [c.id for c in load_claims()]
