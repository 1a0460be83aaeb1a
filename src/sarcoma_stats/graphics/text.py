"""How numbers and text read in a figure or a report: intervals, percentages, method names.

Shared by the charts and the report, so that a number reads the same in both.
"""

from __future__ import annotations

import math
import textwrap

from .._results import half_up

METHOD_NAMES = {
    "wilson": "Wilson score",
    "wilson-cc": "Wilson score with continuity correction",
    "clopper-pearson": "Clopper-Pearson exact",
    "exact": "Clopper-Pearson exact",
    "jeffreys": "Jeffreys",
    "agresti-coull": "Agresti-Coull",
    "wald": "Wald",
    "mid-p": "mid-p exact",
    "newcombe": "Newcombe hybrid score",
    "miettinen-nurminen": "Miettinen-Nurminen score",
    "agresti-caffo": "Agresti-Caffo",
    "katz": "Katz log",
    "koopman": "Koopman score",
    "woolf": "Woolf logit",
    "conditional-exact": "conditional exact",
}


def plain(text) -> str:
    """``text`` as literal characters: a ``$`` never starts matplotlib mathtext.

    matplotlib reads text between two unescaped dollar signs as mathtext (and fails on what is
    not valid TeX); every text that comes from data goes through here.
    """
    return str(text).replace("$", r"\$")


SHORT_METHOD_NAMES = {"wilson-cc": "Wilson-cc", "clopper-pearson": "Clopper-Pearson",
                      "exact": "Clopper-Pearson", "newcombe": "Newcombe",
                      "miettinen-nurminen": "Miettinen-Nurminen", "katz": "Katz",
                      "koopman": "Koopman", "woolf": "Woolf", "wilson": "Wilson",
                      "mid-p": "mid-p"}


def method_name(method, short=False):
    """A readable name of an interval method ("clopper-pearson" -> "Clopper-Pearson exact";
    ``short``: "Clopper-Pearson")."""
    if short and method in SHORT_METHOD_NAMES:
        return SHORT_METHOD_NAMES[method]
    return METHOD_NAMES.get(method, method)


def number(value, digits):
    """A number rounded half up (as the package prints every number: 12.5 -> 13), with a real
    minus sign; "∞" for infinity, "NA" for NaN."""
    if math.isnan(value):
        return "NA"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return half_up(value, digits).replace("-", "−")


def interval(estimate, low, high, digits, compact=False):
    """ "estimate (low to high)"; ``compact``: "estimate (low–high)" unless a bound is negative.

    NaN bounds (no interval) leave the estimate alone.
    """
    text = number(estimate, digits)
    if math.isnan(low) or math.isnan(high):
        return text
    between = "–" if compact and low >= 0 and high >= 0 else " to "
    return f"{text} ({number(low, digits)}{between}{number(high, digits)})"


def percent_decimals(n) -> int:
    """Decimals a percentage of ``n`` patients justifies: one patient moves it by 100/n points.

    Fewer than 100 patients: 0 decimals (one patient is more than 1 point); 100 to 999: 1;
    1000 to 9999: 2. Unknown ``n`` (None or NaN): 1.
    """
    if n is None or (isinstance(n, float) and math.isnan(n)) or n < 1:
        return 1
    return max(0, int(math.floor(math.log10(n))) - 1)


def count_text(value):
    """A count for display: 14 (not 14.0)."""
    value = float(value)
    return str(int(value)) if value.is_integer() else str(value)


def wrap_text(text, width):
    """``text`` wrapped at ``width`` characters (None: unwrapped)."""
    if not width or len(text) <= width:
        return text
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))
