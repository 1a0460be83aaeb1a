"""sarcoma_stats: reproducible statistical reanalysis of published soft tissue sarcoma trials.

The public API is re-exported here. Submodules load lazily, on first use of one of their names,
so that ``import sarcoma_stats`` stays light (matplotlib and lifelines are imported only by the
functions that draw or fit).
"""

from importlib import import_module

__version__ = "0.1.0"

# public name -> submodule that defines it
_EXPORTS = {
    # claims/ and printed/
    "DataError": "claims.load",
    "Printed": "printed.number",
    "Claim": "claims.schema",
    "Source": "claims.schema",
    "load_sources": "claims.load",
    "load_claims": "claims.load",
    "load_tables": "claims.load",
    "claims_frame": "claims.load",
    "load_dataset": "claims.load",
    "Dataset": "claims.load",
    "parse_printed": "printed.number",
    # survival.py
    "hazard_ratio_from_ci": "stats.survival",
    "pvalue_from_ci": "stats.survival",
    "median_ci_symmetry": "stats.survival",
    "survival_ci_transforms": "stats.survival",
    "kaplan_meier": "stats.survival",
    # proportions.py
    "proportion_ci": "stats.proportions",
    # comparisons.py
    "compare_proportions": "stats.comparisons",
    "two_by_two_summary": "stats.comparisons",
    # hypotests.py
    "fisher_exact": "stats.hypotests",
    "chi2_test": "stats.hypotests",
    # fragility.py
    "fragility_index": "stats.fragility",
    "reverse_fragility_index": "stats.fragility",
    "fragility_quotient": "stats.fragility",
    "fragility_details": "stats.fragility",
    # bayes.py
    "bayes_two_proportions": "stats.bayes",
    # power.py
    "exact_power": "stats.power",
    "exact_size": "stats.power",
    "power_curve": "stats.power",
    "conditional_power": "stats.power",
    "truncation_bias": "stats.power",
    # unconditional.py
    "barnard_exact": "stats.unconditional",
    "boschloo_exact": "stats.unconditional",
    "unconditional_pvalues": "stats.unconditional",
    "verify_claims": "claims.verify",
    "verify_claim": "claims.verify",
    "verify_record": "claims.verify",
    # printed/
    "round_exact": "printed.rounding",
    "roundings_matching": "printed.rounding",
    "percent_roundings": "printed.rounding",
    "counts_for_percent": "printed.rounding",
    "attainable_percentages": "printed.rounding",
    "denominators_for_percentages": "printed.rounding",
    "percentages_total": "printed.rounding",
    "mean_totals": "printed.rounding",
    "ci_methods_table": "printed.reproduce",
    "counts_for_interval": "printed.reproduce",
    "pvalue_tests_table": "printed.reproduce",
    "difference_methods_table": "printed.reproduce",
    "geometric_midpoint_fits": "printed.reproduce",
    "interval_repairs": "printed.reproduce",
    "wald_agreement": "printed.reproduce",
    # graphics/
    "forest_plot": "graphics.forest",
    "toxicity_chart": "graphics.bars",
    "verdict_chart": "graphics.bars",
    "grade3_comparison_chart": "graphics.arms",
    "two_arm_figure": "graphics.arms",
    "power_chart": "graphics.power",
    "printed_vs_recomputed_chart": "graphics.recomputed",
    # report/
    "verdicts_to_json": "report.render",
    "render_verdicts": "report.render",
    # extract/: checking a report from its text
    "extract_claims": "extract",
    "check_corpus": "extract.check",
    "check_text": "extract.check",
    "write_report": "report",
    "ReportSummary": "report",
    "ReportError": "report",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'sarcoma_stats' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
