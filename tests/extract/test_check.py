"""`sarcoma-stats check` and the functions behind it: files of every kind, bad input, outputs,
many documents."""

import json
import time

import pandas as pd
import pytest

from sarcoma_stats import check_corpus, extract_claims
from sarcoma_stats.claims.load import load_dataset
from sarcoma_stats.cli import _parser, main
from sarcoma_stats.extract.check import check_file, check_text
from sarcoma_stats.extract.command import MANIFEST, Progress
from sarcoma_stats.extract.documents import DocumentError, read_document

CONTRACT_KEYS = ["id", "source", "quote", "kind", "verdict", "explanation", "methods",
                 "components"]
PARAGRAPH = ("Of the 24 patients, 14 (58%) had a response (95% CI 37-78). The median PFS was "
             "6.2 months (95% CI 4.1-8.3). The most common adverse events were rash (50%) and "
             "fatigue (33%).")


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF printing ``text`` in Helvetica (objects and cross-reference table written
    by hand, per the PDF 1.4 reference, section 3.4)."""
    stream = f"BT /F1 11 Tf 40 760 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << "
               b"/F1 4 0 R >> >> /Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


# --------------------------------------------------------------------------------------------
# reading files
# --------------------------------------------------------------------------------------------

def test_text_markdown_and_html_give_the_same_claims(tmp_path):
    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    (tmp_path / "a.md").write_text(f"# Results\n\n{PARAGRAPH}\n", encoding="utf-8")
    (tmp_path / "a.html").write_text(f"<html><head><title>x</title><style>p{{}}</style></head>"
                                     f"<body><h1>Results</h1><p>{PARAGRAPH}</p></body></html>",
                                     encoding="utf-8")
    kinds = [sorted(c["kind"] for c in check_file(tmp_path / f).extraction.claims)
             for f in ("a.txt", "a.md", "a.html")]
    assert kinds[0] == kinds[1] == kinds[2] and "percent-set" in kinds[0]


def test_pdf_through_the_extra(tmp_path):
    pytest.importorskip("pypdf")
    path = tmp_path / "r.pdf"
    path.write_bytes(minimal_pdf("Of the 24 patients, 14 \\(58%\\) responded."))
    assert "14 (58%)" in read_document(path)
    doc = check_file(path)
    assert [c["kind"] for c in doc.extraction.claims] == ["proportion"]


def test_pdf_without_the_extra_names_it(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pypdf(name, *args, **kwargs):
        if name.startswith("pypdf"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    path = tmp_path / "r.pdf"
    path.write_bytes(minimal_pdf("x"))
    with pytest.raises(DocumentError, match=r"r\.pdf.*'pdf' extra.*sarcoma-stats\[pdf\]"):
        read_document(path)


def test_binary_and_undeclared_encodings_are_refused_by_name(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DocumentError, match=r"image\.txt: a binary file"):
        read_document(binary)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("R\xe9ponse: 14 of 24 (58%).".encode("latin-1"))
    with pytest.raises(DocumentError, match=r"latin\.txt: not UTF-8 text \(byte 1.*--encoding"):
        read_document(latin)
    assert read_document(latin, encoding="latin-1").startswith("Réponse")
    with pytest.raises(DocumentError, match="unknown encoding 'no-such'"):
        read_document(latin, encoding="no-such")


def test_declared_encodings_are_honoured(tmp_path):
    page = tmp_path / "p.html"
    page.write_bytes('<meta charset="iso-8859-1"><p>R\xe9ponse 14 of 24 (58%)</p>'
                     .encode("latin-1"))
    assert read_document(page) == "Réponse 14 of 24 (58%)"
    bom = tmp_path / "bom.txt"
    bom.write_bytes("14 of 24 (58%)".encode("utf-16"))          # with its byte-order mark
    assert read_document(bom) == "14 of 24 (58%)"


def test_empty_text_gives_zero_claims(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    doc = check_file(tmp_path / "empty.txt")
    assert doc.error is None and len(doc.verdicts) == 0 and doc.summary()["claims"] == 0
    assert extract_claims("", source="e").claims == []


def test_bad_arguments():
    with pytest.raises(TypeError, match="text must be a str"):
        extract_claims(b"bytes", source="x")
    with pytest.raises(ValueError, match="source must be a lowercase slug"):
        extract_claims("text", source="Not A Slug")


@pytest.mark.slow
@pytest.mark.parametrize("unit", [
    "14 of 24 (58% ",                         # counts whose parentheses never close
    "(95% CI 1.2-",                           # intervals that never end
    "1 2 3 4 5 6 7 8 9 " * 3,                 # long runs of numbers
    "grade 3, n = 20 [33%], " * 2,            # list items without end
    "patients patients with with and and of of ",
    "0." * 40 + " ",                          # digits and dots
    "(((((((((( ",                            # nesting
])
def test_pathological_input_is_linear(unit):
    """No catastrophic backtracking: four times the text takes about four times as long (the
    ratio allows for noise; a super-linear pattern would give 16 or more)."""
    def seconds(size):
        text = unit * (size // len(unit))
        start = time.perf_counter()
        extract_claims(text, source="p")
        return time.perf_counter() - start

    small, large = seconds(50_000), seconds(200_000)
    assert large < 10 * max(small, 0.02), (small, large)


# --------------------------------------------------------------------------------------------
# records are data the loader accepts
# --------------------------------------------------------------------------------------------

def test_records_validate_and_spans_point_at_their_quotes():
    doc = check_text(PARAGRAPH, name="p.txt")
    assert doc.refused == [] and len(doc.verdicts) == len(doc.extraction.claims)
    for c in doc.extraction.claims:
        a, b = c["span"]
        assert PARAGRAPH[a:b] == c["quote"]
        spans = [(x, y) for _, x, y in doc.extraction.numbers[c["id"]]]
        assert all(any(ch.isdigit() for ch in PARAGRAPH[x:y]) for x, y in spans)
        assert any(a <= x < y <= b for x, y in spans)     # the quote prints the claim's numbers


def test_extraction_is_deterministic():
    assert extract_claims(PARAGRAPH, source="d") == extract_claims(PARAGRAPH, source="d")


# --------------------------------------------------------------------------------------------
# the command
# --------------------------------------------------------------------------------------------

def test_help_lists_check():
    assert "check" in _parser().format_help()


def test_check_json_has_the_contract_of_verify(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    assert main(["check", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(list(r) == CONTRACT_KEYS for r in rows)
    assert {r["source"] for r in rows} == {"note.txt"}
    assert {r["verdict"] for r in rows} <= {"inconsistent", "query", "consistent", "not-checkable"}


def test_check_reads_a_pasted_paragraph_from_the_standard_input(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(PARAGRAPH.encode("utf-8"))))
    assert main(["check", "-"]) == 0
    out = capsys.readouterr().out
    assert "stdin.txt" in out and "claims from 1 source:" in out


def test_check_text_output_and_summary(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "note.txt" in out and "claims from 1 source:" in out and "not-checkable" in out


@pytest.mark.slow
def test_check_folder_walk_jsonl_and_jobs(tmp_path, capsys):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for i in range(4):
        (folder / ("sub" if i % 2 else ".") / f"r{i}.txt").write_text(
            PARAGRAPH.replace("14 (58%)", f"{10 + i} (x%)"), encoding="utf-8")
    (folder / ".hidden.txt").write_text(PARAGRAPH, encoding="utf-8")
    (folder / "notes.csv").write_text("a,b", encoding="utf-8")
    assert main(["check", str(folder), "--jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    sources = [json.loads(line)["source"] for line in lines]
    assert sorted(set(sources)) == ["r0.txt", "r2.txt", "sub/r1.txt", "sub/r3.txt"]
    assert main(["check", str(folder), "--jsonl", "--jobs", "2"]) == 0
    assert capsys.readouterr().out.splitlines() == lines      # same output, same order


def test_check_unreadable_file_is_reported_and_the_others_checked(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(PARAGRAPH, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    assert main(["check", str(good), str(bad), "--json"]) == 2
    captured = capsys.readouterr()
    assert "bad.txt: a binary file" in captured.err
    assert {r["source"] for r in json.loads(captured.out)} == {"good.txt"}


def test_check_usage_errors(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt: not found" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 2
    assert "no report files" in capsys.readouterr().err
    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    assert main(["check", str(tmp_path / "a.txt"), "--jobs", "0"]) == 2
    assert "--jobs must be at least 1" in capsys.readouterr().err


def test_yaml_output_is_a_data_folder_the_loader_reads(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    out = tmp_path / "data"
    assert main(["check", str(path), "--yaml", str(out), "--json"]) == 0
    checked = json.loads(capsys.readouterr().out)
    dataset = load_dataset(out)
    assert len(dataset.claims) == len(checked)
    assert dataset.sources["note-txt"].scopes
    verify = next(a for a in _parser()._subparsers._group_actions[0].choices.items()
                  if a[0] == "verify")[1]
    if "--data" in verify.format_help():        # the engine's `verify --data` reads it too
        assert main(["verify", "--data", str(out), "--json"]) == 0
        verified = json.loads(capsys.readouterr().out)
        assert [r["verdict"] for r in verified] == [r["verdict"] for r in checked]


def test_output_folders_holding_other_files_are_refused(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    for option in ("--yaml", "--report"):
        assert main(["check", str(path), option, str(out)]) == 2
        assert "holds files this command did not write (e.g. mine.txt)" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]


def test_output_folder_of_a_previous_run_is_replaced(tmp_path, capsys):
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(PARAGRAPH, encoding="utf-8")
    two.write_text(PARAGRAPH, encoding="utf-8")
    out = tmp_path / "data"
    assert main(["check", str(one), "--yaml", str(out)]) == 0
    assert main(["check", str(two), "--yaml", str(out)]) == 0
    assert sorted(p.name for p in (out / "claims").iterdir()) == ["two-txt.yaml"]
    assert (out / MANIFEST).read_text(encoding="utf-8").splitlines() == [
        "claims/two-txt.yaml", "sources.yaml"]
    load_dataset(out)
    capsys.readouterr()


def test_report_folder_is_reproducible(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    out = tmp_path / "report"
    assert main(["check", str(path), "--report", str(out)]) == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["check", str(path), "--report", str(out)]) == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert set(first) == {"note-txt.html", "index.html", MANIFEST}
    capsys.readouterr()


class _Terminal:
    def __init__(self):
        self.text = ""

    def isatty(self):
        return True

    def write(self, s):
        self.text += s

    def flush(self):
        pass


def test_progress_bar_only_after_a_second_on_a_terminal():
    quick = _Terminal()
    p = Progress(3, quick, delay=1.0)
    p.step()
    p.close()
    assert quick.text == ""
    slow = _Terminal()
    p = Progress(3, slow, delay=0.0)
    for _ in range(3):
        p.step()
    p.close()
    assert "3/3 documents" in slow.text and slow.text.endswith("\n")
    assert not Progress(3, pd.io.common.StringIO()).active    # not a terminal: no bar


# --------------------------------------------------------------------------------------------
# many documents
# --------------------------------------------------------------------------------------------

def test_check_corpus_one_row_per_document():
    frame = check_corpus({"a": PARAGRAPH, "b": "", "c": "No numbers here."})
    assert list(frame["document"]) == ["a", "b", "c"]
    assert list(frame.columns)[:3] == ["document", "claims", "inconsistent"]
    assert frame.loc[0, "claims"] > 0 and frame.loc[1, "claims"] == 0
    assert check_corpus([PARAGRAPH]).loc[0, "document"] == "doc-1"


@pytest.mark.slow
def test_check_corpus_maps_over_dask_partitions():
    """The example of docs/checking.md: a Dask bag of (name, text) pairs, check_corpus mapped
    over its partitions on the local (threaded) scheduler, the rows concatenated."""
    db = pytest.importorskip("dask.bag")

    texts = {f"doc{i}": PARAGRAPH.replace("14 (58%)", f"{k} ({round(100 * k / 24)}%)")
             for i, k in enumerate(range(5, 15))}
    bag = db.from_sequence(sorted(texts.items()), npartitions=3)
    parts = bag.map_partitions(lambda part: [check_corpus(dict(part))]).compute(
        scheduler="threads")
    result = pd.concat(parts, ignore_index=True)
    pd.testing.assert_frame_equal(result, check_corpus(dict(sorted(texts.items()))))
