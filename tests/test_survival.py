"""Tests of sarcoma_stats.stats.survival against R (tests/reference/survival_reference.json).

The fixture was written by ``Rscript tests/reference/make_survival_fixtures.R``; its header records
the R and survival versions and the exact calls.
"""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from sarcoma_stats.stats.survival import (
    hazard_ratio_from_ci,
    kaplan_meier,
    median_ci_symmetry,
    pvalue_from_ci,
    survival_ci_transforms,
)

REF = json.loads((Path(__file__).parent / "reference" / "survival_reference.json").read_text())


@pytest.mark.parametrize("case", REF["wald"], ids=lambda c: f"{c['estimate']}")
def test_pvalue_from_ci_matches_r(case):
    # R 4.2.2: se <- (log(hi) - log(lo)) / (2 * qnorm(0.975)); p <- 2 * pnorm(-abs(log(est) / se))
    r = pvalue_from_ci(case["estimate"], case["low"], case["high"])
    assert r.se == pytest.approx(case["se"], rel=1e-12)
    assert r.z == pytest.approx(case["z"], rel=1e-12)
    assert r.pvalue == pytest.approx(case["p"], rel=1e-10)


def test_hazard_ratio_from_ci_is_geometric_midpoint():
    # sqrt(0.24 * 0.40) = 0.3098: the PALETTE HR 0.31 with its upper bound read as 0.40
    r = hazard_ratio_from_ci(0.24, 0.40)
    assert r.estimate == pytest.approx(math.sqrt(0.24 * 0.40), rel=1e-15)
    assert r.pvalue == pytest.approx(pvalue_from_ci(r.estimate, 0.24, 0.40).pvalue, rel=1e-15)


def test_other_confidence_levels_widen_or_narrow_the_se():
    # A 90% interval of the same width implies a larger SE than a 95% one (z 1.645 < 1.960).
    assert pvalue_from_ci(0.5, 0.3, 0.8, confidence=0.90).se > pvalue_from_ci(0.5, 0.3, 0.8).se


@pytest.mark.parametrize("conf_type,ours", [("plain", "plain"), ("log", "log"),
                                            ("log-log", "log-log"), ("logit", "logit"),
                                            ("arcsin", "arcsine")])
def test_km_interval_is_symmetric_on_the_scale_r_used(conf_type, ours):
    # R survival 3.5-3 survfit(conf.type = ...) intervals are symmetric on their own scale:
    # ratio above/below is 1 there and differs from 1 on the other scales.
    km = REF["km"][conf_type]
    for s, lo, hi in zip(km["surv"], km["lower"], km["upper"]):
        if hi >= 1:  # the plain interval may be truncated at 1 by R
            continue
        table = survival_ci_transforms(s, lo, hi)
        assert table.loc[ours, "ratio"] == pytest.approx(1.0, abs=1e-9)
        others = table.drop(index=ours)["ratio"]
        assert (abs(others - 1) > 1e-3).all()


def test_km_log_scale_se_matches_r_std_err():
    # On the log scale the half-width / z is the Greenwood SE of log S; R's summary() prints
    # std.err of S itself, which is S * se(log S) (delta method).
    km = REF["km"]["log"]
    for s, lo, hi, se_s in zip(km["surv"], km["lower"], km["upper"], km["std_err"]):
        se_log = survival_ci_transforms(s, lo, hi).loc["log", "se"]
        assert se_log * s == pytest.approx(se_s, rel=1e-9)


def test_median_symmetry_anlotinib():
    # Ni et al. 2024: median PFS 8.25 (95% CI 4.88-11.62): 8.25 - 4.88 = 3.37 = 11.62 - 8.25.
    r = median_ci_symmetry(8.25, 4.88, 11.62, tolerance=0.015)
    assert r.symmetric
    assert r.se == pytest.approx((11.62 - 4.88) / (2 * 1.959963984540054), rel=1e-12)


def test_median_asymmetric_and_outside():
    # Larotrectinib-era entrectinib median PFS 13.8 (10.1-20.0): 3.7 below, 6.2 above.
    assert not median_ci_symmetry(13.8, 10.1, 20.0, tolerance=0.15).symmetric
    with pytest.raises(ValueError, match="outside"):
        median_ci_symmetry(5.0, 6.0, 9.0)


@pytest.mark.slow
def test_kaplan_meier_matches_r_survfit():
    # Same data as the fixture; lifelines' KM estimate equals R's survfit at the fixture times.
    km = kaplan_meier(REF["km_data"]["time"], REF["km_data"]["event"])
    surv = km.survival_function_at_times(REF["km"]["log"]["times"]).to_numpy()
    np.testing.assert_allclose(surv, REF["km"]["log"]["surv"], rtol=1e-12)


@pytest.mark.parametrize("args,exc,match", [
    ((0.5, 0.0, 0.8), ValueError, "low must be a positive"),
    ((0.5, 0.8, 0.3), ValueError, "must exceed"),
    ((0.5, float("nan"), 0.8), ValueError, "low must be a positive"),
    (("x", 0.3, 0.8), TypeError, "estimate must be a positive number"),
    # numbers given as strings or bools are refused, not converted (issue 16)
    (("0.449", "0.27", "0.744"), TypeError, "estimate must be a positive number"),
    ((0.449, True, 0.744), TypeError, "low must be a positive number"),
])
def test_pvalue_from_ci_refuses_bad_input(args, exc, match):
    with pytest.raises(exc, match=match):
        pvalue_from_ci(*args)


def test_confidence_outside_unit_interval_is_refused():
    with pytest.raises(ValueError, match="confidence"):
        hazard_ratio_from_ci(0.2, 0.5, confidence=95)


def test_transforms_refuse_values_outside_unit_interval():
    with pytest.raises(ValueError, match="0 < low"):
        survival_ci_transforms(0.81, 0.69, 1.0)


def test_kaplan_meier_refuses_bad_events():
    with pytest.raises(ValueError, match="events must be 0/1"):
        kaplan_meier([1, 2], [1, 2])
