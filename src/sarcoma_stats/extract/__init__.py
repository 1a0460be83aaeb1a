"""Check a report from its text: read its printed numbers as claim records.

``extract_claims(text, source=...)`` returns the claims a text prints, in the format of
``data/claims`` (plain dicts, each with its verbatim quote and character span), the scopes of its
percentages and the tables it prints. One module per family of patterns:

- :mod:`.text` typography and structure (blocks, sections, sentences);
- :mod:`.numbers` numerals, inequalities and approximations; :mod:`.words` numbers in words;
- :mod:`.intervals` confidence intervals; :mod:`.ratios` hazard, odds and risk ratios, p-values;
- :mod:`.counts` counts and percentages, two-arm comparisons, differences, means of counts;
- :mod:`.survival` medians and landmark rates; :mod:`.lists` lists of percentages (adverse
  events); :mod:`.breakdowns` counts that should add up; :mod:`.tables` plain-text tables;
- :mod:`.scopes` the cohort Ns a percentage without its own N may be of;
- :mod:`.records` the order the families run in, ids, quotes and spans.
"""

from .records import Extraction, extract_claims

__all__ = ["Extraction", "extract_claims"]
