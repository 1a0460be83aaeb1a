"""The synthetic corpus of benchmarks/extract.py: deterministic, and every statement of every
phrasing is read into claims carrying the numbers the generator printed."""

import random

import pytest
from synthetic import ERROR_KINDS, STATEMENT_OF, corpus, make_document

from sarcoma_stats.extract.check import check_text


def test_corpus_is_deterministic():
    assert [d.text for d in corpus(2)] == [d.text for d in corpus(2)]


@pytest.mark.parametrize("error", (None,) + ERROR_KINDS)
def test_every_statement_is_read(error):
    doc = make_document(random.Random(sum(map(ord, error or ""))), error)
    checked = check_text(doc.text, name="synthetic.txt")
    assert checked.refused == [] or error == "table-text"
    for s in doc.statements:
        assert doc.text[s.start:s.end] == s.text
        over = [c for c in checked.extraction.claims
                if c["span"][0] < s.end and s.start < c["span"][1]]
        assert over, s.text
    kinds = {c["kind"] for c in checked.extraction.claims}
    assert {"breakdown", "two-proportions", "proportion", "hazard-ratio", "survival-rate",
            "percent-set", "table-percentages"} <= kinds


def test_one_planted_statement_of_the_kind_of_error():
    rng = random.Random(5)
    for kind in ERROR_KINDS:
        doc = make_document(rng, kind)
        planted = [s for s in doc.statements if s.planted]
        assert [s.kind for s in planted] == [STATEMENT_OF[kind]]
    assert not any(s.planted for s in make_document(rng, None).statements)
