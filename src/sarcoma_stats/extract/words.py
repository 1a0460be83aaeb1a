"""Numbers in words: "seventeen", "thirty-seven", "one hundred and twelve" (up to 999), and
fractions in words: "one-third", "two-thirds", "half", "a quarter".
"""

from __future__ import annotations

import re
from fractions import Fraction

__all__ = ["WORD", "FRACTION", "word_value", "count_value", "fraction_value"]

_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_VALUES = {w: i + 1 for i, w in enumerate(_ONES)}
_VALUES.update({w: i + 10 for i, w in enumerate(_TEENS)})
_VALUES.update({w: 10 * (i + 2) for i, w in enumerate(_TENS)})
_VALUES["zero"] = 0

_O = "|".join(_ONES)
_T = "|".join(_TEENS)
_X = "|".join(_TENS)
_BELOW_100 = rf"(?:(?:{_X})(?:[- ](?:{_O}))?|{_T}|{_O})"
# a number in words, up to 999 ("a hundred", "one hundred and twelve", "thirty-seven")
WORD = (rf"(?i:\b(?:(?:{_O}|a)[ -]hundred(?:[ -](?:and[ -])?{_BELOW_100})?|{_BELOW_100}|zero)"
        rf"(?!\w|-(?:{_O})\b))")

_FRACTIONS = {"half": Fraction(1, 2), "third": Fraction(1, 3), "quarter": Fraction(1, 4),
              "fourth": Fraction(1, 4), "fifth": Fraction(1, 5), "sixth": Fraction(1, 6),
              "tenth": Fraction(1, 10)}
# "one-third", "two thirds", "a quarter", "half", "three-quarters"
FRACTION = (r"(?i:\b(?:(?:one|a|two|three|four)[ -])?(?:half|thirds?|quarters?|fourths?|fifths?|"
            r"sixths?|tenths?)\b)")

def word_value(text: str) -> int:
    """The value of a number written in words.

    Examples
    --------
    >>> word_value("Thirty-seven"), word_value("one hundred and twelve"), word_value("a hundred")
    (37, 112, 100)
    """
    words = re.split(r"[\s-]+", text.strip().lower())
    total = 0
    current = 0
    for w in words:
        if w == "and":
            continue
        if w == "hundred":
            current = (current or 1) * 100
        elif w == "a":
            current = 1
        else:
            current += _VALUES[w]
    return total + current


def count_value(text: str) -> int | None:
    """A count printed in digits or words, or None if it is not a whole number.

    Examples
    --------
    >>> count_value("1,024"), count_value("fifty"), count_value("3.5")
    (1024, 50, None)
    """
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", t):
        return int(t.replace(",", ""))
    if re.fullmatch(WORD, t):
        return word_value(t)
    return None


def fraction_value(text: str) -> Fraction:
    """The value of a fraction in words.

    Examples
    --------
    >>> fraction_value("two-thirds"), fraction_value("half"), fraction_value("a quarter")
    (Fraction(2, 3), Fraction(1, 2), Fraction(1, 4))
    """
    words = re.split(r"[\s-]+", text.strip().lower())
    unit = words[-1].rstrip("s") if words[-1] != "halves" else "half"
    numerator = 1 if len(words) == 1 or words[0] in ("a", "one") else _VALUES[words[0]]
    return numerator * _FRACTIONS[unit]
