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
