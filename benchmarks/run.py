"""Side-by-side timings of sarcoma_stats against SciPy, printed as ratios.

Run from the repository root (the package installed, e.g. ``pip install -e .``)::

    python benchmarks/run.py            # about a minute on one core
    python benchmarks/run.py --quick    # smaller sizes, a few seconds

Every comparison also checks that both sides give the same numbers. Not a test: timings depend
on the machine; the tests check correctness only.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import time

import numpy as np
import scipy
from scipy import stats

import sarcoma_stats
from sarcoma_stats import fisher_exact
from sarcoma_stats.stats.fragility import fragility_index
from sarcoma_stats.stats.power import power_curve
from sarcoma_stats.stats import unconditional
from sarcoma_stats.stats.unconditional import _barnard_square, barnard_exact, boschloo_exact

RNG = np.random.default_rng(20261123)


def timed(func, *args, repeat=1, **kwargs):
    """Best wall time of ``repeat`` calls, and the last result."""
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


def row(label, ours, theirs=None, note=""):
    ratio = f"{theirs / ours:8.1f}x" if theirs is not None else " " * 9
    theirs_text = f"{theirs * 1e3:11.2f} ms" if theirs is not None else " " * 14
    print(f"  {label:<44s} {ours * 1e3:11.2f} ms {theirs_text} {ratio}  {note}")


def header(title):
    print(f"\n{title}")
    print(f"  {'':<44s} {'sarcoma_stats':>14s} {'SciPy':>14s} {'speed-up':>9s}")


def random_tables(count, max_arm):
    n1 = RNG.integers(1, max_arm + 1, count)
    n2 = RNG.integers(1, max_arm + 1, count)
    k1 = RNG.integers(0, n1 + 1)
    k2 = RNG.integers(0, n2 + 1)
    return np.stack([np.stack([k1, n1 - k1], -1), np.stack([k2, n2 - k2], -1)], -2)


def bench_import():
    print("\nimport sarcoma_stats (fresh interpreter)")
    code = (
        "import sys, time; t = time.perf_counter(); import sarcoma_stats; "
        "t = time.perf_counter() - t; heavy = [m for m in ('matplotlib', 'lifelines') "
        "if m in sys.modules]; sarcoma_stats.fisher_exact; sarcoma_stats.exact_power; "
        "after = [m for m in ('matplotlib', 'lifelines') if m in sys.modules]; "
        "print(t, ','.join(heavy) or '-', ','.join(after) or '-')"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(3)]
    best = min(float(r[0]) for r in runs)
    heavy, after = runs[-1][1], runs[-1][2]
    print(f"  import time {best * 1e3:.1f} ms (best of 3)")
    print(f"  matplotlib/lifelines imported by 'import sarcoma_stats': "
          f"{'NO (good)' if heavy == '-' else 'YES: ' + heavy}")
    print(f"  ... and after using fisher_exact and exact_power: "
          f"{'NO (good)' if after == '-' else 'YES: ' + after}")
    return heavy == "-" and after == "-"


def bench_fisher(sizes):
    header("Fisher's exact test, two-sided: one vectorised call vs a loop of "
           "scipy.stats.fisher_exact (random tables, arms 1-100)")
    ok = True
    for count in sizes:
        tables = random_tables(count, 100)
        ours_t, ours = timed(fisher_exact, tables, repeat=3)
        start = time.perf_counter()
        ref = np.array([stats.fisher_exact(t).pvalue for t in tables])
        theirs_t = time.perf_counter() - start
        rel = np.max(np.abs(ours.pvalue - ref) / np.maximum(ref, 1e-300))
        same = rel <= 1e-9
        ok &= same
        row(f"{count:>7d} tables", ours_t, theirs_t,
            f"max rel. diff {rel:.1e} {'(<= 1e-9, same)' if same else 'DIFFERENT'}")
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
    """Forget the cached grids and weights, so that a timing includes building them."""
    for cached in (unconditional._binomial_grid, unconditional._hypergeometric_weights,
                   unconditional._log_comb):
        cached.cache_clear()


def bench_unconditional(arms, per_size):
    print("\nBarnard and Boschloo exact unconditional tests, one table at a time (SciPy gets the "
          "transposed table);\n'cold' rebuilds our cached grids for every table, 'warm' reuses "
          "them (same arm sizes)")
    print(f"  {'':<30s} {'cold':>9s} {'warm':>9s} {'SciPy':>9s} {'cold':>7s} {'warm':>7s}")
    ok = True
    barnard_exact([[1, 1], [1, 1]])  # first-call overheads out of the timings
    for method, ours_f, theirs_f in (("barnard", barnard_exact, stats.barnard_exact),
                                     ("boschloo", boschloo_exact, stats.boschloo_exact)):
        for n in arms:
            cold = warm = theirs = 0.0
            worst = 0.0
            skipped = shortfall = calls = 0
            for _ in range(per_size):
                n1, n2 = n, int(RNG.integers(n // 2, n + 1))
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
            print(f"  {method:<9s} arms {n:>3d} (mean of {calls:>2d}) {cold / calls * 1e3:7.2f}ms "
                  f"{warm / calls * 1e3:7.2f}ms {theirs / calls * 1e3:7.2f}ms "
                  f"{theirs / cold:6.1f}x {theirs / warm:6.1f}x  {note}")
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
    row(f"{count} significant trials (arms 50-1000)", ours_t, theirs_t,
        f"indices {'identical' if same else 'DIFFERENT'} (median {int(np.median(ours))})")
    return same


def bench_power(max_n, points):
    print("\nExact power by full enumeration (no simulation)")
    n = np.linspace(4, max_n, points).round().astype(int)
    t, curve = timed(power_curve, n, n, 0.58, 0.22, repeat=1)
    print(f"  Fisher, n per arm {n[0]}..{n[-1]}, {points} points: {t * 1e3:9.1f} ms "
          f"(power at n={n[-1]}: {curve.power[-1]:.4f})")
    p2 = np.linspace(0.02, 0.5, points)
    t, curve = timed(power_curve, max_n, max_n, 0.58, p2)
    print(f"  Fisher, n = {max_n} per arm, {points} values of p2: {t * 1e3:9.1f} ms")
    for test in ("barnard", "boschloo"):
        m = max_n // 2
        t, curve = timed(power_curve, m, m, 0.58, p2, test=test)
        print(f"  {test:<8s} n = {m} per arm, {points} values of p2 (all {(m + 1) ** 2} "
              f"p-values): {t * 1e3:9.1f} ms")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args(argv)
    print(f"sarcoma_stats {sarcoma_stats.__version__}, numpy {np.__version__}, scipy "
          f"{scipy.__version__}, Python {platform.python_version()}, {platform.machine()}")
    checks = [bench_import()]
    if args.quick:
        checks.append(bench_fisher([10**3, 10**4]))
        checks.append(bench_unconditional([20, 50], 2))
        checks.append(bench_fragility(20))
        bench_power(100, 20)
    else:
        checks.append(bench_fisher([10**4, 10**5]))
        checks.append(bench_unconditional([20, 50, 100, 200], 4))
        checks.append(bench_fragility(200))
        bench_power(200, 50)
    print("\nall agreement checks passed" if all(checks) else "\nSOME CHECKS FAILED")
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
