"""Boundary checks in sarcoma_stats._validation."""

import numpy as np
import pytest

from sarcoma_stats._validation import (
    check_bool,
    check_choice,
    check_confidence,
    check_counts,
    check_integers,
    check_table,
    check_unit_interval,
)


class TestCheckIntegers:
    def test_accepts_ints_and_whole_floats(self):
        out = check_integers([0, 3.0, np.int32(7)], "k")
        assert out.dtype == np.int64
        assert out.tolist() == [0, 3, 7]

    def test_scalar_gives_0d(self):
        assert check_integers(5, "k").shape == ()

    @pytest.mark.parametrize("bad", [1.5, [1, 2.5], np.array([0.1])])
    def test_refuses_fractions(self, bad):
        with pytest.raises(ValueError, match="k must be whole numbers"):
            check_integers(bad, "k")

    @pytest.mark.parametrize("bad", [float("nan"), float("inf"), [1, -np.inf]])
    def test_refuses_nonfinite(self, bad):
        with pytest.raises(ValueError, match="k must be finite"):
            check_integers(bad, "k")

    def test_refuses_negative(self):
        with pytest.raises(ValueError, match=r"n must be non-negative; got -1"):
            check_integers(-1, "n")

    @pytest.mark.parametrize(
        "bad", [True, np.bool_(False), "3", None, [1, True], [1, None], 1 + 2j]
    )
    def test_refuses_wrong_types(self, bad):
        with pytest.raises(TypeError, match="k must be"):
            check_integers(bad, "k")

    def test_refuses_ragged(self):
        with pytest.raises(TypeError, match="k must be integer counts"):
            check_integers([[1, 2], [3]], "k")

    def test_refuses_huge_float(self):
        with pytest.raises(ValueError, match="too large"):
            check_integers(1e300, "n")


class TestCheckCounts:
    def test_broadcasts(self):
        k, n = check_counts([1, 2, 3], 10)
        assert k.tolist() == [1, 2, 3]
        assert n.tolist() == [10, 10, 10]

    def test_k_above_n_names_both(self):
        with pytest.raises(ValueError, match=r"k1 must not exceed n1; got k1=11 > n1=10"):
            check_counts([1, 11], 10, names=("k1", "n1"))

    def test_n_zero(self):
        with pytest.raises(ValueError, match="n must be at least 1; got 0"):
            check_counts(0, 0)

    def test_shapes_must_broadcast(self):
        with pytest.raises(ValueError, match="broadcastable"):
            check_counts([1, 2, 3], [4, 5])


class TestCheckTable:
    def test_stack(self):
        assert check_table(np.ones((4, 3, 2, 2))).shape == (4, 3, 2, 2)

    @pytest.mark.parametrize("shape", [(2,), (2, 3), (3, 2), (2, 2, 3)])
    def test_bad_shape(self, shape):
        with pytest.raises(ValueError, match=r"table must have shape \(2, 2\)"):
            check_table(np.ones(shape, dtype=int))

    def test_empty_row(self):
        with pytest.raises(ValueError, match="row \\(arm\\) with no patients"):
            check_table([[0, 0], [1, 2]])

    def test_fraction(self):
        with pytest.raises(ValueError, match="table must be whole numbers"):
            check_table([[1.5, 2], [3, 4]])


class TestScalars:
    @pytest.mark.parametrize("good", [0.95, 0.5, np.float64(0.9), 0.999999])
    def test_confidence_ok(self, good):
        assert check_confidence(good) == float(good)

    def test_confidence_percent_hint(self):
        with pytest.raises(ValueError, match=r"e\.g\. 0\.95, not 95\); got 95"):
            check_confidence(95)

    @pytest.mark.parametrize("bad", [0, 1, 1.0, -0.1, float("nan"), 100])
    def test_confidence_out_of_range(self, bad):
        with pytest.raises(ValueError, match="confidence must be strictly between 0 and 1"):
            check_confidence(bad)

    @pytest.mark.parametrize("bad", [True, "0.95", None, [0.95]])
    def test_confidence_type(self, bad):
        with pytest.raises(TypeError, match="confidence must be"):
            check_confidence(bad)

    def test_unit_interval_names_argument(self):
        with pytest.raises(ValueError, match="alpha must be strictly between 0 and 1; got 1.5"):
            check_unit_interval(1.5, "alpha")

    def test_bool(self):
        assert check_bool(np.bool_(True), "midp") is True
        with pytest.raises(TypeError, match="midp must be True or False; got 1"):
            check_bool(1, "midp")


class TestCheckChoice:
    def test_canonical_and_alias(self):
        choices = ("wilson", "clopper-pearson")
        assert check_choice("wilson", "method", choices) == "wilson"
        assert check_choice("exact", "method", choices, {"exact": "clopper-pearson"}) == (
            "clopper-pearson"
        )

    def test_message_lists_choices(self):
        with pytest.raises(
            ValueError, match=r"method must be one of 'a', 'b', 'c'; got 'x'"
        ):
            check_choice("x", "method", ("a", "b"), {"c": "a"})

    def test_case_sensitive(self):
        with pytest.raises(ValueError):
            check_choice("Wilson", "method", ("wilson",))

    def test_non_string(self):
        with pytest.raises(TypeError, match="method must be one of 'a'; got 3"):
            check_choice(3, "method", ("a",))


# ------------------------------------------------------------------------------------------
# issue 16, public API: every argument one clear check, no warning, no hang
# ------------------------------------------------------------------------------------------

import contextlib  # noqa: E402
import signal  # noqa: E402
import warnings  # noqa: E402

import sarcoma_stats as ss  # noqa: E402


@contextlib.contextmanager
def returns_within(seconds):
    """Fail (instead of hanging the suite) when the block runs longer than ``seconds``."""

    def alarm(signum, frame):
        raise TimeoutError(f"did not return within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("call", [
    lambda: ss.pvalue_from_ci("0.449", "0.27", "0.744"),
    lambda: ss.pvalue_from_ci(0.449, 0.27, True),
    lambda: ss.hazard_ratio_from_ci(True, 2),
    lambda: ss.hazard_ratio_from_ci(0.15, "0.55"),
    lambda: ss.median_ci_symmetry("8.25", 4.88, 11.62),
    lambda: ss.survival_ci_transforms(0.81, True, 0.96),
    lambda: ss.bayes_two_proportions(14, 24, 4, 18, prior=("beta", "1", 1)),
    lambda: ss.bayes_two_proportions(14, 24, 4, 18, prior=("beta", True, 1)),
    lambda: ss.exact_power(20, 20, "0.3", 0.5),
    lambda: ss.exact_power(20, 20, 0.3, 0.5, alpha="0.05"),
    lambda: ss.fragility_index(14, 24, 4, 18, alpha=True),
    lambda: ss.kaplan_meier("2 3 5", "1 1 0"),
])
def test_strings_and_bools_are_refused_where_numbers_are_meant(call):
    with pytest.raises(TypeError, match="must be"):
        call()


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.int8, np.uint16])
def test_small_numeric_types_count_exactly_without_warnings(dtype):
    # a float16 count used to raise "RuntimeWarning: overflow encountered in cast" (the check
    # compared it with 2**53 in float16)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = ss.proportion_ci(dtype(12), dtype(31), method="clopper-pearson")
        arr = ss.proportion_ci(np.array([3, 12], dtype=dtype), 31)
        table = ss.fisher_exact(np.array([[14, 10], [4, 14]], dtype=dtype))
    assert res.low == ss.proportion_ci(12, 31, method="clopper-pearson").low
    assert arr.high[1] == ss.proportion_ci(12, 31).high
    assert table.pvalue == ss.fisher_exact([[14, 10], [4, 14]]).pvalue


def test_fractional_small_floats_are_still_refused():
    with pytest.raises(ValueError, match="whole numbers"):
        ss.proportion_ci(np.float16(2.5), 10)


CONFIDENCE_NEAR_ONE = 0.9999999999999999  # 0.5 + c / 2 rounds to 1: z = ndtri(1) = inf


@pytest.mark.parametrize("measure, method", [
    (m, x) for m, xs in __import__("sarcoma_stats.stats.comparisons",
                                   fromlist=["x"]).COMPARISON_METHODS.items() for x in xs])
def test_confidence_within_rounding_of_one_returns_finite_bounds(measure, method):
    # compare_proportions(..., "rr", confidence=0.9999999999999999) never returned before
    with returns_within(10):
        res = ss.compare_proportions(14, 24, 4, 18, measure=measure, method=method,
                                     confidence=CONFIDENCE_NEAR_ONE)
    assert not np.isnan(res.low) and not np.isnan(res.high) and res.low <= res.high
    wide = ss.compare_proportions(14, 24, 4, 18, measure=measure, method=method,
                                  confidence=0.999999)
    assert res.low <= wide.low and res.high >= wide.high


@pytest.mark.parametrize("method", ["wilson", "wilson-cc", "clopper-pearson", "jeffreys",
                                    "agresti-coull", "wald", "mid-p"])
def test_proportion_interval_at_confidence_near_one(method):
    with returns_within(10):
        res = ss.proportion_ci(12, 31, method=method, confidence=CONFIDENCE_NEAR_ONE)
    assert 0.0 <= res.low <= 12 / 31 <= res.high <= 1.0


@pytest.mark.slow
def test_survival_and_bayes_at_confidence_near_one():
    with returns_within(20):
        implied = ss.pvalue_from_ci(0.449, 0.27, 0.744, confidence=CONFIDENCE_NEAR_ONE)
        bayes = ss.bayes_two_proportions(14, 24, 4, 18, confidence=CONFIDENCE_NEAR_ONE)
    assert np.isfinite(implied.se) and implied.se > 0
    assert 0.0 <= bayes.rd_low < bayes.rd_high <= 1.0 or bayes.rd_low < 0


def test_check_number_and_positive_messages():
    from sarcoma_stats._validation import check_number, check_positive, check_probability

    with pytest.raises(TypeError, match=r"low must be a positive number; got '0.27'"):
        check_positive("0.27", "low")
    with pytest.raises(ValueError, match="must be a positive finite number"):
        check_positive(float("inf"), "low")
    with pytest.raises(TypeError, match="median must be a finite number; got True"):
        check_number(True, "median")
    with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]"):
        check_probability([0.2, 1.5], "p")
    assert check_probability(np.float16(0.5), "p", scalar=True) == 0.5


def test_counts_near_2_to_the_63_get_an_answer_or_the_limit():
    # int64 sums of such counts wrap around: every path either computes in floats or refuses
    big = 2**62
    with returns_within(20):
        assert ss.proportion_ci(big // 3, big, method="mid-p").low == pytest.approx(1 / 3)
        assert ss.compare_proportions(big // 3, big, big // 4, big).estimate == pytest.approx(
            1 / 12)
        with pytest.raises(ValueError, match="limited to n1 \\+ n2 <= 1099511627776"):
            ss.compare_proportions(big // 3, big, big // 4, big, measure="or",
                                   method="conditional-exact")
        with pytest.raises(ValueError, match="limited to n1 \\+ n2 <= 1099511627776"):
            ss.fragility_index(big // 3, big, big // 4, big)
