"""Printed numbers: what a printed number can be, and which computation reproduces it.

:mod:`.number` models a printed number (:class:`~.number.Printed`); :mod:`.rounding` relates
printed numbers to counts exactly (rounding rules, attainable percentages, denominators, GRIM);
:mod:`.reproduce` finds the interval method, test or construction that gives a printed value.
This layer knows no claim and no file; it calls the statistics layer.
"""
