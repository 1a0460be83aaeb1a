"""Hostile data folders: every malformed or crafted file is refused with a short message naming
the file (and the entry, field or line), quickly, without a traceback, and nothing is
half-loaded. Each case here was accepted, misread or crashed the 0.1.0 loader."""

import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sarcoma_stats import DataError, load_claims, load_dataset, verify_claims
from sarcoma_stats.claims.load import _data_root

SOURCES = textwrap.dedent("""\
    sources:
      - id: demo
        title: A demo source
        authors: Doe J
        year: 2020
        doi: 10.0000/demo
""")

CLAIM = textwrap.dedent("""\
    source: demo
    claims:
      - id: demo-orr
        where: Results
        quote: 5 of 14 (35.7%)
        kind: proportion
        events: 5
        n: 14
        percent: "35.7"
""")

TABLE_CLAIMS = textwrap.dedent("""\
    source: demo
    tables:
      - id: demo-tox
        file: tox.csv
        where: Table 2
        quote: Toxicity (N = 14)
        columns: [toxicity, g1_n, g1_pct]
    claims:
      - id: demo-tox-cells
        where: Table 2
        quote: Toxicity (N = 14)
        kind: table-percentages
        table: demo-tox
        n: 14
        cells: [[g1_n, g1_pct]]
""")


def tree(root: Path, claims=CLAIM, sources=SOURCES, tables=None) -> Path:
    (root / "claims").mkdir(parents=True)
    (root / "tables").mkdir()
    (root / "sources.yaml").write_text(sources, encoding="utf-8")
    files = claims if isinstance(claims, dict) else {"demo.yaml": claims}
    for name, text in files.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (root / "claims" / name).write_bytes(data)
    for name, text in (tables or {}).items():
        (root / "tables" / name).write_text(text, encoding="utf-8")
    return root


def refused(root: Path, *fragments: str) -> str:
    with pytest.raises(DataError) as info:
        load_dataset(root)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    assert len(message) < 600, message
    return message


# ------------------------------------------------------------------ YAML read as a person reads

def test_duplicate_key_is_refused_with_its_line(tmp_path):
    # two `events:` keys: YAML keeps the last, which would flip the verdict
    claims = CLAIM.replace("    events: 5\n", "    events: 5\n    events: 6\n")
    refused(tree(tmp_path, claims), "demo.yaml", "line 8", "duplicate key 'events'")


def test_duplicate_top_level_block_is_refused(tmp_path):
    claims = CLAIM + "claims:\n  - id: x\n"
    refused(tree(tmp_path, claims), "duplicate key 'claims'")


@pytest.mark.parametrize("raw, shown", [
    ("024", "octal"),     # YAML 1.1: 20
    ("1:30", "base-60"),  # YAML 1.1: 90
    ("1_4", "read differently"),
    ("0x0E", "read differently"),
])
def test_yaml11_number_forms_are_refused(tmp_path, raw, shown):
    refused(tree(tmp_path, CLAIM.replace("n: 14", f"n: {raw}")), "demo.yaml", "line 8", shown)


@pytest.mark.parametrize("word", ["yes", "no", "on", "off"])
def test_yaml11_booleans_are_refused(tmp_path, word):
    claims = CLAIM.replace("    percent: \"35.7\"\n", "    percent: \"35.7\"\n    label: " + word
                           + "\n")
    refused(tree(tmp_path, claims), "a boolean in YAML 1.1")


def test_a_quoted_leading_zero_is_a_string_and_refused_as_a_count(tmp_path):
    refused(tree(tmp_path, CLAIM.replace("n: 14", 'n: "024"')), "claim 'demo-orr': n:",
            "must be a whole number")


def test_alias_bomb_is_refused_fast_and_short(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}]\n" for i in range(8)) + "claims: *i\nsource: demo\n"
    start = time.perf_counter()
    refused(tree(tmp_path, bomb), "demo.yaml", "aliases")
    assert time.perf_counter() - start < 2


def test_deep_nesting_is_refused(tmp_path):
    deep = "source: demo\nclaims: " + "[" * 500 + "]" * 500 + "\n"
    refused(tree(tmp_path, deep), "demo.yaml", "nested more than")


def test_non_utf8_file_is_refused_naming_it(tmp_path):
    refused(tree(tmp_path, {"latin.yaml": CLAIM.replace("Results", "Résultats").encode("latin-1")}),
            "latin.yaml", "not UTF-8")


@pytest.mark.slow
def test_long_values_are_cut_in_messages(tmp_path):
    claims = CLAIM.replace("n: 14", "n: [" + ", ".join(["1"] * 100000) + "]")
    message = refused(tree(tmp_path, claims), "claim 'demo-orr': n:")
    assert "..." in message


# ------------------------------------------------------------------ tables

@pytest.mark.parametrize("cell, shown", [("-3", "'-3'"), ("nan", "'nan'"), ("2.5", "'2.5'")])
def test_corrupt_count_cell_is_refused(tmp_path, cell, shown):
    csv = f"toxicity,g1_n,g1_pct\nNeutropenia,7,50.0\nAnemia,{cell},35.7\n"
    refused(tree(tmp_path, TABLE_CLAIMS, tables={"tox.csv": csv}), "claim 'demo-tox-cells'",
            "tox.csv line 3", "column 'g1_n'", shown, "not a whole number")


def test_corrupt_percent_cell_is_refused(tmp_path):
    csv = "toxicity,g1_n,g1_pct\nNeutropenia,7,fifty\n"
    refused(tree(tmp_path, TABLE_CLAIMS, tables={"tox.csv": csv}), "column 'g1_pct'",
            "'fifty' is not a percentage")


def test_csv_errors_give_the_physical_line(tmp_path):
    csv = "toxicity,g1_n,g1_pct\n\nNeutropenia,7,50.0\n\n\nAnemia,x,35.7\n"
    refused(tree(tmp_path, TABLE_CLAIMS, tables={"tox.csv": csv}), "tox.csv line 6")
    csv = "toxicity,g1_n,g1_pct\n\n\nNeutropenia,7\n"
    refused(tree(tmp_path / "b", TABLE_CLAIMS, tables={"tox.csv": csv}), "tox.csv: line 4",
            "wrong number of cells")


def test_duplicate_csv_header_is_refused(tmp_path):
    csv = "toxicity,g1_n,g1_n,g1_pct\nNeutropenia,7,8,50.0\n"
    refused(tree(tmp_path, TABLE_CLAIMS, tables={"tox.csv": csv}), "tox.csv: line 1",
            "duplicate column name")


@pytest.mark.parametrize("name", ["../../etc/hostname", "/etc/hostname", "sub/tox.csv",
                                  "..\\tox.csv"])
def test_table_path_outside_the_folder_is_refused(tmp_path, name):
    claims = TABLE_CLAIMS.replace("file: tox.csv", f"file: {name}")
    refused(tree(tmp_path, claims, tables={"tox.csv": "toxicity,g1_n,g1_pct\nA,1,7.1\n"}),
            "table 'demo-tox': file:", "plain .csv file name")


def test_symlinked_table_is_refused(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("toxicity,g1_n,g1_pct\nA,1,7.1\n")
    root = tree(tmp_path / "data", TABLE_CLAIMS)
    (root / "tables" / "tox.csv").symlink_to(outside)
    refused(root, "must be a regular file inside the tables folder")


# ------------------------------------------------------------------ structure and types

def test_missing_claims_folder_is_refused(tmp_path):
    (tmp_path / "sources.yaml").write_text(SOURCES)
    refused(tmp_path, "claims: not found")


def test_missing_folder_is_refused(tmp_path):
    refused(tmp_path / "nowhere", "not a folder")


@pytest.mark.parametrize("edit, fragments", [
    (("source: demo\n", "source: demo\ntables: 5\n"), ("tables: must be a list",)),
    (("quote: 5 of 14 (35.7%)", "quote: [5, of, 14]"), ("quote: must be non-empty text",)),
    (("kind: proportion", "kind: [proportion]"), ("kind: must be one of",)),
    (("n: 14", "n: 0"), ("n: must be at least 1, got 0",)),
    (("n: 14", "n: 10000000000"), ("n: must be at most",)),
    (("where: Results", "where: {a: 1}"), ("where: must be non-empty text",)),
    (("    percent: \"35.7\"\n", "    percent: \"35.7\"\n    tags: ok\n"),
     ("tags: must be a non-empty list of slugs",)),
])
def test_wrong_types_are_refused(tmp_path, edit, fragments):
    refused(tree(tmp_path, CLAIM.replace(*edit)), "demo.yaml", *fragments)


def test_events_over_n_in_a_set_is_refused(tmp_path):
    claims = textwrap.dedent("""\
        source: demo
        claims:
          - id: demo-ae
            where: Results
            quote: rash (50%)
            kind: percent-set
            n: 4
            items:
              - {label: rash, percent: "50", events: 5}
    """)
    refused(tree(tmp_path, claims), "items[0].events", "exceeds n 4")


def test_table_count_over_n_is_refused(tmp_path):
    claims = TABLE_CLAIMS.replace(
        "claims:\n", "claims:\n  - {id: demo-count, where: x, quote: q, kind: table-count, "
                     "table: demo-tox, count: 9, n: 3}\n")
    refused(tree(tmp_path, claims, tables={"tox.csv": "toxicity,g1_n,g1_pct\nA,1,7.1\n"}),
            "claim 'demo-count': count: count 9 exceeds n 3")


def test_scope_n_must_be_a_positive_integer(tmp_path):
    claims = CLAIM.replace("claims:\n", "scopes:\n  - id: demo-cohort\n    label: the cohort\n"
                                        "    ns: [{n: 0, quote: no patients}]\nclaims:\n")
    refused(tree(tmp_path, claims), "scope 'demo-cohort': ns[0].n: must be at least 1")


def test_unknown_term_is_refused(tmp_path):
    claims = CLAIM.replace('    percent: "35.7"\n', '    percent: "35.7"\n    term: typical\n')
    refused(tree(tmp_path, claims), "claim 'demo-orr': term:", "vocabulary")


def test_quote_not_in_the_source_text_is_refused(tmp_path):
    root = tree(tmp_path / "data", sources=SOURCES + "    seed: demo.txt\n")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "demo.txt").write_text("In all, 5 of 14 (35.8%) responded.")
    with pytest.raises(DataError, match=r"claim 'demo-orr': quote: '5 of 14 \(35.7%\)' is not "
                                        r"verbatim"):
        load_dataset(root, texts=texts)
    (texts / "demo.txt").write_text("In all, 5 of 14\n(35.7%) responded.")
    assert len(load_dataset(root, texts=texts).claims) == 1


@pytest.mark.slow
def test_data_errors_reach_the_cli_without_a_traceback(tmp_path):
    root = tree(tmp_path, CLAIM.replace("n: 14", "n: 024"))
    run = subprocess.run([sys.executable, "-m", "sarcoma_stats.cli", "verify", "--data",
                          str(root)], capture_output=True, text=True)
    if "unrecognized arguments: --data" in run.stderr:
        pytest.skip("verify --data is not wired yet")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "demo.yaml" in run.stderr


# ------------------------------------------------------------------ mutations of the real data

@pytest.fixture(scope="module")
def bundled_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("bundled") / "data"
    shutil.copytree(_data_root(), root)
    return root


def _claims_files(root: Path):
    return sorted((root / "claims").glob("*.yaml"))


@pytest.mark.slow
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_mutations_load_the_same_or_are_refused(bundled_copy, data):
    """A random edit of a bundled file (a byte deleted, duplicated or replaced, a line cut or
    repeated) either loads the same claims or is refused naming the file, in under a second,
    never with any other exception."""
    files = _claims_files(bundled_copy)
    expected_count = len(load_claims())
    path = data.draw(st.sampled_from(files))
    original = path.read_bytes()
    try:
        lines = original.split(b"\n")
        op = data.draw(st.sampled_from(["delete", "duplicate", "replace", "cut-line",
                                        "repeat-line"]))
        if op in ("cut-line", "repeat-line"):
            i = data.draw(st.integers(0, len(lines) - 1))
            lines = lines[:i] + (lines[i:i + 1] * 2 if op == "repeat-line" else []) + \
                lines[i + 1:]
            mutated = b"\n".join(lines)
        else:
            i = data.draw(st.integers(0, len(original) - 1))
            byte = bytes([data.draw(st.integers(0, 255))])
            mutated = {"delete": original[:i] + original[i + 1:],
                       "duplicate": original[:i + 1] + original[i:],
                       "replace": original[:i] + byte + original[i + 1:]}[op]
        path.write_bytes(mutated)
        start = time.perf_counter()
        try:
            dataset = load_dataset(bundled_copy)
        except DataError as exc:
            assert path.name in str(exc) or "sources.yaml" in str(exc), str(exc)
        else:  # an edit inside a value: the same claims, one of them perhaps changed
            assert len(dataset.claims) == expected_count
        assert time.perf_counter() - start < 1.0
    finally:
        path.write_bytes(original)


@pytest.mark.slow
def test_the_bundled_data_still_verifies(bundled_copy):
    frame = verify_claims(dataset=load_dataset(bundled_copy))
    assert len(frame) == len(verify_claims())
