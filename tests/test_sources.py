"""The bundled data against the source documents: every quote is verbatim, no claim is dropped.

The seed documents live in ``../shared/seeds/`` beside the repository; the tests that read them
skip (with the reason) where that folder is absent, e.g. in an installed copy without the checkout.
The verbatim check itself is the loader's: ``load_dataset(texts=SEEDS)`` refuses any claim quote,
repeat quote, scope-N quote or table caption that is not verbatim in its source's seed text
(white space aside; " ... " joins fragments that appear in order).
"""

import shutil
from collections import Counter
from pathlib import Path

import pytest

from sarcoma_stats import DataError, load_claims, load_dataset, load_sources, verify_claims

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
DATA = Path(__file__).resolve().parents[1] / "data"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed documents not found at {SEEDS}")

# Claims per source: a dropped or duplicated claim changes these. Update deliberately when a
# claim is added, with the quote that justifies it.
CLAIMS_PER_SOURCE = {
    "arst1321-news": 5,
    "pdq-recurrent-childhood-sts": 4,
    "ni2024-anlotinib": 67,
    "cruk-sts-research": 0,   # prints no trial numbers
    "review-targeted-sts": 167,
    "weiss2020-arst1321": 2,
    "kayton2021-wounds": 6,
    "weiss2023-arst1321-outcomes": 6,
    "cta-arst1321": 3,
    "ascopost2023-arst1321": 7,
}


def test_claims_per_source():
    counts = Counter(c.source for c in load_claims())
    assert {s: counts.get(s, 0) for s in load_sources()} == CLAIMS_PER_SOURCE


@needs_seeds
def test_every_quote_is_verbatim_in_its_seed():
    # The loader raises DataError (naming file, claim and field) on the first quote, repeat or
    # scope-N quote it cannot find; loading the whole bundled data with the texts must succeed.
    dataset = load_dataset(texts=SEEDS)
    assert len(dataset.claims) == sum(CLAIMS_PER_SOURCE.values())


@needs_seeds
def test_the_verbatim_check_refuses_an_altered_quote(tmp_path):
    # The check above is real: a copy of the data with one digit of one quote changed is refused,
    # and the message names the file, the claim and the field.
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "claims" / "ni2024-anlotinib.yaml"
    text = path.read_text(encoding="utf-8")
    quote = "quote: The overall response rate (ORR) was 35.7% (5/14)."
    assert quote in text
    path.write_text(text.replace(quote, quote.replace("35.7", "35.8")), encoding="utf-8")
    with pytest.raises(DataError, match=r"ni2024-anlotinib\.yaml.*ni2024-orr.*quote"):
        load_dataset(copy, texts=SEEDS)


@needs_seeds
def test_every_component_quote_is_verbatim_in_its_seed():
    # Each verdict's components quote the source around the number they judge (issue 14): for
    # the seeded documents that quote must be verbatim too (white space aside, never elided).
    sources = load_sources()
    texts = {sid: " ".join((SEEDS / s.seed).read_text(encoding="utf-8").split())
             for sid, s in sources.items() if s.seed}
    rows = verify_claims()
    for claim_id, source, components in zip(rows["id"], rows["source"], rows["components"]):
        if source not in texts:
            continue
        assert components, f"{claim_id}: no component"
        for component in components:
            quote = " ".join(component["quote"].split())
            assert quote and quote in texts[source], (claim_id, component["printed"], quote)


@needs_seeds
def test_every_seed_has_a_source_entry():
    seeds = {s.seed for s in load_sources().values() if s.seed}
    assert seeds == {p.name for p in SEEDS.glob("*.txt")}


def test_sources_cited_outside_the_seeds_say_where_they_were_read():
    # A number taken from outside the five documents comes from its own source entry, with a
    # DOI or URL a reader can follow.
    for source in load_sources().values():
        if not source.seed:
            assert source.doi or source.url, source.id
