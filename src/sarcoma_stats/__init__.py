"""sarcoma_stats: reproducible statistical reanalysis of published soft tissue sarcoma trials.

The public API is re-exported here. Submodules load lazily, on first use of one of their names,
so that ``import sarcoma_stats`` stays light (matplotlib and lifelines are imported only by the
functions that draw or fit).
"""

from importlib import import_module

__version__ = "0.1.0"

# public name -> submodule that defines it
_EXPORTS = {
    # data.py
    "DataError": "data",
    "Printed": "data",
    "Claim": "data",
    "Source": "data",
    "load_sources": "data",
    "load_claims": "data",
    "load_tables": "data",
    "claims_frame": "data",
    "parse_printed": "data",
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
    "fisher_exact": "stats.comparisons",
    "chi2_test": "stats.comparisons",
    "two_by_two_summary": "stats.comparisons",
    # design.py
    "fragility_index": "stats.design",
    "reverse_fragility_index": "stats.design",
    "fragility_quotient": "stats.design",
    "fragility_details": "stats.design",
    "bayes_two_proportions": "stats.design",
    "exact_power": "stats.design",
    "exact_size": "stats.design",
    "power_curve": "stats.design",
    "conditional_power": "stats.design",
    "truncation_bias": "stats.design",
    # unconditional.py
    "barnard_exact": "stats.unconditional",
    "boschloo_exact": "stats.unconditional",
    "unconditional_pvalues": "stats.unconditional",
    # claims.py
    "verify_claims": "claims",
    "verify_claim": "claims",
    # consistency.py
    "round_exact": "consistency",
    "roundings_matching": "consistency",
    "percent_roundings": "consistency",
    "counts_for_percent": "consistency",
    "attainable_percentages": "consistency",
    "denominators_for_percentages": "consistency",
    "percentages_total": "consistency",
    "mean_totals": "consistency",
    "ci_methods_table": "consistency",
    "counts_for_interval": "consistency",
    "pvalue_tests_table": "consistency",
    "difference_methods_table": "consistency",
    "geometric_midpoint_fits": "consistency",
    "interval_repairs": "consistency",
    "wald_agreement": "consistency",
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
