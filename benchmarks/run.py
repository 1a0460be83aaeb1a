"""Side-by-side timings of sarcoma_stats against SciPy, printed as ratios, in one run.

Run from the repository root (the package installed, e.g. ``pip install -e .``)::

    python benchmarks/run.py            # a few minutes on one core
    python benchmarks/run.py --quick    # smaller sizes, under a minute

Every comparison also checks that both sides give the same numbers (the check is printed and
the exit status is 1 if one fails). Both sides run in the same process, one after the other;
each timing is the best of the repeats given. Not a test: timings depend on the machine; the
tests check correctness only.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import time
import tracemalloc

import numpy as np
import scipy
from scipy import stats
from scipy.stats.contingency import odds_ratio

import sarcoma_stats
from sarcoma_stats import compare_proportions, fisher_exact
from sarcoma_stats.stats import enumeration
from sarcoma_stats.stats.fragility import fragility_index
from sarcoma_stats.stats.unconditional import (
    _barnard_square,
    barnard_exact,
    boschloo_exact,
    rejection_region,
    unconditional_pvalues,
)

RNG = np.random.default_rng(20261123)
RANGES = ((10, 500), (500, 1000))


def timed(func, *args, repeat=1, **kwargs):
    """Best wall time of ``repeat`` calls, and the last result."""
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


def row(label, ours, theirs=None, note=""):
    ratio = f"{theirs / ours:8.0f}x" if theirs is not None else " " * 9
    theirs_text = f"{theirs * 1e6:11.1f} us" if theirs is not None else " " * 14
    print(f"  {label:<40s} {ours * 1e6:11.2f} us {theirs_text} {ratio}  {note}")


def header(title, other="SciPy"):
    print(f"\n{title}")
    print(f"  {'':<40s} {'ours/table':>14s} {other + '/table':>14s} {'speed-up':>9s}")


def random_tables(count, low, high):
    n1 = RNG.integers(low, high + 1, count)
    n2 = RNG.integers(low, high + 1, count)
    k1 = RNG.integers(0, n1 + 1)
    k2 = RNG.integers(0, n2 + 1)
    return np.stack([np.stack([k1, n1 - k1], -1), np.stack([k2, n2 - k2], -1)], -2)


def bench_import():
    print("\nimport sarcoma_stats + first fisher_exact call, against import scipy.stats "
          "(fresh interpreters, best of 5)")
    ours_code = ("import time; t = time.perf_counter(); import sarcoma_stats; "
                 "sarcoma_stats.fisher_exact([[2, 0], [2, 12]]); print(time.perf_counter() - t)")
    scipy_code = ("import time; t = time.perf_counter(); import scipy.stats; "
                  "print(time.perf_counter() - t)")
    heavy_code = ("import sys, sarcoma_stats; sarcoma_stats.fisher_exact([[2, 0], [2, 12]]); "
                  "print(','.join(m for m in ('pandas', 'scipy.stats', 'scipy.optimize', "
                  "'matplotlib', 'lifelines') if m in sys.modules) or '-')")

    def run(code):
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True).stdout.strip()

    ours = min(float(run(ours_code)) for _ in range(5))
    theirs = min(float(run(scipy_code)) for _ in range(5))
    heavy = run(heavy_code)
    print(f"  import + fisher_exact {ours * 1e3:7.1f} ms; import scipy.stats {theirs * 1e3:7.1f} "
          f"ms; ratio {ours / theirs:.2f} (goal <= 0.3)")
    print(f"  heavy modules loaded on that path: {heavy}")
    return ours / theirs <= 0.3 and heavy == "-"


def scipy_fisher_loop(tables, alternative, midp):
    out = np.empty(len(tables))
    for i, t in enumerate(tables):
        p = stats.fisher_exact(t, alternative=alternative).pvalue
        if midp:  # SciPy has no mid-p: half the observed table's probability off the p-value
            (a, b), (c, d) = t
            p -= 0.5 * stats.hypergeom.pmf(a, a + b + c + d, a + b, a + c)
        out[i] = p
    return out


def bench_fisher(count, reference_count):
    ok = True
    for low, high in RANGES:
        header(f"Fisher's exact test, {count} random tables with arms {low}-{high}: one call vs "
               f"a loop of scipy.stats.fisher_exact ({reference_count} tables)")
        tables = random_tables(count, low, high)
        for alternative, midp in (("two-sided", False), ("less", False), ("greater", False),
                                  ("two-sided", True)):
            ours_t, ours = timed(fisher_exact, tables, alternative, midp, repeat=3)
            sub = tables[:reference_count]
            theirs_t, ref = timed(scipy_fisher_loop, sub, alternative, midp)
            if midp:  # two-sided mid-p: SciPy's definition of ties differs; compare the rest
                tied = np.isclose(ours.pvalue[:reference_count] + 0.5 * stats.hypergeom.pmf(
                    sub[:, 0, 0], sub.sum(axis=(1, 2)), sub[:, 0].sum(1), sub[:, :, 0].sum(1)),
                    fisher_exact(sub).pvalue, rtol=1e-9)
            else:
                tied = np.ones(len(sub), dtype=bool)
            rel = np.abs(ours.pvalue[:reference_count] - ref)[tied] / np.maximum(ref[tied],
                                                                                1e-300)
            worst = float(rel.max())
            same = worst <= 1e-9
            ok &= same
            label = f"{alternative}{' mid-p' if midp else ''}"
            row(label, ours_t / count, theirs_t / reference_count,
                f"max rel. diff {worst:.1e} {'(same)' if same else 'DIFFERENT'}")
    tracemalloc.start()
    many = random_tables(10**6, 10, 1000)
    base = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    fisher_exact(many)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    print(f"  memory for 10^6 tables: {peak / 1e6:.0f} MB above the input, "
          f"{peak / 1e6:.0f} bytes per table (results included)")
    return ok


def scipy_odds_ratio_loop(tables):
    out = np.empty((len(tables), 3))
    for i, t in enumerate(tables):
        res = odds_ratio(t, kind="conditional")
        ci = res.confidence_interval(0.95)
        out[i] = res.statistic, ci.low, ci.high
    return out


def bench_odds_ratio(count, reference_count):
    ok = True
    header("Conditional MLE of the odds ratio and its exact 95% interval: one call vs a loop "
           "of scipy.stats.contingency.odds_ratio(kind='conditional')")
    for low, high in RANGES:
        tables = random_tables(count, low, high)
        k1, n1 = tables[:, 0, 0], tables[:, 0].sum(1)
        k2, n2 = tables[:, 1, 0], tables[:, 1].sum(1)
        ours_t, ours = timed(compare_proportions, k1, n1, k2, n2, "or", "conditional-exact")
        theirs_t, ref = timed(scipy_odds_ratio_loop, tables[:reference_count])
        got = np.stack([ours.estimate, ours.low, ours.high], 1)[:reference_count]
        finite = np.isfinite(ref) & (ref > 0)
        worst = float(np.max(np.abs(got - ref)[finite] / ref[finite]))
        same = worst <= 1e-6 and np.array_equal(np.isfinite(got), np.isfinite(ref))
        ok &= same
        row(f"arms {low}-{high}", ours_t / count, theirs_t / reference_count,
            f"max rel. diff {worst:.1e} {'(same)' if same else 'DIFFERENT'}")
    return ok


def scipy_keeps_ties(table, alternative):
    """SciPy compares float |Z| (issue 18798); compare only where that gives the exact region."""
    (k1, f1), (k2, f2) = table
    n1, n2 = k1 + f1, k2 + f2
    x1, x2 = np.arange(n1 + 1)[:, None], np.arange(n2 + 1)[None, :]
    p = (x1 + x2) / (n1 + n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (x1 / n1 - x2 / n2) / np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    z[x1 / n1 == x2 / n2] = 0
    square, d = _barnard_square(n1, n2, True)
    key = np.copysign(square, d)
    if alternative == "two-sided":
        return np.array_equal(np.abs(z) >= abs(z[k1, k2]), np.abs(key) >= abs(key[k1, k2]))
    return np.array_equal(z >= z[k1, k2], key >= key[k1, k2])


def clear_caches():
    """Forget the cached grids, weights and matrices: a timing then includes building them."""
    for cached in (enumeration._binomial_grid, enumeration.hypergeometric_weights,
                   enumeration.log_comb, enumeration._grid_cells):
        cached.cache_clear()


def bench_unconditional(sizes, per_size):
    print("\nBarnard and Boschloo exact unconditional tests, one table at a time (SciPy gets the "
          "transposed table);\n'cold' rebuilds our cached grids for every table, 'warm' reuses "
          "them (same arm sizes)")
    print(f"  {'':<26s} {'cold':>9s} {'warm':>9s} {'SciPy':>9s} {'cold':>7s} {'warm':>7s}")
    ok = True
    barnard_exact([[1, 1], [1, 1]])  # first-call overheads out of the timings
    for method, ours_f, theirs_f in (("barnard", barnard_exact, stats.barnard_exact),
                                     ("boschloo", boschloo_exact, stats.boschloo_exact)):
        for n1, n2 in sizes:
            cold = warm = theirs = 0.0
            worst = 0.0
            skipped = shortfall = calls = 0
            for _ in range(per_size):
                k1, k2 = int(RNG.integers(0, n1 + 1)), int(RNG.integers(0, n2 + 1))
                table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
                for alternative in ("two-sided", "greater"):
                    clear_caches()
                    t_cold, ours = timed(ours_f, table, alternative=alternative)
                    t_warm, _ = timed(ours_f, table, alternative=alternative, repeat=3)
                    t_ref, ref = timed(theirs_f, table.T, alternative=alternative)
                    cold, warm, theirs = cold + t_cold, warm + t_warm, theirs + t_ref
                    calls += 1
                    if method == "barnard" and not scipy_keeps_ties(table, alternative):
                        skipped += 1
                        continue
                    diff = abs(ours.pvalue - ref.pvalue)
                    if diff > 1e-6 and ours.pvalue > ref.pvalue:
                        shortfall += 1  # SciPy's optimiser stopped below the supremum
                    worst = max(worst, diff)
            ok &= worst <= 1e-6 or shortfall > 0
            note = f"max |dp| {worst:.1e}"
            if skipped:
                note += f"; {skipped} SciPy tie-dropping tables not compared"
            if shortfall:
                note += f"; SciPy below the supremum on {shortfall}"
            print(f"  {method:<9s} {n1:>3d}/{n2:<3d} (x{calls:>2d})  {cold / calls * 1e3:7.2f}ms "
                  f"{warm / calls * 1e3:7.2f}ms {theirs / calls * 1e3:7.2f}ms "
                  f"{theirs / cold:6.1f}x {theirs / warm:6.1f}x  {note}")
    return ok


def bench_power(sizes):
    print("\nRejection region at alpha 0.05 for exact power: bisection over the nested regions "
          "against\nthe p-values of every table (both ours; identical regions required)")
    ok = True
    for n in sizes:
        for method in ("boschloo", "barnard"):
            clear_caches()
            t_bisect, region = timed(rejection_region, n, n, 0.05, method)
            if n <= 150:
                clear_caches()
                t_full, every = timed(unconditional_pvalues, n, n, method)
                same = np.array_equal(region, every.pvalue <= 0.05)
                ok &= same
                print(f"  {method:<9s} {n}/{n}: bisection {t_bisect:7.3f} s, every table "
                      f"{t_full:7.3f} s ({t_full / t_bisect:5.0f}x), regions "
                      f"{'identical' if same else 'DIFFERENT'}")
            else:
                print(f"  {method:<9s} {n}/{n}: bisection {t_bisect:7.3f} s")
    return ok


def bench_fragility(count):
    header("Fragility index (Walsh 2014): vectorised path vs a loop of scipy.stats.fisher_exact")

    def naive(k1, n1, k2, n2, alpha=0.05):
        changes = 0
        low_first = k1 * n2 < k2 * n1
        while stats.fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue < alpha:
            changes += 1
            if low_first:
                k1 += 1
            else:
                k2 += 1
        return changes

    trials = [(13, 506, 28, 499)]
    while len(trials) < count:  # significant 1:1 trials of 50 to 1000 patients per arm
        n = int(RNG.integers(50, 1001))
        p = RNG.uniform(0.05, 0.5)
        k1, k2 = int(RNG.binomial(n, p)), int(RNG.binomial(n, p * 0.6))
        if stats.fisher_exact([[k1, n - k1], [k2, n - k2]]).pvalue < 0.05:
            trials.append((k1, n, k2, n))
    ours_t, ours = timed(lambda: [fragility_index(*t) for t in trials])
    theirs_t, ref = timed(lambda: [naive(*t) for t in trials])
    same = ours == ref
    row(f"{count} significant trials (arms 50-1000)", ours_t / count, theirs_t / count,
        f"indices {'identical' if same else 'DIFFERENT'} (median {int(np.median(ours))})")
    return same


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args(argv)
    print(f"sarcoma_stats {sarcoma_stats.__version__}, numpy {np.__version__}, scipy "
          f"{scipy.__version__}, Python {platform.python_version()}, {platform.machine()}")
    checks = [bench_import()]
    sizes = [(24, 18), (50, 50), (100, 100), (200, 200)]
    if args.quick:
        checks.append(bench_fisher(20_000, 300))
        checks.append(bench_odds_ratio(500, 20))
        checks.append(bench_unconditional(sizes[:2], 2))
        checks.append(bench_power([50, 200]))
        checks.append(bench_fragility(20))
    else:
        checks.append(bench_fisher(200_000, 2000))
        checks.append(bench_odds_ratio(5000, 100))
        checks.append(bench_unconditional(sizes, 4))
        checks.append(bench_power([50, 100, 200, 500]))
        checks.append(bench_fragility(200))
    print("\nall agreement checks passed" if all(checks) else "\nSOME CHECKS FAILED")
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
