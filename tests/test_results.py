"""The shared result behaviour: scalar in, scalar out; arrays in, arrays out; tidy frames."""

import numpy as np

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
