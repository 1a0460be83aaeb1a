"""Tests of sarcoma_stats.graphics.plots: the figures draw what the statistics compute.

Each test reads the drawn artists back (interval lines carry ``gid="ci"``) and compares them with
the package's own ``proportion_ci`` / ``compare_proportions`` (themselves tested against R in
their own test files), with one R value pinned here as well.
"""

import subprocess
import sys

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from sarcoma_stats import (
    compare_proportions,
    fisher_exact,
    forest_plot,
    grade3_comparison_chart,
    load_tables,
    proportion_ci,
    toxicity_chart,
    two_arm_figure,
    verdict_chart,
)

RATES = pd.DataFrame({
    "group": ["Pazopanib", "Pazopanib", "Regorafenib", "Nirogacestat"],
    "label": ["Solitary fibrous tumour", "Desmoid tumour", "Angiosarcoma", "Desmoid, phase II"],
    "events": [18, 5, 4, 5],
    "n": [31, 17, 23, 17],
})
# ARST1321 (Weiss et al., Lancet Oncol 2020; NCI news report 2020): 14/24 vs 4/18 near-complete
# pathological response; Kayton et al. 2021: wound complications 17/34 vs 5/23.
PAIRS = pd.DataFrame({
    "label": ["Near-complete response", "Wound complications"],
    "events1": [14, 17], "n1": [24, 34], "events2": [4, 5], "n2": [18, 23],
})


def ci_lines(ax):
    return [line for line in ax.lines if line.get_gid() == "ci"]


def tick_texts(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def test_single_arm_rows_and_intervals():
    ax = forest_plot(RATES, reference=0.2)
    lines = ci_lines(ax)
    assert len(lines) == len(RATES)
    expected = proportion_ci(RATES["events"], RATES["n"], method="wilson")
    drawn = np.array([line.get_xdata() for line in lines])
    np.testing.assert_allclose(drawn[:, 0], expected.low, rtol=0, atol=1e-15)
    np.testing.assert_allclose(drawn[:, 1], expected.high, rtol=0, atol=1e-15)
    markers = [line for line in ax.lines if line.get_gid() == "estimate"]
    np.testing.assert_allclose([m.get_xdata()[0] for m in markers], RATES["events"] / RATES["n"])


def test_single_arm_labels_groups_and_columns():
    ax = forest_plot(RATES, reference=0.2)
    ticks = tick_texts(ax)
    assert ticks[0] == "Study"
    for name in RATES["label"]:
        assert f"   {name}" in ticks
    headers = [t for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert [t.get_text() for t in headers] == ["Study", "Pazopanib", "Regorafenib", "Nirogacestat"]
    texts = [t.get_text() for t in ax.texts]
    assert "18/31" in texts and "k/n" in texts
    # 18/31 = 58.1 %, Wilson 95% CI 40.8 to 73.6 (R 4.2.2: prop.test(18, 31, correct=FALSE))
    assert "58.1 (40.8 to 73.6)" in texts
    assert "Wilson" in ax.get_xlabel()
    ref = [line for line in ax.lines if line.get_gid() == "reference"]
    assert len(ref) == 1 and list(ref[0].get_xdata()) == [0.2, 0.2]


def test_wilson_interval_against_r():
    # R 4.2.2: prop.test(14, 24, correct = FALSE)$conf.int -> 0.3883466587 0.7553239739
    ax = forest_plot(pd.DataFrame({"label": ["pazopanib"], "events": [14], "n": [24]}))
    np.testing.assert_allclose(ci_lines(ax)[0].get_xdata(), [0.3883466587, 0.7553239739],
                               rtol=1e-9)


def test_method_is_passed_and_named():
    ax = forest_plot(RATES, method="clopper-pearson")
    expected = proportion_ci(RATES["events"], RATES["n"], method="clopper-pearson")
    np.testing.assert_allclose([line.get_xdata()[0] for line in ci_lines(ax)], expected.low)
    assert "Clopper-Pearson" in ax.get_xlabel()


@pytest.mark.parametrize("measure", ["rd", "rr", "or"])
def test_two_arm_intervals(measure):
    ax = forest_plot(PAIRS, measure=measure, arms=("Pazopanib", "Control"),
                     favours=("favours control", "favours pazopanib"))
    expected = compare_proportions(PAIRS["events1"], PAIRS["n1"], PAIRS["events2"], PAIRS["n2"],
                                   measure=measure)
    drawn = np.array([line.get_xdata() for line in ci_lines(ax)])
    np.testing.assert_allclose(drawn[:, 0], expected.low, rtol=1e-12)
    np.testing.assert_allclose(drawn[:, 1], expected.high, rtol=1e-12)
    reference = [line for line in ax.lines if line.get_gid() == "reference"][0]
    assert reference.get_xdata()[0] == (0.0 if measure == "rd" else 1.0)
    assert ax.get_xscale() == ("linear" if measure == "rd" else "log")
    texts = [t.get_text() for t in ax.texts]
    assert {"Pazopanib k/n", "Control k/n", "14/24", "4/18"} <= set(texts)
    assert "← favours control" in texts and "favours pazopanib →" in texts
    left = next(t for t in ax.texts if t.get_text() == "← favours control")
    right = next(t for t in ax.texts if t.get_text() == "favours pazopanib →")
    # left text ends at the line of no effect, right text starts there
    assert left.get_position()[0] == right.get_position()[0] == reference.get_xdata()[0]
    assert (left.get_horizontalalignment(), right.get_horizontalalignment()) == ("right", "left")


def test_results_mapping():
    results = {"pazopanib": proportion_ci(14, 24), "control": proportion_ci(4, 18)}
    ax = forest_plot(results)
    assert tick_texts(ax)[1:] == ["pazopanib", "control"]
    np.testing.assert_allclose(ci_lines(ax)[1].get_xdata(), [results["control"].low,
                                                             results["control"].high])
    ratio = {"wounds": compare_proportions(17, 34, 5, 23, measure="rr")}
    assert forest_plot(ratio).get_xscale() == "log"


def test_not_estimable_and_clipped_rows():
    frame = pd.DataFrame({"label": ["zero events", "ordinary"],
                          "events1": [0, 14], "n1": [40, 24], "events2": [3, 4], "n2": [41, 18]})
    ax = forest_plot(frame, measure="rr")
    low_x = ax.get_xlim()[0]
    first = ci_lines(ax)[0].get_xdata()
    assert first[0] == low_x  # the interval from 0 is clipped at the axis and ends in an arrow
    assert any(line.get_marker() == "<" for line in ax.lines)


def text_boxes(fig):
    """Window extents of every visible text of the figure (tick labels included)."""
    fig.draw_without_rendering()
    boxes = []
    for ax in fig.axes:
        artists = ax.texts + ax.get_yticklabels() + ax.get_xticklabels() + [ax.xaxis.label]
        boxes += [a.get_window_extent() for a in artists if a.get_visible() and a.get_text()]
    return boxes


def test_long_labels_are_not_cut_and_do_not_overlap():
    long = pd.DataFrame({
        "label": ["A very long label " * 6, "Short", "Another label that goes on " * 4],
        "events": [3, 4, 5], "n": [10, 12, 14]})
    ax = forest_plot(long, wrap=None)
    fig = ax.figure
    width, height = fig.bbox.width, fig.bbox.height
    for box in text_boxes(fig):
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height
    wrapped = forest_plot(long)  # default: wrap at 60 characters
    labels = [t for t in wrapped.get_yticklabels() if t.get_text()]
    wrapped.figure.draw_without_rendering()
    spans = sorted((t.get_window_extent().y0, t.get_window_extent().y1) for t in labels)
    for (_, top_of_lower), (bottom_of_upper, _) in zip(spans, spans[1:]):
        assert top_of_lower <= bottom_of_upper
    assert max(len(line) for t in labels for line in t.get_text().split("\n")) <= 63


def test_height_grows_with_rows():
    small = forest_plot(RATES.iloc[:2]).figure.get_size_inches()[1]
    many = pd.concat([RATES] * 5, ignore_index=True)
    many["label"] = [f"study {i}" for i in range(len(many))]
    large = forest_plot(many.drop(columns="group")).figure.get_size_inches()[1]
    assert large > small + 3


def test_given_axes_are_used_and_figure_untouched():
    fig = Figure(figsize=(8, 4))
    ax = fig.add_axes((0.3, 0.2, 0.4, 0.7))
    assert forest_plot(RATES, ax=ax) is ax
    assert tuple(fig.get_size_inches()) == (8.0, 4.0)
    assert len(fig.axes) == 1


def test_rcparams_untouched():
    before = dict(matplotlib.rcParams)
    forest_plot(RATES)
    two_arm_figure(14, 24, 4, 18)
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("kwargs, error, match", [
    ({"data": RATES.drop(columns="n")}, ValueError, "missing n"),
    ({"data": RATES, "measure": "hr"}, ValueError, "measure must be one of"),
    ({"data": RATES, "method": "magic"}, ValueError, "method must be one of"),
    ({"data": RATES, "confidence": 95}, ValueError, "confidence"),
    ({"data": RATES.assign(events=[32, 5, 4, 5])}, ValueError, "exceed"),
    ({"data": [1, 2]}, TypeError, "DataFrame"),
    ({"data": RATES.iloc[:0]}, ValueError, "at least one row"),
    ({"data": pd.DataFrame({"label": ["a"], "estimate": [0.5], "low": [0.6], "high": [0.4]})},
     ValueError, "low exceeds high"),
    ({"data": RATES.drop(columns="label")}, ValueError, "'label' column"),
    ({"data": RATES, "reference": float("nan")}, ValueError, "reference"),
])
def test_forest_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        forest_plot(**kwargs)


def test_toxicity_chart_draws_table2():
    """Ni et al. 2024 Table 2 (N = 14): bar segments are the printed counts per grade."""
    frame = load_tables()["ni2024-table2"].to_frame()
    ax = toxicity_chart(frame, n=14)
    assert tick_texts(ax) == list(frame["toxicity"])
    widths = np.array([p.get_width() for p in ax.patches]).reshape(4, len(frame))
    printed = frame[[f"grade{g}_n" for g in (1, 2, 3, 4)]].astype(int).to_numpy().T
    np.testing.assert_array_equal(widths, printed)
    texts = [t.get_text() for t in ax.texts]
    assert "7 (50.0%)" in texts  # neutropenia grade 1, printed "7 (50.0)"
    assert " 14/14 (100.0%)" in texts
    assert ax.get_xlim() == (0.0, 14.0)


def test_toxicity_chart_errors():
    frame = load_tables()["ni2024-table2"].to_frame()
    with pytest.raises(ValueError, match="n is 13"):
        toxicity_chart(frame, n=13)
    with pytest.raises(ValueError, match="missing the columns"):
        toxicity_chart(frame.drop(columns="grade4_n"))
    with pytest.raises(ValueError, match="whole counts"):
        toxicity_chart(frame.assign(grade1_n="1.5"))


def test_grade3_comparison_chart():
    data = PAIRS.assign(group="ARST1321")
    extra = pd.DataFrame({"label": ["Printed without counts"], "group": ["News"],
                          "percent1": ["41"], "percent2": ["9"]})
    ax = grade3_comparison_chart(pd.concat([data, extra], ignore_index=True),
                                 arms=("Pazopanib", "Control"))
    lines = ci_lines(ax)
    assert len(lines) == 4  # two arms with counts for each of two events; none without counts
    arm1 = proportion_ci(PAIRS["events1"], PAIRS["n1"])
    arm2 = proportion_ci(PAIRS["events2"], PAIRS["n2"])
    drawn = [tuple(line.get_xdata()) for line in lines]
    expected = [(arm1.low[0], arm1.high[0]), (arm2.low[0], arm2.high[0]),
                (arm1.low[1], arm1.high[1]), (arm2.low[1], arm2.high[1])]
    np.testing.assert_allclose(drawn, expected)
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert 0.41 in widths and 0.09 in widths
    assert "41% (no counts)" in [t.get_text() for t in ax.texts]
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"] == \
        ["ARST1321", "News"]
    with pytest.raises(ValueError, match="neither counts"):
        grade3_comparison_chart(pd.DataFrame({"label": ["x"], "events1": [None], "n1": [None],
                                              "events2": [1], "n2": [3]}))


def test_two_arm_figure():
    rates_ax, effect_ax = two_arm_figure(14, 24, 4, 18, labels=("Pazopanib", "Control"))
    rates = proportion_ci([14, 4], [24, 18])
    drawn = np.array([line.get_ydata() for line in ci_lines(rates_ax)])
    np.testing.assert_allclose(drawn[:, 0], rates.low)
    np.testing.assert_allclose(drawn[:, 1], rates.high)
    effect = compare_proportions(14, 24, 4, 18, measure="rd")
    np.testing.assert_allclose(ci_lines(effect_ax)[0].get_ydata(), [effect.low, effect.high])
    p = fisher_exact([[14, 10], [4, 14]]).pvalue
    annotation = effect_ax.texts[0].get_text()
    assert f"p = {p:.2g}" in annotation and "36.1 points" in annotation
    assert [t.get_text() for t in rates_ax.get_xticklabels()] == ["Pazopanib\n14/24",
                                                                  "Control\n4/18"]
    _, ratio_ax = two_arm_figure(14, 24, 4, 18, measure="or")
    assert ratio_ax.get_yscale() == "log"


def test_verdict_chart():
    verdicts = pd.DataFrame({"source": ["b", "a", "a", "a", "b"],
                             "verdict": ["consistent", "inconsistent", "consistent",
                                         "not-checkable", "consistent"]})
    ax = verdict_chart(verdicts)
    assert tick_texts(ax) == ["a", "b"]
    # segments: inconsistent (a, b), query (a, b), consistent (a, b), not-checkable (a, b)
    assert [p.get_width() for p in ax.patches] == [1, 0, 0, 0, 1, 2, 1, 0]
    texts = [t.get_text() for t in ax.texts]
    assert " 3 claims: 1 inconsistent, 1 consistent, 1 not checkable" in texts
    shares = verdict_chart(verdicts, share=True)
    np.testing.assert_allclose([p.get_width() for p in shares.patches],
                               [1 / 3, 0, 0, 0, 1 / 3, 1, 1 / 3, 0])
    with pytest.raises(ValueError, match="verdict must be one of"):
        verdict_chart(verdicts.assign(verdict="maybe"))


def test_import_does_not_load_matplotlib():
    code = ("import sys, sarcoma_stats; sarcoma_stats.load_claims(); "
            "sarcoma_stats.proportion_ci(1, 2); assert 'matplotlib' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------------------------
# power_chart
# --------------------------------------------------------------------------------------------

def test_power_chart_draws_the_computed_curves():
    from sarcoma_stats import power_chart, power_curve

    sizes = np.arange(10, 51, 10)
    fisher = power_curve(sizes, sizes, 14 / 24, 4 / 18)
    boschloo = power_curve(sizes, sizes, 14 / 24, 4 / 18, test="boschloo")
    ax = power_chart({"Fisher": fisher, "Boschloo": boschloo}, marks={"planned": 50})
    lines = [line for line in ax.get_lines() if line.get_gid() == "power"]
    assert [line.get_label() for line in lines] == ["Fisher", "Boschloo"]
    np.testing.assert_array_equal(lines[0].get_xdata(), sizes)
    np.testing.assert_allclose(lines[0].get_ydata(), fisher.power)
    np.testing.assert_allclose(lines[1].get_ydata(), boschloo.power)
    (reference,) = [line for line in ax.get_lines() if line.get_gid() == "reference"]
    assert list(reference.get_ydata()) == [0.8, 0.8]
    assert ax.get_ylim() == (0.0, 1.0)


@pytest.mark.parametrize("kwargs,message", [
    ({"curves": {}}, "curves must be a non-empty mapping"),
    ({"curves": {"a": pd.DataFrame({"n1": [1]})}}, "missing the columns"),
    ({"curves": {"a": pd.DataFrame({"n1": [1], "power": [0.5]})}, "x": "n"}, "x must be one of"),
    ({"curves": {"a": pd.DataFrame({"n1": [1], "power": [0.5]})}, "target": 80},
     "target must be in"),
])
def test_power_chart_refuses_bad_input(kwargs, message):
    from sarcoma_stats import power_chart

    with pytest.raises(ValueError, match=message):
        power_chart(**kwargs)
