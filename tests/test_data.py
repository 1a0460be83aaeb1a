"""The data loader: the bundled data loads, and every kind of broken file is refused whole with a
message naming the file, the entry and the field."""

import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

import sarcoma_stats
from sarcoma_stats import DataError, load_dataset, parse_printed
from sarcoma_stats.claims.load import _data_root

SOURCES = textwrap.dedent("""\
    sources:
      - id: demo
        title: A demo source
        authors: Doe J
        year: 2020
        doi: 10.0000/demo
""")

GOOD_CLAIM = textwrap.dedent("""\
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


def write_tree(root: Path, claims: str, sources: str = SOURCES, tables=None) -> Path:
    (root / "claims").mkdir(parents=True)
    (root / "tables").mkdir()
    (root / "sources.yaml").write_text(sources)
    (root / "claims" / "demo.yaml").write_text(claims)
    for name, text in (tables or {}).items():
        (root / "tables" / name).write_text(text)
    return root


def test_good_tree_loads(tmp_path):
    bundle = load_dataset(write_tree(tmp_path / "data", GOOD_CLAIM))
    (claim,) = bundle.claims
    assert claim.id == "demo-orr" and claim.source == "demo" and claim.kind == "proportion"
    assert claim.get("events") == 5 and claim.get("n") == 14
    assert claim.get("percent").value == Decimal("35.7") and claim.get("percent").decimals == 1


def test_bundled_data_loads_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    claims = sarcoma_stats.load_claims()
    sources = sarcoma_stats.load_sources()
    assert {c.source for c in claims} <= set(sources)
    frame = sarcoma_stats.claims_frame()
    assert len(frame) == len(claims)


def broken(field_line_old, field_line_new):
    return GOOD_CLAIM.replace(field_line_old, field_line_new)


@pytest.mark.parametrize("claims,message", [
    # missing field
    (GOOD_CLAIM.replace("    quote: 5 of 14 (35.7%)\n", ""),
     "data/claims/demo.yaml: claim 'demo-orr': quote: missing required field"),
    # events > n
    (broken("events: 5", "events: 25"),
     "data/claims/demo.yaml: claim 'demo-orr': events: events 25 exceeds n 14"),
    # negative count
    (broken("n: 14", "n: -14"), "claim 'demo-orr': n: must be at least 1, got -14"),
    # wrong type: a count as a string, a count as a float, a bool
    (broken("n: 14", 'n: "14"'), "claim 'demo-orr': n: must be a whole number"),
    (broken("events: 5", "events: 5.5"), "claim 'demo-orr': events: must be a whole number"),
    (broken("n: 14", "n: true"), "claim 'demo-orr': n: must be a whole number"),
    # a printed number not quoted (precision would be lost)
    (broken('percent: "35.7"', "percent: 35.7"), "claim 'demo-orr': percent: a printed number must be a quoted string such as"),
    # a percentage over 100
    (broken('percent: "35.7"', 'percent: "135.7"'), "claim 'demo-orr': percent: a percentage over 100"),
    # interval bounds that are not numbers
    (GOOD_CLAIM + '    ci: ["22", "abc"]\n', "claim 'demo-orr': ci[1]: 'abc' is not a printed number"),
    (GOOD_CLAIM + '    ci: ["22"]\n', "claim 'demo-orr': ci: must be a list [low, high]"),
    # unknown field, unknown kind
    (GOOD_CLAIM + "    colour: red\n", "claim 'demo-orr': colour: unknown field"),
    (broken("kind: proportion", "kind: vibes"), "claim 'demo-orr': kind: must be one of proportion, percent-set"),
    # unknown source id
    (GOOD_CLAIM.replace("source: demo", "source: nowhere"),
     "data/claims/demo.yaml: source: unknown source id 'nowhere'"),
    # duplicate id
    (GOOD_CLAIM + GOOD_CLAIM.split("claims:\n")[1],
     "data/claims/demo.yaml: claim 'demo-orr': id: duplicate id 'demo-orr'"),
    # malformed YAML
    (GOOD_CLAIM.replace("where: Results", "where: [Results"), "data/claims/demo.yaml: line 5: malformed YAML"),
    # a negative percentage (only differences may be negative)
    (broken('percent: "35.7"', 'percent: "-35.7"'), "claim 'demo-orr': percent: must not be negative"),
    # p-value over 1
    (GOOD_CLAIM.replace("kind: proportion\n    events: 5\n    n: 14\n    percent: \"35.7\"",
                        'kind: p-value\n    p: "1.5"'), "claim 'demo-orr': p: a p-value over 1"),
    # a bad id
    (broken("id: demo-orr", "id: Demo ORR"), "claim 'Demo ORR': id: must be a lowercase slug"),
])
def test_broken_claims_are_refused_whole(tmp_path, claims, message):
    with pytest.raises(DataError) as info:
        load_dataset(write_tree(tmp_path / "data", claims))
    assert message in str(info.value)


def test_two_proportions_needs_two_arms(tmp_path):
    claims = textwrap.dedent("""\
        source: demo
        claims:
          - id: demo-two
            where: Results
            quote: 14 of 24 versus 4 of 18
            kind: two-proportions
            arms:
              - {label: a, events: 14, n: 24}
    """)
    with pytest.raises(DataError, match="claim 'demo-two': arms: must list exactly two arms"):
        load_dataset(write_tree(tmp_path / "data", claims))


def test_arm_events_over_n_names_the_arm(tmp_path):
    claims = textwrap.dedent("""\
        source: demo
        claims:
          - id: demo-two
            where: Results
            quote: 14 of 24 versus 4 of 18
            kind: two-proportions
            arms:
              - {label: a, events: 25, n: 24}
              - {label: b, events: 4, n: 18}
    """)
    with pytest.raises(DataError, match=r"claim 'demo-two': arms\[0\]\.events: events 25 exceeds n 24"):
        load_dataset(write_tree(tmp_path / "data", claims))


def test_broken_source_entry(tmp_path):
    sources = SOURCES.replace("    doi: 10.0000/demo\n", "")
    with pytest.raises(DataError, match="data/sources.yaml: source 'demo': doi: a source needs"):
        load_dataset(write_tree(tmp_path / "data", GOOD_CLAIM, sources=sources))


TABLE_CLAIMS = textwrap.dedent("""\
    source: demo
    tables:
      - id: demo-table
        file: demo-table.csv
        where: Table 1
        quote: Patients
        columns: [case, sex]
    claims:
      - id: demo-male
        where: Results
        quote: 2 patients were male
        kind: table-count
        table: demo-table
        where_rows: {sex: {equals: M}}
        count: 2
""")


def test_table_loads_as_printed_strings(tmp_path):
    bundle = load_dataset(write_tree(tmp_path / "data", TABLE_CLAIMS, tables={"demo-table.csv": "case,sex\n1,M\n2,M\n3,F\n"}))
    table = bundle.tables["demo-table"]
    assert [r["sex"] for r in table.rows] == ["M", "M", "F"]
    assert table.to_frame().shape == (3, 2)


@pytest.mark.parametrize("tables,claims,message", [
    ({}, TABLE_CLAIMS, "data/tables/demo-table.csv not found"),
    ({"demo-table.csv": "case\n1\n"}, TABLE_CLAIMS,
     "demo-table.csv lacks the declared column(s) 'sex'"),
    ({"demo-table.csv": "case,sex\n1,M,extra\n"}, TABLE_CLAIMS,
     "data/tables/demo-table.csv: line 2: wrong number of cells"),
    ({"demo-table.csv": "case,sex\n1,M\n"}, TABLE_CLAIMS.replace("{sex: {equals", "{age: {equals"),
     "claim 'demo-male': where_rows: table 'demo-table' has no column 'age'"),
    ({"demo-table.csv": "case,sex\n1,M\n"}, TABLE_CLAIMS.replace("table: demo-table", "table: other"),
     "claim 'demo-male': table: unknown table 'other'"),
    ({"demo-table.csv": "case,sex\n1,M\n"}, TABLE_CLAIMS.replace("{equals: M}", "{like: M}"),
     "claim 'demo-male': where_rows.sex: operator must be one of"),
])
def test_broken_tables_are_refused(tmp_path, tables, claims, message):
    with pytest.raises(DataError) as info:
        load_dataset(write_tree(tmp_path / "data", claims, tables=tables))
    assert message in str(info.value)


def test_nothing_is_half_loaded(tmp_path):
    # A good file followed by a broken one: the whole load fails, no partial result escapes.
    root = write_tree(tmp_path / "data", GOOD_CLAIM)
    (root / "claims" / "zz-broken.yaml").write_text(broken("n: 14", "n: -1").replace("demo-orr", "demo-x"))
    with pytest.raises(DataError, match="zz-broken.yaml"):
        load_dataset(root)


@pytest.mark.parametrize("text,relation,value,decimals,unit", [
    ("58", "=", "58", 0, ""),
    ("35.7", "=", "35.7", 1, ""),
    ("50.0", "=", "50.0", 1, ""),
    (".040", "=", "0.040", 3, ""),
    ("<0.0001", "<", "0.0001", 4, ""),
    ("≤0.05", "<=", "0.05", 2, ""),
    ("83.7%", "=", "83.7", 1, "%"),
    ("-8.6", "=", "-8.6", 1, ""),
    ("−0.5", "=", "-0.5", 1, ""),
])
def test_parse_printed_keeps_precision(text, relation, value, decimals, unit):
    p = parse_printed(text)
    assert (p.relation, p.value, p.decimals, p.unit) == (relation, Decimal(value), decimals, unit)


def test_parse_printed_not_reached():
    assert not parse_printed("not estimable").is_number
    with pytest.raises(ValueError):
        float(parse_printed("NR"))


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "--3", "3,5"])
def test_parse_printed_refuses(text):
    with pytest.raises(ValueError, match="not a printed number"):
        parse_printed(text)


@pytest.mark.slow
def test_bundled_data_tree_copies_cleanly(tmp_path):
    # The bundled tree, copied, reloads to the same claims (the loader has no hidden state).
    src = _data_root()
    dst = tmp_path / "data"
    shutil.copytree(str(src), dst)
    assert [c.id for c in load_dataset(dst).claims] == [c.id for c in sarcoma_stats.load_claims()]
