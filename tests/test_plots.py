"""Tests of sarcoma_stats.graphics: the figures draw what the statistics compute, at journal sizes.

Each test reads the drawn artists back (interval lines carry ``gid="ci"``) and compares them with
the package's own ``proportion_ci`` / ``compare_proportions`` (themselves tested against R in
their own test files), with R values pinned here as well (R 4.2.2, the calls in the comments).
"""

import io
import re
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
    power_chart,
    power_curve,
    printed_vs_recomputed_chart,
    proportion_ci,
    toxicity_chart,
    two_arm_figure,
    verdict_chart,
)
from sarcoma_stats.graphics.style import journal_style, save_figure

RATES = pd.DataFrame({
    "group": ["Pazopanib", "Pazopanib", "Regorafenib", "Nirogacestat"],
    "label": ["Solitary fibrous tumour", "Desmoid tumour", "Angiosarcoma", "Desmoid, phase II"],
    "events": [18, 5, 4, 5],
    "n": [31, 17, 23, 170],
})
# ARST1321 (Weiss et al., Lancet Oncol 2020; NCI news report 2020): 14/24 vs 4/18 near-complete
# pathological response; Kayton et al. 2021: wound complications 17/34 vs 5/23.
PAIRS = pd.DataFrame({
    "label": ["Near-complete response", "Wound complications"],
    "events1": [14, 17], "n1": [24, 34], "events2": [4, 5], "n2": [18, 23],
})
ORDER = ("inconsistent", "query", "consistent", "not-checkable")
CHECKED = pd.DataFrame({
    # sorafenib ORR as the review prints it: 33% (95% CI 20-48) of 16/50, recomputed with
    # Wilson (no method reproduces it): R prop.test(16, 50, correct = FALSE) 0.2076 to 0.4581
    "label": ["Objective response (16/50)", "Overall response rate (41/55)"],
    "verdict": ["inconsistent", "consistent"],
    "printed": [33.0, 75.0], "printed_low": [20.0, 61.0], "printed_high": [48.0, 85.0],
    "recomputed": [32.0, 100 * 41 / 55], "recomputed_low": [20.75821626, 60.99715573],
    "recomputed_high": [45.81029731, 85.32995545],
    # larotrectinib 41/55, 75% (61-85): R binom.test(41, 55)$conf.int 0.6100 to 0.8533
    "method": ["wilson", "clopper-pearson"], "reproduced": [False, True], "decimals": [0, 0],
})


def ci_lines(ax):
    return [line for line in ax.lines if line.get_gid() == "ci"]


def tick_texts(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def texts(ax):
    return [t.get_text() for t in ax.texts]


# --------------------------------------------------------------------------------------------
# forest_plot
# --------------------------------------------------------------------------------------------

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
    assert "18/31" in texts(ax) and "n/N" in texts(ax)
    assert "Wilson" in ax.get_xlabel()
    ref = [line for line in ax.lines if line.get_gid() == "reference"]
    assert len(ref) == 1 and list(ref[0].get_xdata()) == [0.2, 0.2]


def test_percentages_carry_the_decimals_the_counts_justify():
    ax = forest_plot(RATES)
    # 18/31: R prop.test(18, 31, correct = FALSE)$conf.int 0.4077 to 0.7358, under 100 patients:
    # no decimals
    assert "58 (41 to 74)" in texts(ax)
    # 5/170: R prop.test(5, 170, correct = FALSE)$conf.int 0.01263 to 0.06699; 100 to 999
    # patients: one decimal
    assert "2.9 (1.3 to 6.7)" in texts(ax)


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
    # column heads say what they are
    assert {"Pazopanib, n/N", "Control, n/N", "14/24", "4/18"} <= set(texts(ax))
    assert "← favours control" in texts(ax) and "favours pazopanib →" in texts(ax)
    left = next(t for t in ax.texts if t.get_text() == "← favours control")
    right = next(t for t in ax.texts if t.get_text() == "favours pazopanib →")
    # left text ends at the line of no effect, right text starts there
    assert left.get_position()[0] == right.get_position()[0] == reference.get_xdata()[0]
    assert (left.get_horizontalalignment(), right.get_horizontalalignment()) == ("right", "left")


def test_ratio_text_and_log_axis():
    ax = forest_plot(PAIRS, measure="rr")
    rr = compare_proportions(14, 24, 4, 18, measure="rr")
    assert f"{rr.estimate:.2f} ({rr.low:.2f} to {rr.high:.2f})" in texts(ax)
    assert ax.get_xscale() == "log"


@pytest.mark.slow
def test_square_area_is_proportional_to_n():
    ax = forest_plot(RATES)
    sides = np.array([m.get_markersize() for m in ax.lines if m.get_gid() == "estimate"])
    np.testing.assert_allclose(sides ** 2 / sides.max() ** 2, RATES["n"] / RATES["n"].max())
    pairs = forest_plot(PAIRS, measure="rd")
    sides = np.array([m.get_markersize() for m in pairs.lines if m.get_gid() == "estimate"])
    patients = PAIRS["n1"] + PAIRS["n2"]
    np.testing.assert_allclose(sides ** 2 / sides.max() ** 2, patients / patients.max())


def test_results_mapping():
    results = {"pazopanib": proportion_ci(14, 24), "control": proportion_ci(4, 18)}
    ax = forest_plot(results)
    assert tick_texts(ax)[1:] == ["pazopanib", "control"]
    np.testing.assert_allclose(ci_lines(ax)[1].get_xdata(), [results["control"].low,
                                                             results["control"].high])
    ratio = {"wounds": compare_proportions(17, 34, 5, 23, measure="rr")}
    assert forest_plot(ratio).get_xscale() == "log"


@pytest.mark.slow
def test_not_estimable_and_clipped_rows():
    frame = pd.DataFrame({"label": ["zero events", "ordinary", "none at all", "only arm 1"],
                          "events1": [0, 14, 0, 3], "n1": [40, 24, 10, 10],
                          "events2": [3, 4, 0, 0], "n2": [41, 18, 12, 12]})
    ax = forest_plot(frame, measure="rr")
    low_x = ax.get_xlim()[0]
    first = ci_lines(ax)[0].get_xdata()
    assert first[0] == low_x  # the interval from 0 is clipped at the axis and ends in an arrow
    assert any(line.get_marker() == "<" for line in ax.lines)
    # 0/10 vs 0/12 (0/0) and 3/10 vs 0/12 (infinite ratio): no number, no marker
    assert texts(ax).count("not estimable") == 2
    # a ratio of 0 (0/40 vs 3/41) has no place on a log axis: only "ordinary" has a marker
    assert len([m for m in ax.lines if m.get_gid() == "estimate"]) == 1


def drawn_ticklabels(axis):
    """The tick labels matplotlib draws: those of ticks inside the view limits."""
    low, high = sorted(axis.get_view_interval())
    return [label for tick, label in zip(axis.get_majorticklocs(), axis.get_ticklabels())
            if low - 1e-9 <= tick <= high + 1e-9]


def text_boxes(fig):
    """Window extents of every visible text of the figure (tick labels and legends included)."""
    fig.draw_without_rendering()
    boxes = []
    for ax in fig.axes:
        artists = ax.texts + drawn_ticklabels(ax.yaxis) + drawn_ticklabels(ax.xaxis) + \
            [ax.xaxis.label, ax.yaxis.label, ax.title]
        if ax.get_legend() is not None:
            artists += ax.get_legend().get_texts()
        boxes += [a.get_window_extent() for a in artists if a.get_visible() and a.get_text()]
    return boxes


def all_texts(fig):
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]


@pytest.mark.slow
def test_long_labels_are_not_cut_and_do_not_overlap():
    long = pd.DataFrame({
        "label": ["A very long label " * 6, "Short", "Another label that goes on " * 4],
        "events": [3, 4, 5], "n": [10, 12, 14]})
    ax = forest_plot(long, wrap=None)
    fig = ax.figure
    width, height = fig.bbox.width, fig.bbox.height
    for box in text_boxes(fig):
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height
    wrapped = forest_plot(long, wrap=60)
    labels = [t for t in wrapped.get_yticklabels() if t.get_text()]
    wrapped.figure.draw_without_rendering()
    spans = sorted((t.get_window_extent().y0, t.get_window_extent().y1) for t in labels)
    for (_, top_of_lower), (bottom_of_upper, _) in zip(spans, spans[1:]):
        assert top_of_lower <= bottom_of_upper
    assert max(len(line) for t in labels for line in t.get_text().split("\n")) <= 63


@pytest.mark.slow
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


@pytest.mark.slow
def test_rcparams_untouched():
    before = dict(matplotlib.rcParams)
    forest_plot(RATES, width=3.5)
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
    ({"data": RATES, "width": -1}, ValueError, "width must be a positive number"),
    ({"data": RATES, "width": 1.0}, ValueError, "does not fit in 1 in"),
])
def test_forest_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        forest_plot(**kwargs)


@pytest.mark.slow
def test_single_column_puts_the_counts_under_the_labels():
    ax = forest_plot(PAIRS, measure="rd", arms=("Pazopanib", "Control"), width=3.5, fontsize=7)
    assert tick_texts(ax)[0] == "Study\nn/N: Pazopanib v Control"
    label, counts = tick_texts(ax)[1].rsplit("\n", 1)
    assert " ".join(label.split()) == "Near-complete response" and counts == "14/24 v 4/18"
    assert "Pazopanib, n/N" not in texts(ax)
    rd = compare_proportions(14, 24, 4, 18, measure="rd")
    assert f"{100 * rd.estimate:.0f} ({100 * rd.low:.0f}–{100 * rd.high:.0f})" in texts(ax)


# --------------------------------------------------------------------------------------------
# Journal sizes, for every chart
# --------------------------------------------------------------------------------------------

TABLE2 = load_tables()["ni2024-table2"].to_frame()
VERDICTS = pd.DataFrame({"source": ["Fuchs et al. 2023"] * 3 + ["Ni et al. 2024"] * 2,
                         "verdict": ["inconsistent", "consistent", "not-checkable",
                                     "consistent", "query"]})
SIZES = np.arange(10, 51, 10)
CHARTS = {
    "forest": lambda **kw: forest_plot(RATES, **kw).figure,
    "forest-rd": lambda **kw: forest_plot(PAIRS, measure="rd", arms=("Pazopanib", "Control"),
                                          **kw).figure,
    "toxicity": lambda **kw: toxicity_chart(TABLE2, n=14, **kw).figure,
    "verdicts": lambda **kw: verdict_chart(VERDICTS, order=ORDER, share=True, **kw).figure,
    "grade3": lambda **kw: grade3_comparison_chart(PAIRS, arms=("Pazopanib", "Control"),
                                                   **kw).figure,
    "two-arm": lambda **kw: two_arm_figure(14, 24, 4, 18, labels=("Pazopanib", "Control"),
                                           **kw)[0].figure,
    "power": lambda **kw: power_chart({"Fisher": power_curve(SIZES, SIZES, 0.58, 0.22)},
                                      marks={"planned": 50}, **kw).figure,
    "printed-vs-recomputed": lambda **kw: printed_vs_recomputed_chart(CHECKED, order=ORDER,
                                                                      **kw).figure,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CHARTS))
@pytest.mark.parametrize("width, fontsize", [(3.5, 7), (7.0, 8)])
def test_journal_width_text_size_and_nothing_cut(name, width, fontsize):
    fig = CHARTS[name](width=width, fontsize=fontsize, title="A title long enough to wrap "
                       "at one column width for sure") if name != "two-arm" else \
        CHARTS[name](width=width, fontsize=fontsize)
    assert fig.get_figwidth() == pytest.approx(width, abs=1e-9)
    sizes = [t.get_fontsize() for t in all_texts(fig)]
    assert min(sizes) >= 7, (name, min(sizes))
    full = fig.bbox
    for box in text_boxes(fig):
        assert box.x0 >= -0.5 and box.x1 <= full.width + 0.5, (name, box)
        assert box.y0 >= -0.5 and box.y1 <= full.height + 0.5, (name, box)


@pytest.mark.slow
def test_dollar_signs_in_labels_are_drawn_literally():
    frame = RATES.assign(label=["cost $x^$ per patient", "a $ b", "$5", "ok"])
    with journal_style():
        ax = forest_plot(frame, title="Price in $ and $$", width=7)
        buffer = io.BytesIO()
        ax.figure.savefig(buffer, format="svg")
    svg = buffer.getvalue().decode()
    assert "cost $x^$ per patient" in svg and "Price in $ and $$" in svg


# --------------------------------------------------------------------------------------------
# Bars
# --------------------------------------------------------------------------------------------

def test_toxicity_chart_draws_table2():
    """Ni et al. 2024 Table 2 (N = 14): bar segments are the printed counts per grade."""
    ax = toxicity_chart(TABLE2, n=14)
    assert tick_texts(ax) == list(TABLE2["toxicity"])
    widths = np.array([p.get_width() for p in ax.patches]).reshape(4, len(TABLE2))
    printed = TABLE2[[f"grade{g}_n" for g in (1, 2, 3, 4)]].astype(int).to_numpy().T
    np.testing.assert_array_equal(widths, printed)
    assert "7 (50.0%)" in texts(ax)  # neutropenia grade 1, printed "7 (50.0)"
    # every bar's total out of N = 14, percentage without decimals (under 100 patients)
    assert " 14/14 (100%)" in texts(ax) and " 9/14 (64%)" in texts(ax)
    assert ax.get_xlim() == (0.0, 14.0)


def test_toxicity_chart_errors():
    with pytest.raises(ValueError, match="n is 13"):
        toxicity_chart(TABLE2, n=13)
    with pytest.raises(ValueError, match="missing the columns"):
        toxicity_chart(TABLE2.drop(columns="grade4_n"))
    with pytest.raises(ValueError, match="whole counts"):
        toxicity_chart(TABLE2.assign(grade1_n="1.5"))


@pytest.mark.slow
def test_verdict_chart_takes_the_order_and_colours_it_is_given():
    verdicts = pd.DataFrame({"source": ["b", "a", "a", "a", "b"],
                             "verdict": ["consistent", "inconsistent", "consistent",
                                         "not-checkable", "consistent"]})
    order = ["inconsistent", "consistent", "not-checkable"]
    colors = {"inconsistent": "#D55E00", "consistent": "#009E73", "not-checkable": "#999999"}
    ax = verdict_chart(verdicts, order=order, colors=colors)
    assert tick_texts(ax) == ["a", "b"]
    # segments: inconsistent (a, b), consistent (a, b), not-checkable (a, b)
    assert [p.get_width() for p in ax.patches] == [1, 0, 1, 2, 1, 0]
    assert matplotlib.colors.to_hex(ax.patches[0].get_facecolor()) == "#d55e00"
    assert " 3 claims: 1 inconsistent, 1 consistent, 1 not checkable" in texts(ax)
    shares = verdict_chart(verdicts, order=order, share=True, totals_only=True)
    np.testing.assert_allclose([p.get_width() for p in shares.patches],
                               [1 / 3, 0, 1 / 3, 1, 1 / 3, 0])
    assert " 3 claims" in texts(shares)
    with pytest.raises(ValueError, match="verdict must be one of"):
        verdict_chart(verdicts.assign(verdict="maybe"), order=order)
    # without an order: the verdicts present, in order of appearance
    assert [t.get_text() for t in verdict_chart(verdicts).get_legend().get_texts()] == \
        ["consistent", "inconsistent", "not checkable"]


def test_verdict_segments_show_only_counts_that_fit():
    ax = verdict_chart(VERDICTS.assign(source="x"), order=ORDER, share=True, width=3.5,
                       fontsize=7)
    ax.figure.draw_without_rendering()
    bars = {round(p.get_x() + p.get_width() / 2, 6): p for p in ax.patches if p.get_width() > 0}
    for text in [t for t in ax.texts if t.get_gid() == "segment"]:
        bar = bars[round(text.get_position()[0], 6)]
        assert text.get_window_extent().width <= bar.get_window_extent().width


# --------------------------------------------------------------------------------------------
# Two arms
# --------------------------------------------------------------------------------------------

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
    assert {"41% (no counts)", "14/24 (58%)", "4/18 (22%)"} <= set(texts(ax))
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"] == \
        ["ARST1321", "News"]
    with pytest.raises(ValueError, match="neither counts"):
        grade3_comparison_chart(pd.DataFrame({"label": ["x"], "events1": [None], "n1": [None],
                                              "events2": [1], "n2": [3]}))


@pytest.mark.slow
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
    assert f"p = {p:.2g}" in annotation and "36 points" in annotation
    assert [t.get_text() for t in rates_ax.get_xticklabels()] == ["Pazopanib\n14/24",
                                                                  "Control\n4/18"]
    assert "58%\n(39 to 76)" in texts(rates_ax)  # R prop.test(14, 24, correct = FALSE)
    _, ratio_ax = two_arm_figure(14, 24, 4, 18, measure="or")
    assert ratio_ax.get_yscale() == "log"


def test_two_arm_figure_one_column_is_stacked_and_horizontal():
    rates_ax, effect_ax = two_arm_figure(14, 24, 4, 18, measure="rr", width=3.5, fontsize=7)
    assert rates_ax.get_position().y0 > effect_ax.get_position().y1  # rates above
    assert effect_ax.get_xscale() == "log"
    rr = compare_proportions(14, 24, 4, 18, measure="rr")
    np.testing.assert_allclose(ci_lines(effect_ax)[0].get_xdata(), [rr.low, rr.high])
    assert f"{rr.estimate:.2f} ({rr.low:.2f} to {rr.high:.2f})" in effect_ax.get_title(loc="left")


@pytest.mark.slow
def test_import_does_not_load_matplotlib():
    code = ("import sys, sarcoma_stats; sarcoma_stats.load_claims(); "
            "sarcoma_stats.proportion_ci(1, 2); assert 'matplotlib' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------------------------
# power_chart
# --------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_power_chart_draws_the_computed_curves():
    fisher = power_curve(SIZES, SIZES, 14 / 24, 4 / 18)
    boschloo = power_curve(SIZES, SIZES, 14 / 24, 4 / 18, test="boschloo")
    ax = power_chart({"Fisher": fisher, "Boschloo": boschloo}, marks={"planned": 50})
    lines = [line for line in ax.get_lines() if line.get_gid() == "power"]
    assert [line.get_label() for line in lines] == ["Fisher", "Boschloo"]
    np.testing.assert_array_equal(lines[0].get_xdata(), SIZES)
    np.testing.assert_allclose(lines[0].get_ydata(), fisher.power)
    np.testing.assert_allclose(lines[1].get_ydata(), boschloo.power)
    (reference,) = [line for line in ax.get_lines() if line.get_gid() == "reference"]
    assert list(reference.get_ydata()) == [0.8, 0.8]
    assert ax.get_ylim() == (0.0, 1.0)


def test_power_chart_marks_a_test_whose_size_exceeds_alpha():
    # exact sizes of the 50 v 50 design (tests/reference/exact_power.csv, base R enumeration):
    # chi-square 0.05689 > 0.05, Fisher 0.03520
    rates = np.array([0.3, 0.4, 0.5])
    curves = {"Fisher": power_curve(50, 50, rates, 4 / 18),
              "Chi-square": power_curve(50, 50, rates, 4 / 18, test="chi2")}
    ax = power_chart(curves, x="p1", sizes={"Fisher": 0.03520, "Chi-square": [0.053, 0.05689]})
    fisher, chi2 = [line for line in ax.get_lines() if line.get_gid() == "power"]
    assert fisher.get_label() == "Fisher" and fisher.get_markerfacecolor() != "white"
    assert chi2.get_label() == "Chi-square (size 5.3-5.7% > α)"
    assert chi2.get_markerfacecolor() == "white"
    with pytest.raises(ValueError, match="sizes names curves that are not drawn"):
        power_chart(curves, sizes={"Barnard": 0.04})


@pytest.mark.parametrize("kwargs,message", [
    ({"curves": {}}, "curves must be a non-empty mapping"),
    ({"curves": {"a": pd.DataFrame({"n1": [1]})}}, "missing the columns"),
    ({"curves": {"a": pd.DataFrame({"n1": [1], "power": [0.5]})}, "x": "n"}, "x must be one of"),
    ({"curves": {"a": pd.DataFrame({"n1": [1], "power": [0.5]})}, "target": 80},
     "target must be in"),
])
def test_power_chart_refuses_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        power_chart(**kwargs)


# --------------------------------------------------------------------------------------------
# printed_vs_recomputed_chart
# --------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_printed_vs_recomputed_draws_both_intervals_by_verdict():
    colors = {"inconsistent": "#D55E00", "consistent": "#009E73"}
    ax = printed_vs_recomputed_chart(CHECKED, order=ORDER, colors=colors, width=7)
    printed = [list(line.get_xdata()) for line in ax.lines if line.get_gid() == "printed"]
    recomputed = [list(line.get_xdata()) for line in ax.lines if line.get_gid() == "recomputed"]
    assert printed == [[20.0, 48.0], [61.0, 85.0]]
    np.testing.assert_allclose(recomputed, [[20.75821626, 45.81029731],
                                            [60.99715573, 85.32995545]])
    lines = [line for line in ax.lines if line.get_gid() == "printed"]
    assert [matplotlib.colors.to_hex(line.get_color()) for line in lines] == ["#d55e00", "#009e73"]
    # the recomputed text names the method; a method that does not reproduce the print: *
    assert "32 (21 to 46), Wilson*" in texts(ax)
    assert "75 (61 to 85), Clopper-Pearson" in texts(ax)
    assert "33 (20 to 48)" in texts(ax)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["printed", "recomputed", "inconsistent", "consistent"]


def test_printed_vs_recomputed_errors():
    with pytest.raises(ValueError, match="verdict must be one of"):
        printed_vs_recomputed_chart(CHECKED, order=["consistent"])
    with pytest.raises(ValueError, match="missing the columns"):
        printed_vs_recomputed_chart(CHECKED.drop(columns="recomputed"))
    with pytest.raises(ValueError, match="positive on a log axis"):
        printed_vs_recomputed_chart(CHECKED.assign(printed_low=0.0), log=True)


# --------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------

def _save_all(tmp_path, name):
    with journal_style():
        fig = forest_plot(RATES, width=3.5, fontsize=7, title="Rates").figure
        return [p.read_bytes() for p in save_figure(fig, tmp_path / name)]


@pytest.mark.slow
def test_saved_files_are_reproducible_and_carry_no_date_or_version(tmp_path):
    first, second = _save_all(tmp_path, "a"), _save_all(tmp_path, "b")
    assert first == second
    svg, pdf, png = first
    assert b"<text" in svg and b"Angiosarcoma" in svg  # editable text, not paths
    assert not re.search(rb"Matplotlib v\d|<dc:date>", svg)
    assert b"/FontFile2" in pdf  # TrueType (type 42) fonts: editable text
    assert b"CreationDate" not in pdf and b"Matplotlib" not in pdf
    assert b"Software" not in png
    at = png.index(b"pHYs") + 4
    x_ppm = int.from_bytes(png[at:at + 4], "big")
    assert x_ppm == round(300 / 0.0254)


def test_save_figure_refuses_low_resolution_and_unknown_formats(tmp_path):
    fig = Figure()
    with pytest.raises(ValueError, match="dpi must be an integer of at least 300"):
        save_figure(fig, tmp_path / "x", dpi=200)
    with pytest.raises(ValueError, match="formats must be drawn from"):
        save_figure(fig, tmp_path / "x", formats=("jpg",))
