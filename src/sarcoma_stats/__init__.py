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
    "hazard_ratio_from_ci": "survival",
    "pvalue_from_ci": "survival",
    "median_ci_symmetry": "survival",
    "survival_ci_transforms": "survival",
    "kaplan_meier": "survival",
    # proportions.py
    "proportion_ci": "proportions",
    # comparisons.py
    "compare_proportions": "comparisons",
    "fisher_exact": "comparisons",
    "chi2_test": "comparisons",
    "two_by_two_summary": "comparisons",
    # design.py
    "fragility_index": "design",
    "reverse_fragility_index": "design",
    "fragility_quotient": "design",
    "fragility_details": "design",
    "bayes_two_proportions": "design",
    "exact_power": "design",
    "exact_size": "design",
    "power_curve": "design",
    "conditional_power": "design",
    "truncation_bias": "design",
    # unconditional.py
    "barnard_exact": "unconditional",
    "boschloo_exact": "unconditional",
    "unconditional_pvalues": "unconditional",
    # claims.py
    "verify_claims": "claims",
    "verify_claim": "claims",
    "verdicts_to_json": "claims",
    "render_verdicts": "claims",
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
    # plots.py
    "forest_plot": "plots",
    "toxicity_chart": "plots",
    "grade3_comparison_chart": "plots",
    "two_arm_figure": "plots",
    "power_chart": "plots",
    "verdict_chart": "plots",
    # report.py
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
