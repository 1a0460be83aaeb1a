"""What a printed number is: its text, its exact value, its precision and any inequality.

A document prints "35.7%", "<0.001", ".040", "36·1" or "NR". The checks need the exact decimal
value (never a float: 12.5 must stay a tie), the number of printed decimals (its precision), the
relation (a bound, "P < 0.001", is not a value) and the unit. This module is the one model of a
printed number; the rest of the package passes :class:`Printed` values, plain strings or
:class:`decimal.Decimal` values, and converts them here.
"""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "NOT_REACHED",
    "RELATIONS",
    "Printed",
    "as_decimal",
    "decimals_of",
    "find_printed",
    "half_unit",
    "parse_printed",
    "scaled",
    "to_float",
]

#: Texts that stand for a bound or a median that was not reached / cannot be estimated.
NOT_REACHED = ("nr", "ne", "not reached", "not estimable", "not evaluable")
#: The relations a printed number can carry: a value, or a one-sided bound.
RELATIONS = ("=", "<", "<=", ">", ">=")

_PRINTED_RE = re.compile(
    r"^(?P<rel><=|>=|<|>|≤|≥)?\s*(?P<sign>[-−])?(?P<num>[0-9]*\.?[0-9]+)\s*(?P<unit>%)?$")
_UNICODE_RELATIONS = {"≤": "<=", "≥": ">="}


@dataclass(frozen=True)
class Printed:
    """A number as a document printed it.

    Attributes
    ----------
    text : str
        The printed text, e.g. ``"35.7"``, ``"<0.001"``, ``".040"``, ``"83.7%"``, ``"NR"``.
    value : decimal.Decimal or None
        The number, exactly (``None`` for "not reached" / "not estimable").
    decimals : int
        Digits printed after the decimal point (``"50.0"`` has 1, ``"58"`` has 0).
    relation : str
        ``"="`` for a plain number, else ``"<"``, ``"<="``, ``">"`` or ``">="``.
    unit : str
        ``"%"`` when a percent sign was printed with the number, else ``""``.

    Examples
    --------
    >>> p = parse_printed("<0.001")
    >>> p.relation, p.value, p.decimals
    ('<', Decimal('0.001'), 3)
    >>> float(parse_printed(".040"))
    0.04
    """

    text: str
    value: Decimal | None
    decimals: int
    relation: str = "="
    unit: str = ""

    @property
    def is_number(self) -> bool:
        """True unless the text is "not reached" / "not estimable"."""
        return self.value is not None

    def __float__(self) -> float:
        if self.value is None:
            raise ValueError(f"{self.text!r} is not a number")
        return float(self.value)

    def __str__(self) -> str:
        return self.text


def parse_printed(text: str) -> Printed:
    """Parse a printed number, keeping its precision and any inequality.

    Parameters
    ----------
    text : str
        The number as printed, e.g. ``"58"``, ``"35.7"``, ``"<0.0001"``, ``"NR"``. A unicode
        minus or relation sign (``"−8.6"``, ``"≥10"``) is read as its ASCII twin.

    Returns
    -------
    Printed

    Raises
    ------
    ValueError
        If the text is not a printed number.

    Examples
    --------
    >>> parse_printed("50.0").decimals
    1
    >>> parse_printed("NR").is_number
    False
    >>> parse_printed("≥ 10%").relation
    '>='
    """
    if not isinstance(text, str):
        raise ValueError(f"a printed number must be a quoted string, got {text!r}"[:200])
    stripped = text.strip()
    if stripped.lower() in NOT_REACHED:
        return Printed(text=stripped, value=None, decimals=0)
    match = _PRINTED_RE.match(stripped)
    if not match:
        raise ValueError(f"{text[:60]!r} is not a printed number")
    num = match.group("num")
    value = Decimal(num)  # the pattern admits only decimal numerals
    if match.group("sign"):
        value = -value
    rel = match.group("rel") or "="
    return Printed(text=stripped, value=value, decimals=decimals_of(value),
                   relation=_UNICODE_RELATIONS.get(rel, rel), unit=match.group("unit") or "")


def as_decimal(printed, name: str = "printed", signed: bool = False) -> Decimal:
    """A printed number as a Decimal that keeps its printed precision.

    Parameters
    ----------
    printed : str, decimal.Decimal or Printed
        ``"35.7"`` (a trailing ``%`` is ignored), ``Decimal("35.7")`` or a parsed value. A float
        is refused: it has lost the printed precision.
    name : str
        The argument name for error messages.
    signed : bool
        Whether a negative number is allowed (a difference).

    Examples
    --------
    >>> as_decimal("50.0")
    Decimal('50.0')
    """
    if isinstance(printed, Printed):
        if printed.value is None:
            raise ValueError(f"{name} must be a number; got {printed.text!r}")
        value = printed.value
    elif isinstance(printed, Decimal):
        value = printed
    elif isinstance(printed, str):
        try:
            value = Decimal(printed.strip().rstrip("%"))
        except (ArithmeticError, InvalidOperation):
            raise ValueError(f"{name} must be a printed number such as '35.7'; "
                             f"got {printed[:60]!r}") from None
    else:
        raise TypeError(f"{name} must be a str or decimal.Decimal (to keep its printed "
                        f"precision); got {printed!r}"[:200])
    if not value.is_finite() or (value < 0 and not signed):
        raise ValueError(f"{name} must be a finite non-negative number; got {printed!r}"[:200])
    return value


def decimals_of(value: Decimal) -> int:
    """Digits after the decimal point of a Decimal as printed (``Decimal("50.0")``: 1)."""
    return max(0, -value.as_tuple().exponent)


def scaled(printed, name: str = "printed") -> tuple[int, int]:
    """``(P, d)``: the printed digits as an integer and the number of decimals (12.5 -> 125, 1).

    A negative printed number (a difference) keeps its sign: ``-8.6 -> (-86, 1)``.

    Examples
    --------
    >>> scaled("12.5"), scaled("-8.6")
    ((125, 1), (-86, 1))
    """
    value = as_decimal(printed, name, signed=True)
    d = decimals_of(value)
    return int(value.scaleb(d)), d


def half_unit(printed) -> Decimal:
    """Half a unit of the last printed digit: how far the true value may be from a rounded one.

    Examples
    --------
    >>> half_unit("0.31")
    Decimal('0.005')
    """
    value = as_decimal(printed, signed=True)
    return Decimal(5).scaleb(-decimals_of(value) - 1)


def to_float(value, name: str) -> float:
    """A float from a computed number, or from a printed str / Decimal / Printed."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a number; got {value!r}")
    if isinstance(value, numbers.Real):  # int, float, Fraction and numpy numbers
        return float(value)
    return float(as_decimal(value, name))


# typographic variants of the characters of a printed number, as documents print them
_VARIANTS = {".": "[.·]", "-": "[-−–]", "<": "(?:<|&lt;)", ">": "(?:>|&gt;)",
             "=": "=", "%": "%"}


def find_printed(text: str, printed: str, start: int = 0) -> tuple[int, int] | None:
    """Where a printed number stands in a text: ``(start, end)`` offsets, or None.

    The number must stand alone (not inside a longer number: "5" is not found in "35.7"), and
    may be printed with typographic variants: a middle dot for the decimal point ("36·1"), a
    unicode minus or dash, a space after a relation sign ("P < 0.001" for ``"<0.001"``),
    "≤"/"≥" for ``"<="``/``">="``, and without the percent sign.

    Examples
    --------
    >>> text = "P < 0.0001; ORR 35.7% (5/14)"
    >>> find_printed(text, "<0.0001"), find_printed(text, "5"), find_printed(text, "35.7")
    ((2, 10), (23, 24), (16, 20))
    """
    body = printed.strip().rstrip("%")
    relation = re.match(r"<=|>=|<|>|≤|≥", body)
    pattern = ""
    if relation:
        rel = _UNICODE_RELATIONS.get(relation.group(), relation.group())
        pattern = {"<=": "(?:<=|≤|=<)", ">=": "(?:>=|≥|=>)"}.get(rel, _VARIANTS[rel]) + r"\s*"
        body = body[relation.end():].strip()
    pattern += "".join(_VARIANTS.get(ch, re.escape(ch)) for ch in body)
    match = re.compile(r"(?<![\d.·])" + pattern + r"(?![\d]|[.·]\d)").search(text, start)
    return (match.start(), match.end()) if match else None
