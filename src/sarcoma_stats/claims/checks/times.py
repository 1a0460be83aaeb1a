"""Checks of time-to-event numbers printed without their data: hazard ratios, medians and
Kaplan-Meier rates, through what the printed numbers imply about each other."""

from __future__ import annotations

import math

from ...printed import reproduce as rp
from ...printed import rounding as rd
from ..schema import HazardRatioClaim, MedianClaim, SurvivalRateClaim
from ._registry import register
from ._base import N_MAX, Context, Findings, ci_text, level_of, listing, num, pct, percent_text

# relative tolerance between a printed p-value's z and the Wald z implied by a ratio's interval
WALD_Z_TOLERANCE = 0.10
# an implied Kaplan-Meier SE below this fraction of the binomial SE sqrt(p(1-p)/n) is flagged
MIN_SE_RATIO = 0.9


def _repair(f: Findings, claim: HazardRatioClaim, lo, hi):
    """A malformed interval (upper below lower, or the HR outside it): the likely intended
    bounds, each number's component, and the interval to check the p-value against."""
    hr, ci = claim.hr, claim.ci
    problem = ("the upper bound is below the lower" if hi < lo
               else f"HR {hr.text} lies outside it")
    text = f"malformed interval {ci_text(ci)}: {problem}"
    repairs = rp.interval_repairs(hr.value, lo, hi)
    if not repairs:
        text += "; no single slip (decimal point, order) makes HR its geometric midpoint"
        for printed in (hr.text, ci[0].text, ci[1].text):
            f.fail(printed, text)
        return None
    which, value = repairs[0]
    if which == "swap":
        used = (hi, lo)
        text += f"; the bounds are printed in reverse order ({hi}-{lo})"
        wrong = {0, 1}
    else:
        used = (value, hi) if which == "low" else (lo, value)
        wrong = {0} if which == "low" else {1}
        shown = ci[0].text if which == "low" else ci[1].text
        text += (f"; likely {value} for {shown} (a dropped or misplaced digit): "
                 f"sqrt({used[0]} x {used[1]}) = "
                 f"{math.sqrt(float(used[0]) * float(used[1])):.{hr.decimals + 1}f}, "
                 f"the printed HR {hr.text}")
    gm = math.sqrt(float(used[0]) * float(used[1]))
    f.ok(hr.text, f"HR {hr.text} is the geometric midpoint of the repaired interval "
                  f"{used[0]}-{used[1]} (sqrt = {gm:.{hr.decimals + 1}f})",
         methods=["geometric-midpoint"])
    for i, printed in enumerate(ci):
        if i in wrong:
            f.fail(printed.text, text)
        else:
            f.ok(printed.text, f"bound {printed.text} fits the repaired interval")
    return used


@register("hazard-ratio")
def check_hazard_ratio(claim: HazardRatioClaim, context: Context, f: Findings) -> None:
    """A hazard ratio, its interval and its p-value against each other.

    Rule: the ratio must be the geometric midpoint of its interval within printed precision (a
    Wald interval on the log scale); an interval whose upper bound is below the lower, or that
    excludes the ratio, is malformed: the usual slips are tried on one bound at a time (the
    decimal point moved one or two places, the bounds in reverse order) and a repair that makes
    the ratio the midpoint is named. The printed p-value must agree with the Wald p implied by
    the (repaired) interval: z-values within 10% (Altman & Bland 2011).

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "hazard-ratio", "quote": "HR 0.31, 95% CI 0.24-.040, "
    ...     "P < 0.0001", "hr": "0.31", "ci": ["0.24", ".040"], "p": "<0.0001"})
    >>> [(c.printed, c.verdict) for c in v.components]
    [('0.31', 'consistent'), ('0.24', 'consistent'), ('.040', 'inconsistent'), ('P <0.0001', 'consistent')]
    """
    confidence, level = level_of(claim.ci_level)
    hr, ci, p = claim.hr, claim.ci, claim.p
    if not hr.is_number:
        f.cannot(hr.text, f"HR printed as {hr.text}")
        return
    if ci is None or not all(b.is_number for b in ci):
        also = f" (P {p.text} cannot be checked without it)" if p is not None else ""
        f.cannot(hr.text, f"HR {hr.text} printed without a complete interval: nothing to check "
                          f"it against{also}")
        return
    lo, hi = ci[0].value, ci[1].value
    if lo <= 0:
        f.fail(ci[0].text, f"a ratio's lower bound must be positive, got {ci[0].text}")
        return
    gm = math.sqrt(float(lo) * float(hi)) if hi > 0 else 0.0
    if hi < lo or not lo <= hr.value <= hi:
        used = _repair(f, claim, lo, hi)
    elif rp.geometric_midpoint_fits(hr.value, lo, hi):
        used = (lo, hi)
        text = (f"HR {hr.text} is the geometric midpoint of {ci_text(ci)} "
                f"(sqrt = {gm:.{hr.decimals + 1}f})")
        for printed in (hr.text, ci[0].text, ci[1].text):
            f.ok(printed, text, methods=["geometric-midpoint"])
    else:
        used = (lo, hi)
        text = (f"HR {hr.text} is not the geometric midpoint of {ci_text(ci)} "
                f"(sqrt({lo} x {hi}) = {gm:.{hr.decimals + 1}f}): not a Wald interval on the log "
                f"scale, or a number is misprinted")
        for printed in (hr.text, ci[0].text, ci[1].text):
            f.fail(printed, text)
    if p is not None and p.is_number and used is not None:
        agree = rp.wald_agreement(p.value, p.relation, hr.value, used[0], used[1], confidence,
                                  WALD_Z_TOLERANCE)
        shown = f"P {p.text if p.relation == '=' else p.relation + ' ' + str(p.value)}"
        with_it = "with the repaired interval, " if used != (lo, hi) else ""
        if agree.agrees:
            f.ok(f"P {p.text}", f"{with_it}{shown} agrees with the Wald p {agree.wald_p:.2g} "
                                f"implied by the interval (z = {agree.wald_z:.2f})",
                 methods=["wald-from-ci"])
        else:
            f.fail(f"P {p.text}", f"{with_it}{shown} does not agree with the Wald p "
                                  f"{agree.wald_p:.2g} implied by the interval (z = "
                                  f"{agree.wald_z:.2f}; z differs by more than "
                                  f"{WALD_Z_TOLERANCE:.0%})")


def _median_as_percentage(claim: MedianClaim, f: Findings, confidence, level) -> None:
    value, ci, n = claim.value, claim.ci, claim.n
    text = (f"a median printed as {value.text} is a percentage, not a time: likely a "
            f"proportion or a survival rate at a time point")
    if ci is not None and all(b.is_number for b in ci):
        hits = rp.counts_for_interval(value.value, ci[0].value, ci[1].value, n=n,
                                      n_max=N_MAX, confidence=confidence)
        if not hits.empty:
            pairs = list(dict.fromkeys(zip(hits.k, hits.n)))
            methods = list(dict.fromkeys(hits.method))
            k0, n0 = pairs[0]
            f.fail(value.text, text + f"; {listing([f'{a}/{b}' for a, b in pairs], 3)} = "
                                      f"{num(100 * k0 / n0, value.decimals + 1)}% with "
                                      f"{', '.join(methods)} {level} CI {ci_text(ci)} "
                                      f"reproduces it", methods=methods)
            for printed in ci:
                f.ok(printed.text, f"{level} CI {ci_text(ci)} is the {', '.join(methods)} "
                                   f"interval of {k0}/{n0}", methods=methods)
            return
        text += (f"; no k/n{' with n = ' + str(n) if n else ''} reproduces it with its "
                 f"{level} CI by any interval method")
    elif n is not None:
        ks = rd.counts_for_percent(value.value, n)
        if ks.size:
            text += f"; {pct(int(ks[0]), n, value.decimals)} would give it"
    f.fail(value.text, text)


@register("median")
def check_median(claim: MedianClaim, context: Context, f: Findings) -> None:
    """A median and its interval.

    Rule: a median printed as a percentage is a number of the wrong kind (a proportion or a
    landmark rate): inconsistent, naming the k/n and interval method that reproduce it. A median
    outside its interval is inconsistent. An interval symmetric about the median (within the
    rounding of all three numbers) is a normal-approximation interval (``symmetric-normal``,
    with the implied SE); an asymmetric one is consistent with no method (Brookmeyer-Crowley
    intervals are asymmetric); an open interval only bounds the median (trivial).

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "median", "quote": "8.25 months (95% CI 4.88-11.62)",
    ...                    "value": "8.25", "ci": ["4.88", "11.62"], "unit": "months"})
    >>> v.verdict, v.methods
    ('consistent', ('symmetric-normal',))
    """
    confidence, level = level_of(claim.ci_level)
    value, ci, unit = claim.value, claim.ci, claim.unit or ""
    if value.unit == "%":
        _median_as_percentage(claim, f, confidence, level)
        return
    if not value.is_number:
        f.cannot(value.text, f"median {value.text}")
        return
    if ci is None:
        f.cannot(value.text, f"a median ({value.text} {unit}) printed without an interval")
        return
    lo, hi = ci
    if lo.is_number and hi.is_number:
        if not lo.value <= value.value <= hi.value:
            f.fail(value.text, f"median {value.text} lies outside its interval {ci_text(ci)}")
            return
        sym = rp.median_symmetry(value.value, lo.value, hi.value, confidence)
        if sym.symmetric:
            text = (f"{value.text} -/+ {sym.below:.{value.decimals}f}: symmetric, a normal-"
                    f"approximation interval (SE {sym.se:.{value.decimals + 1}f}"
                    f"{' ' + unit if unit else ''})")
            methods = ["symmetric-normal"]
        else:
            text = (f"asymmetric interval ({sym.below:.{value.decimals}f} below, "
                    f"{sym.above:.{value.decimals}f} above), as Brookmeyer-Crowley intervals are")
            methods = []
        for printed in (value.text, lo.text, hi.text):
            f.ok(printed, text, methods=methods)
        return
    if lo.is_number:
        if lo.value <= value.value:
            f.ok(lo.text, f"lower bound {lo.text} <= median {value.text}; upper bound {hi.text}",
                 trivial=True)
        else:
            f.fail(value.text, f"median {value.text} lies below its lower bound {lo.text}")
    else:
        f.cannot(value.text, f"interval {ci_text(ci)} without a numeric lower bound")


@register("survival-rate")
def check_survival_rate(claim: SurvivalRateClaim, context: Context, f: Findings) -> None:
    """A Kaplan-Meier rate at a time point and its interval.

    Rule: the rate must lie inside its interval; the scales (plain, log, log-log, logit,
    arcsine) on which the interval is symmetric, allowing for the rounding of all three numbers,
    are named. The standard error implied on the fitting scale (delta method back to the rate)
    must not be below 90% of the binomial SE sqrt(p(1-p)/n): censoring only widens a
    Kaplan-Meier interval. With its own ``n`` a narrower interval is inconsistent; without one,
    the Ns of its scope are tried (too narrow for all of them: a query); with no N at all, the
    implied SE is reported as not checkable.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "survival-rate", "quote": "81% (95% CI 69 - 96)",
    ...                    "percent": "81", "ci": ["69", "96"], "time": "2 years"})
    >>> v.verdict, v.methods
    ('consistent', ('log',))
    """
    confidence, level = level_of(claim.ci_level)
    rate, ci, n = claim.percent, claim.ci, claim.n
    if ci is None or not all(b.is_number for b in ci):
        f.cannot(percent_text(rate), f"a Kaplan-Meier rate ({rate.text}%) without a complete "
                                     f"interval: not a simple k/n under censoring")
        return
    lo, hi = ci[0].value, ci[1].value
    if not lo <= rate.value <= hi:
        f.fail(percent_text(rate), f"{rate.text}% lies outside its interval {ci_text(ci)}")
        return
    if lo <= 0 or hi >= 100:
        f.ok(percent_text(rate), f"{rate.text}% lies inside {ci_text(ci)} (a bound at 0 or 100: "
                                 f"no transform check)", trivial=True)
        return
    fits, table = rp.survival_transforms_fitting(rate.value, lo, hi, confidence)
    below = float(rate.value - lo)
    above = float(hi - rate.value)
    if fits:
        text = (f"{level} CI {ci_text(ci)} is symmetric on the {', '.join(fits)} scale"
                + ("s" if len(fits) > 1 else "")
                + (f" ({rate.text} -/+ {below:.{rate.decimals}f})" if "plain" in fits else ""))
    else:
        text = (f"{rate.text}% inside {ci_text(ci)} ({below:.{rate.decimals}f} below, "
                f"{above:.{rate.decimals}f} above), symmetric on none of the usual scales")
    for printed in (percent_text(rate), ci[0].text, ci[1].text):
        f.ok(printed, text, methods=fits, trivial=not fits)
    pr = float(rate.value) / 100
    scale = max(fits or ["plain"], key=lambda name: float(table.loc[name, "se_rate"]))
    implied = float(table.loc[scale, "se_rate"])
    shown = ci_text(ci)
    ns = [n] if n is not None else list(context.scope.sizes) if context.scope else []
    if not ns:
        f.cannot(shown, f"implied SE {implied:.2f} points ({scale} scale); no N printed to "
                        f"judge whether that is plausible", find=ci[0].text)
        return
    binomial = {size: math.sqrt(pr * (1 - pr) / size) * 100 for size in ns}
    plausible = [size for size in ns if implied >= MIN_SE_RATIO * binomial[size]]
    if plausible:
        size = plausible[0]
        of = "" if n is not None else f" (of the Ns printed for {context.scope.label})"
        f.ok(shown, f"implied SE {implied:.2f} points ({scale} scale) vs binomial SE "
                    f"{binomial[size]:.2f} for n = {size}{of}", find=ci[0].text)
        return
    need = math.ceil(pr * (1 - pr) / (implied / 100) ** 2)
    if n is not None:
        f.fail(shown, f"the interval is too narrow for {n} patients: implied SE "
                      f"{implied:.2f} points ({scale} scale) < binomial SE {binomial[n]:.2f} "
                      f"(it would need n >= {need})", find=ci[0].text)
    else:
        f.query(shown, f"the interval is too narrow for every N printed for "
                       f"{context.scope.label} ({', '.join(map(str, ns))}): implied SE "
                       f"{implied:.2f} points ({scale} scale) would need n >= {need}",
                find=ci[0].text)
