"""Figures: each function draws results or a DataFrame on a matplotlib Axes.

Graphics import the statistics only (never the claims or the report); the public names are
re-exported lazily by :mod:`sarcoma_stats`.
"""
