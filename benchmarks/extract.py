"""How well ``sarcoma-stats check`` reads a report: recall on the seed documents, sensitivity and
false alarms on a synthetic corpus, and speed.

Run from the repository root (the package installed, e.g. ``pip install -e .``), with the seed
texts beside the repository (``../shared/seeds``, or ``--seeds DIR``)::

    python benchmarks/extract.py                 # all three parts
    python benchmarks/extract.py --part recall   # or synthetic, speed

1. Recall. For every hand-encoded claim of the seed documents (``data/claims``, sources whose
   ``seed`` names a file), the claim is *found* when the claims extracted from the seed's text
   that overlap its quote (matched by span) print all its numbers, and every N of the claim (``n``,
   ``total``, an arm's ``n``) is printed by one of them or is a candidate of one of their scopes.
   Goal: 90% of the claims. For each found claim, the verdict of the extracted claim that prints
   most of its numbers is compared with the bundled claim's verdict. Goal: 95% equal. Misses and
   disagreements are printed.
2. Synthetic corpus (``tests/extract/synthetic.py``): report paragraphs in many phrasings with
   known counts, half of them with one planted error of a kind the engine checks. Sensitivity
   (a planted error flagged inconsistent or query) and false alarms (an error-free document with
   any claim flagged), per error kind. Goals: sensitivity >= 90%, false alarms <= 2%.
3. Speed: abstract-length documents per minute, end to end (extract + verify), one process and a
   pool of two.

Not a test: the figures are printed for benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "extract"))

from sarcoma_stats.claims.load import _bundled  # noqa: E402
from sarcoma_stats.claims.schema import Record  # noqa: E402
from sarcoma_stats.claims.verify import verify_claims  # noqa: E402
from sarcoma_stats.extract.check import check_text  # noqa: E402
from sarcoma_stats.extract.text import fold  # noqa: E402
from sarcoma_stats.printed.number import Printed  # noqa: E402

N_FIELDS = ("n", "total")
SKIP_FIELDS = {"table", "where_rows", "cells", "columns", "label_column", "against", "match_on",
               "compare", "time", "unit", "endpoint", "test", "comparison", "population",
               "complete", "label", "ci_method", "scope", "term", "span", "assumption", "repeats"}
_NOT_REACHED = {"nr": "nr", "not reached": "nr", "ne": "ne", "not estimable": "ne",
                "not evaluable": "ne"}


def norm(value) -> str:
    """A printed number or a count, normalised for comparison ("83.7%" -> "83.7", "NE" -> "ne")."""
    text = value.text if isinstance(value, Printed) else str(value)
    text = " ".join(fold(text).lower().replace("%", "").split())
    text = text.replace("\u2264", "<=").replace("\u2265", ">=").replace(" ", "")
    return _NOT_REACHED.get(text, text)


def numbers_of(record, prefix="") -> tuple[list[str], list[int]]:
    """Printed numbers and Ns of a claim (a loaded record or a plain dict)."""
    numbers, ns = [], []
    if isinstance(record, dict):
        items = record.items()
    elif hasattr(record, "kind"):
        items = record.fields.items()
    else:
        items = [(f.name, getattr(record, f.name)) for f in record.data_fields()]
    for name, value in items:
        if name in SKIP_FIELDS or name in ("id", "where", "quote", "kind", "note", "tags"):
            continue
        if name.endswith("ci_level") and norm(value) == "95":
            continue
        if isinstance(value, (list, tuple)):
            for v in value:
                if isinstance(v, (Record, dict)):
                    sub_numbers, sub_ns = numbers_of(v, name)
                    numbers += sub_numbers
                    ns += sub_ns
                elif _is_number(v):
                    numbers.append(norm(v))
        elif isinstance(value, (Record, dict)) and not (name == "events"):
            sub_numbers, sub_ns = numbers_of(value, name)
            numbers += sub_numbers
            ns += sub_ns
        elif name == "events" and hasattr(value, "values"):
            numbers += [norm(v) for v in value.values()]
        elif isinstance(value, Record) or value is None or isinstance(value, bool):
            continue
        elif name in N_FIELDS:
            ns.append(int(value))
        elif _is_number(value):
            numbers.append(norm(value))
    return numbers, ns


def _is_number(value) -> bool:
    return isinstance(value, (int, Printed)) or (
        isinstance(value, str) and bool(re.fullmatch(r"[<>=\u2264\u2265~]*\s?-?\d*\.?\d+%?|"
                                                      r"(?i:nr|ne|not (?:reached|estimable|"
                                                      r"evaluable))", value.strip())))


def fragment_spans(quote: str, folded_text: str) -> list[list[tuple[int, int]]]:
    """Every placing of a hand-encoded quote in the text: the spans of its fragments (" ... "
    elisions), in order, the first fragment at each of its occurrences."""
    fragments = re.split(r"\s+(?:\.\.\.|\u2026)\s+", " ".join(fold(quote).split()))
    patterns = [re.compile(r"\s+".join(re.escape(w) for w in f.split())) for f in fragments]
    placings = []
    for first in patterns[0].finditer(folded_text):
        spans, pos = [first.span()], first.end()
        for pattern in patterns[1:]:
            m = pattern.search(folded_text, pos)
            if m is None:
                break
            spans.append(m.span())
            pos = m.end()
        if len(spans) == len(patterns):
            placings.append(spans)
    return placings


def _match(spans, numbers, ns, kind, extracted):
    """(found, why not, the extracted claim printing most of the numbers) for one placing."""
    near = [e for e in extracted
            if any(a < e[0]["span"][1] and e[0]["span"][0] < b for a, b in spans)]
    printed = Counter()
    candidate_ns: set[int] = set()
    for c, counter, e_ns in near:
        printed |= counter
        candidate_ns |= e_ns
    missing = [x for x in numbers if x not in printed]
    missing_ns = [n for n in ns if n not in candidate_ns]
    if not numbers and not any(e[0]["kind"] == kind for e in near):
        missing = [f"a {kind} claim"]
    if missing or missing_ns:
        return False, f"numbers {missing} Ns {missing_ns}", None
    best = max(near, key=lambda e: (sum(1 for x in numbers if e[1][x]), e[0]["kind"] == kind,
                                    -(e[0]["span"][1] - e[0]["span"][0])))
    return True, "", best[0]


def recall(seeds: Path) -> None:
    dataset = _bundled()
    bundled = verify_claims(dataset=dataset).set_index("id")
    found_total = claims_total = agree = compared = 0
    misses, disagreements = [], []
    per_source = []
    for source in dataset.sources.values():
        if not source.seed:
            continue
        text = (seeds / source.seed).read_text(encoding="utf-8")
        folded = fold(text)
        doc = check_text(text, name=source.seed, source=source.id)
        ex = doc.extraction
        verdicts = doc.verdicts.set_index("id")
        scopes = {s["id"]: {n["n"] for n in s["ns"]} for s in ex.scopes}
        extracted = []
        for c in ex.claims:
            numbers, ns = numbers_of(c)
            own = Counter(numbers) + Counter(str(n) for n in ns)
            extracted.append((c, own, set(ns) | scopes.get(c.get("scope"), set())))
        hand = [c for c in dataset.claims if c.source == source.id]
        found = 0
        for claim in hand:
            placings = fragment_spans(claim.quote, folded)
            numbers, ns = numbers_of(claim)
            if not placings:
                misses.append((claim.id, "quote not found in the seed text", claim.quote))
                continue
            outcomes = [_match(spans, numbers, ns, claim.kind, extracted) for spans in placings]
            matched = [o for o in outcomes if o[0]]
            if not matched:
                misses.append((claim.id, outcomes[0][1], claim.quote))
                continue
            found += 1
            best = matched[0][2]
            if best["id"] not in verdicts.index:
                continue
            mine = verdicts.loc[best["id"], "verdict"]
            theirs = bundled.loc[claim.id, "verdict"]
            compared += 1
            if mine == theirs:
                agree += 1
            else:
                disagreements.append((claim.id, theirs, best["id"], mine,
                                      verdicts.loc[best["id"], "explanation"]))
        per_source.append((source.id, found, len(hand), len(ex.claims)))
        found_total += found
        claims_total += len(hand)
    print("Recall on the seed documents (hand-encoded claims found with all their numbers and Ns)")
    for sid, found, total, n_extracted in per_source:
        share = f"{found / total:.0%}" if total else "-"
        print(f"  {sid:<32s} {found:4d} / {total:<4d} {share:>5s}   ({n_extracted} claims extracted)")
    print(f"  {'all':<32s} {found_total:4d} / {claims_total:<4d} {found_total / claims_total:>5.1%}")
    print(f"Verdict of the extracted claim = bundled verdict: {agree} / {compared} "
          f"({agree / max(compared, 1):.1%})")
    print("\nMisses:")
    for ident, why, quote in misses:
        print(f"  {ident}: {why}\n      {' '.join(quote.split())[:150]}")
    print("\nVerdicts that differ (bundled claim: verdict <- extracted claim: verdict):")
    for ident, theirs, mine_id, mine, why in disagreements:
        print(f"  {ident}: {theirs} <- {mine_id}: {mine}\n      {why[:160]}")


def _flags(doc) -> list[tuple[int, int]]:
    """Spans of the claims of a checked document flagged inconsistent or query."""
    verdicts = dict(zip(doc.verdicts["id"], doc.verdicts["verdict"]))
    return [tuple(c["span"]) for c in doc.extraction.claims
            if verdicts.get(c["id"]) in ("inconsistent", "query")]


def synthetic(count: int) -> None:
    from synthetic import ERROR_KINDS, STATEMENT_OF, corpus

    docs = corpus(count)
    planted = Counter()
    caught = Counter()
    clean = Counter()
    alarms = Counter()
    clean_docs = flagged_docs = 0
    misses: dict[str, list[str]] = {}
    start = time.perf_counter()
    for d in docs:
        flags = _flags(check_text(d.text, name="synthetic.txt"))
        if d.error is None:
            clean_docs += 1
            flagged_docs += bool(flags)
        for s in d.statements:
            hit = any(a < s.end and s.start < b for a, b in flags)
            if s.planted:
                planted[d.error] += 1
                caught[d.error] += hit
                if not hit:
                    misses.setdefault(d.error, []).append(s.text)
            elif d.error is None:
                clean[s.kind] += 1
                alarms[s.kind] += hit
    elapsed = time.perf_counter() - start
    print(f"Synthetic corpus: {len(docs)} documents ({count} error-free and {count} per error "
          f"kind), checked in {elapsed:.0f} s")
    print(f"  {'error kind':<14s} {'sensitivity':>16s} {'false alarms':>18s}   (statement checked)")
    for kind in ERROR_KINDS:
        st = STATEMENT_OF[kind]
        print(f"  {kind:<14s} {caught[kind]:5d} / {planted[kind]:<4d} {caught[kind] / max(planted[kind], 1):5.1%}"
              f" {alarms[st]:5d} / {clean[st]:<4d} {alarms[st] / max(clean[st], 1):6.1%}   ({st})")
    print(f"  error-free documents with any flag: {flagged_docs} / {clean_docs}")
    for kind, texts in misses.items():
        print(f"  missed {kind}, e.g.: {texts[0][:150]}")


def speed(seeds: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor

    from synthetic import corpus

    from sarcoma_stats.extract import extract_claims
    from sarcoma_stats.extract.check import check_corpus

    texts = [d.text for d in corpus(100, seed=7)[:600]]
    size = sum(map(len, texts)) / len(texts)
    check_corpus(texts[:5])                                   # warm the caches of one process
    start = time.perf_counter()
    check_corpus(texts)
    one = time.perf_counter() - start
    chunks = [texts[i::8] for i in range(8)]
    with ProcessPoolExecutor(max_workers=2, initializer=check_corpus,
                             initargs=(texts[:5],)) as pool:    # each worker warmed at start
        list(pool.map(abs, range(4)))          # both workers started
        start = time.perf_counter()
        list(pool.map(check_corpus, chunks))
        two = time.perf_counter() - start
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Speed, end to end (extract + validate + verify), {len(texts)} synthetic reports of "
          f"{size:.0f} characters on average (abstract length); {os.cpu_count()} cores, load "
          f"average {load:.1f} at the start:")
    print(f"  one process:       {len(texts) / one * 60:8.0f} documents a minute "
          f"({one / len(texts) * 1e3:.1f} ms each)")
    print(f"  two processes:     {len(texts) / two * 60:8.0f} documents a minute")
    review = (seeds / "004_82005148c2f76027.txt").read_text(encoding="utf-8")
    for megabytes in (1, 10):
        text = (review + "\n\n") * max(1, round(megabytes * 1e6 / (len(review) + 2)))
        start = time.perf_counter()
        claims = extract_claims(text, source="big").claims
        took = time.perf_counter() - start
        print(f"  extraction of a {len(text) / 1e6:.0f} MB text: {took:6.1f} s "
              f"({len(claims)} claims, {took / (len(text) / 1e6):.1f} s per MB)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["recall", "synthetic", "speed", "all"], default="all")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--count", type=int, default=100,
                        help="synthetic documents per error kind (default 100)")
    args = parser.parse_args(argv)
    if args.part in ("recall", "all"):
        recall(args.seeds)
    if args.part in ("synthetic", "all"):
        print()
        synthetic(args.count)
    if args.part in ("speed", "all"):
        print()
        speed(args.seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
