"""Claims: what a document printed, typed (:mod:`.schema`), loaded and validated (:mod:`.load`),
checked by the rule of its kind (:mod:`.checks`), and given a verdict (:mod:`.verdict`,
:mod:`.verify`).

The claims layer calls the printed-number layer and the statistics; it knows no figure and no
report.
"""
