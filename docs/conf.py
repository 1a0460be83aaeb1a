"""Sphinx configuration for the sarcoma_stats documentation.

Build: ``python -m sphinx -W --keep-going -b html docs docs/_build/html`` (warnings are errors).
"""

import shutil
from pathlib import Path

import sarcoma_stats

# autosummary writes its stub pages here on every build; start clean so that a name removed from
# api.md leaves no stale page behind (the directory is build output, ignored by git).
shutil.rmtree(Path(__file__).parent / "generated", ignore_errors=True)

project = "sarcoma_stats"
author = "sarcoma_stats developers"
copyright = "2026, sarcoma_stats developers"
release = version = sarcoma_stats.__version__

extensions = [
    "myst_nb",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
]

# Markdown pages through myst; notebooks executed at build time (outputs are never committed).
# ".rst" comes first: autosummary writes its stub pages (reStructuredText) with the first suffix.
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
nb_execution_mode = "force"
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_in_temp = True  # notebooks rely on the installed package, never on files beside them
myst_enable_extensions = ["dollarmath"]
myst_heading_anchors = 3

numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
autosummary_generate = True
autodoc_typehints = "none"

exclude_patterns = ["_build", "**.ipynb_checkpoints"]
html_theme = "alabaster"
html_static_path = []


def _check_api_page(app):
    """Warn (an error under -W) when docs/api.md does not name every public name."""
    import re

    from sphinx.util import logging

    text = Path(app.srcdir, "api.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^ {3}(?:\w+\.)?(\w+)$", text, flags=re.MULTILINE))
    missing = sorted(set(sarcoma_stats._EXPORTS) - listed)
    if missing:
        logging.getLogger(__name__).warning(
            "docs/api.md does not list the public names %s", ", ".join(missing))


def _notebook_links(app, docname, source):
    """Notebooks link to these pages as ``../docs/page.md``, the path that works where they sit
    (``notebooks/``, beside ``docs/``, as Jupyter opens them). In the build they are read
    through the ``docs/notebooks`` link to that folder, so the same page is given from the
    documentation's root: ``/page.md``."""
    if docname.startswith("notebooks/"):
        source[0] = source[0].replace("](../docs/", "](/")


def setup(app):
    app.connect("builder-inited", _check_api_page)
    app.connect("source-read", _notebook_links)
    return {"parallel_read_safe": True}
