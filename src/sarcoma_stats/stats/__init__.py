"""The statistics: counts in, result objects out.

Nothing here knows what a claim, a printed number or a file is. The modules use numpy and scipy
(lifelines only inside :func:`~sarcoma_stats.stats.survival.kaplan_meier`); the public names are
re-exported lazily by :mod:`sarcoma_stats`.
"""
