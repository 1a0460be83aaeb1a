"""The shared result behaviour: scalar in, scalar out; arrays in, arrays out; tidy frames."""

import numpy as np
import pytest

from sarcoma_stats import compare_proportions, exact_power, fisher_exact, proportion_ci


def test_scalar_inputs_give_python_scalars_and_one_row():
    res = proportion_ci(12, 31, method="clopper-pearson")
    assert isinstance(res.low, float) and isinstance(res.high, float)
    frame = res.to_frame()
    assert list(frame.columns) == ["k", "n", "estimate", "low", "high", "method", "confidence"]
    assert frame.shape == (1, 7) and frame.loc[0, "method"] == "clopper-pearson"


def test_array_attributes_broadcast_and_scalars_repeat():
    # k varies, n is one number: every row carries n = 20 and the method name.
    res = proportion_ci(np.array([0, 5, 20]), 20)
    frame = res.to_frame()
    assert frame["n"].tolist() == [20, 20, 20]
    assert frame["k"].tolist() == [0, 5, 20]
    np.testing.assert_allclose(frame["low"], res.low)


def test_comparison_and_test_frames():
    res = compare_proportions([14, 10], 24, [4, 4], 18, measure="rr")
    frame = res.to_frame()
    assert frame.shape[0] == 2 and set(frame["measure"]) == {"rr"}
    tables = np.array([[[14, 10], [4, 14]], [[3, 3], [3, 3]]])
    assert fisher_exact(tables).to_frame()["pvalue"].tolist() == list(fisher_exact(tables).pvalue)


def test_power_frame_broadcasts_a_grid():
    res = exact_power(20, 20, 0.2, np.array([0.4, 0.6]))
    frame = res.to_frame()
    assert frame["p2"].tolist() == [0.4, 0.6] and frame["n1"].tolist() == [20, 20]


# ------------------------------------------------------------------------------------------
# str: each result as a paper prints it (issue 17); repr stays the dataclass repr
# ------------------------------------------------------------------------------------------

import sarcoma_stats as ss  # noqa: E402


def test_proportion_prints_as_the_readme_promises():
    # R 4.2.2 binom.test(12, 31)$conf.int: 0.2184736 0.5781315
    res = ss.proportion_ci(12, 31, method="clopper-pearson")
    assert str(res) == "38.7% (21.8% to 57.8%)"
    assert repr(res).startswith("ProportionCI(estimate=0.3870967741935484, low=0.2184")


def test_arrays_print_one_labelled_line_per_element():
    res = ss.proportion_ci([0, 12], [10, 31], method="clopper-pearson")
    assert str(res).splitlines() == ["0/10: 0.0% (0.0% to 30.8%)",
                                     "12/31: 38.7% (21.8% to 57.8%)"]


def test_comparisons_print_their_measure_and_scale():
    assert str(ss.compare_proportions(14, 24, 4, 18)) == "RD +36.1 points (+6.0 to +57.8)"
    # 14/24 / (4/18) = 2.625 exactly: rounded half up
    assert str(ss.compare_proportions(14, 24, 4, 18, measure="rr", method="katz")) == (
        "RR 2.63 (1.04 to 6.64)")
    # 0/20 against 0/20: the ratio is 0/0, its interval (0, inf) says nothing
    assert str(ss.compare_proportions(0, 20, 0, 20, measure="rr")) == "RR not estimable"
    assert str(ss.compare_proportions(0, 20, 0, 20, measure="or", method="woolf")) == (
        "OR not estimable")
    assert str(ss.compare_proportions(5, 20, 0, 20, measure="rr", method="katz")) == (
        "RR inf (0 to inf)")


def test_tests_print_their_pvalue():
    table = [[14, 10], [4, 14]]
    assert str(ss.fisher_exact(table)) == "Fisher two-sided: p = 0.0285 (sample odds ratio 4.90)"
    assert str(ss.chi2_test(table)) == "chi-square 5.48: p = 0.0193"
    assert str(ss.barnard_exact(table)).startswith("Barnard (pooled) two-sided: p = 0.0225")
    assert str(ss.exact_power(50, 50, 0.58, 0.22)).startswith("power 94.9% (fisher two-sided")


@pytest.mark.slow
def test_the_other_results_print_one_line():
    assert str(ss.fragility_details(14, 24, 4, 18)) == (
        "fragility index 1 (arm 2, non-event -> event: p = 0.0285 -> p = 0.0653, alpha 0.05)")
    assert str(ss.pvalue_from_ci(0.449, 0.270, 0.744)).endswith("Wald p = 0.00196")
    assert str(ss.median_ci_symmetry(8.25, 4.88, 11.62, tolerance=0.015)).startswith(
        "median 8.25 (4.88 to 11.62): symmetric")
    text = str(ss.bayes_two_proportions(14, 24, 4, 18))
    assert text.startswith("P(p1 > p2) = 0.989; RD +33.2 points") and "\n" not in text
    assert str(ss.conditional_power(14, 24, 4, 18, 50, 50)).startswith("conditional power 98.4%")
    assert str(ss.truncation_bias(24, 18, 0.45, 0.25, stop_alpha=0.025)).startswith(
        "stopping probability 16.3%")


def test_summary_reads_not_estimable():
    frame = ss.two_by_two_summary(0, 20, 0, 20)
    rr = frame.query("measure == 'rr'")
    assert set(rr["text"]) == {"not estimable"}
    first = ss.two_by_two_summary(12, 31, 4, 18)
    row = first.query("quantity == 'arm 1' and method == 'clopper-pearson'").iloc[0]
    assert row["text"] == "38.7% (21.8% to 57.8%)"
    assert first.query("measure == 'fisher' and method == 'two-sided'")["text"].iloc[0].startswith(
        "p = ")
