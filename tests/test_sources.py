"""The bundled data against the source documents: every quote is verbatim, no claim is dropped.

The seed documents live in ``../shared/seeds/`` beside the repository; the quote test skips (with
the reason) where that folder is absent, e.g. in an installed copy without the checkout.
"""

import re
from collections import Counter
from pathlib import Path

import pytest

from sarcoma_stats import load_claims, load_sources, load_tables

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

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


def squash(text):
    """Compare text with white space collapsed (quotes may be wrapped across lines)."""
    return re.sub(r"\s+", " ", text).strip()


def test_claims_per_source():
    counts = Counter(c.source for c in load_claims())
    assert {s: counts.get(s, 0) for s in load_sources()} == CLAIMS_PER_SOURCE


def seeded_quotes():
    sources = load_sources()
    items = [(c.source, c.id, c.quote) for c in load_claims() if sources[c.source].seed]
    items += [(t.source, t.id, t.quote) for t in load_tables().values() if sources[t.source].seed]
    return items


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed documents not found at {SEEDS}")
@pytest.mark.parametrize("source,entry,quote", seeded_quotes(), ids=lambda x: str(x)[:40])
def test_quote_is_verbatim_in_its_seed(source, entry, quote):
    # An elision ("..." or "…") joins verbatim fragments that appear in this order.
    seed = load_sources()[source].seed
    text = squash((SEEDS / seed).read_text(encoding="utf-8"))
    position = 0
    for fragment in filter(None, (squash(f) for f in re.split(r"\.\.\.|…", quote))):
        found = text.find(fragment, position)
        assert found >= 0, f"{entry}: {fragment!r} not found verbatim (in order) in {seed}"
        position = found + len(fragment)


def test_every_seed_has_a_source_entry():
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}")
    seeds = {s.seed for s in load_sources().values() if s.seed}
    assert seeds == {p.name for p in SEEDS.glob("*.txt")}


def test_sources_cited_outside_the_seeds_say_where_they_were_read():
    # A number taken from outside the five documents comes from its own source entry, with a
    # DOI or URL a reader can follow.
    for source in load_sources().values():
        if not source.seed:
            assert source.doi or source.url, source.id
