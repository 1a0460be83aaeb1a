"""A generator of synthetic trial reports with known counts and planted errors.

Every document describes a made-up two-arm trial in a sarcoma, written here in the project's own
words, in phrasings drawn at random: counts and percentages in several orders ("k of n (x%)",
"x% (k/n)", "k (x%) of n", numbers in words), intervals ("95% CI a-b", "95% confidence interval,
a to b"), typography (en dashes, middle-dot decimals, thin spaces). Every printed number is
computed from the counts (percentages rounded half up with :class:`decimal.Decimal`, intervals by
``proportion_ci``, p-values by ``fisher_exact``, hazard ratios from a log-normal interval).

A document carries at most one planted error, of one of :data:`ERROR_KINDS`; the statement that
carries it is marked, so that a benchmark can ask whether the checks flag it (sensitivity) and
whether they flag anything in an error-free document (false alarms).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from scipy.stats import norm

from sarcoma_stats import fisher_exact, proportion_ci

#: The kinds of error the engine checks, one planted per erroneous document.
ERROR_KINDS = ("rounding", "ci-method", "ci-estimate", "p-counts", "hr-ci-p", "ae-list",
               "breakdown", "table-text", "label")
#: The statement that carries each kind of error (its clean versions measure false alarms).
STATEMENT_OF = {"rounding": "two-arm", "p-counts": "two-arm", "ci-method": "ci",
                "ci-estimate": "ci", "hr-ci-p": "hr-ci-p", "ae-list": "ae-list",
                "breakdown": "breakdown", "table-text": "table-text", "label": "label"}

DRUGS = ["drug A", "vorinex", "the study drug", "talimab", "regimen R", "sarcotinib"]
CONTROLS = ["placebo", "doxorubicin alone", "best supportive care", "the control regimen"]
DISEASES = ["advanced soft tissue sarcoma", "metastatic leiomyosarcoma", "desmoid tumours",
            "unresectable liposarcoma", "recurrent synovial sarcoma"]
EVENTS = ["fatigue", "nausea", "neutropenia", "hypertension", "diarrhoea", "anaemia", "rash",
          "decreased appetite", "mucositis", "thrombocytopenia"]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]


@dataclass
class Statement:
    """One statement of a document: its kind, its text, whether it carries the planted error."""

    kind: str
    text: str
    planted: bool = False
    start: int = 0
    end: int = 0


@dataclass
class Document:
    text: str
    error: str | None
    statements: list[Statement] = field(default_factory=list)


def pct(k: int, n: int, decimals: int = 0) -> str:
    """k/n in percent, rounded half up."""
    q = Decimal(1).scaleb(-decimals)
    return str((Decimal(100 * k) / Decimal(n)).quantize(q, rounding=ROUND_HALF_UP))


def _round(x: float, decimals: int) -> str:
    q = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))


def attainable(n: int, decimals: int) -> set[str]:
    """Every percentage k/n can print as, under half-up, half-even or truncation."""
    out = set()
    q = Decimal(1).scaleb(-decimals)
    for k in range(n + 1):
        v = Decimal(100 * k) / Decimal(n)
        for mode in ("ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN"):
            out.add(str(v.quantize(q, rounding=mode)))
    return out


class _Writer:
    """Typography and phrasing choices of one document."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.dash = rng.choice(["-", "\u2013", " to ", "\u2013"])
        self.middot = rng.random() < 0.15
        self.thin = rng.random() < 0.15
        self.words = rng.random() < 0.3

    def num(self, text: str) -> str:
        return text.replace(".", "\u00b7") if self.middot else text

    def percent(self, text: str) -> str:
        return self.num(text) + ("\u2009%" if self.thin else "%")

    def count(self, k: int, start: bool = False) -> str:
        if self.words and k < len(WORDS):
            word = WORDS[k]
            return word.capitalize() if start else word
        return str(k)

    def ci(self, low: str, high: str, level: str = "95") -> str:
        form = self.rng.choice(["({l}% CI {a}{d}{b})", "(95% confidence interval, {a} to {b})",
                                "[{l}% CI: {a}{d}{b}]", "({l}% CI, {a}{d}{b})"])
        return form.format(l=level, a=self.num(low), b=self.num(high), d=self.dash)

    def proportion(self, k: int, n: int, p: str, start: bool = False) -> str:
        forms = ["{k} of {n} ({p})", "{p} ({k}/{n})", "{k}/{n} ({p})", "{p} ({k} of {n} patients)",
                 "{k} ({p}) of {n}"]
        form = self.rng.choice(forms)
        kk = self.count(k, start and form.startswith("{k}")) if " of " in form else str(k)
        return form.format(k=kk, n=n, p=self.percent(p))


def make_document(rng: random.Random, error: str | None = None) -> Document:
    """One synthetic report; ``error`` names the kind of the planted error (None: none)."""
    w = _Writer(rng)
    drug, control, disease = rng.choice(DRUGS), rng.choice(CONTROLS), rng.choice(DISEASES)
    n1, n2 = rng.randint(18, 90), rng.randint(18, 90)
    total = n1 + n2
    statements: list[Statement] = []

    # -- randomisation: a breakdown --------------------------------------------------------
    printed_total = total + (rng.choice([-3, -2, -1, 1, 2, 3]) if error == "breakdown" else 0)
    statements.append(Statement("breakdown", rng.choice([
        f"{printed_total} patients with {disease} were randomly assigned to {drug} (n = {n1}) "
        f"or {control} (n = {n2}).",
        f"A total of {printed_total} patients with {disease} were randomised: {n1} to {drug} and "
        f"{n2} to {control}.",
    ]), planted=error == "breakdown"))

    # -- responses in the first arm: a breakdown that must add up -------------------------
    parts = _split(rng, n1, 4)
    statements.append(Statement("breakdown", rng.choice([
        f"Of the {n1} patients given {drug}, {parts[0]} had a complete response, {parts[1]} had "
        f"a partial response, {parts[2]} had stable disease and {parts[3]} had progressive "
        f"disease.",
        f"Among the {n1} patients treated with {drug}, {parts[0]} had complete response, "
        f"{parts[1]} had partial response, {parts[2]} had stable disease, and {parts[3]} had "
        f"progressive disease.",
    ])))

    # -- two arms compared: rounding and p against the counts ------------------------------
    k1, k2 = parts[0] + parts[1], rng.randint(0, max(1, n2 // 3))
    p1, p2 = pct(k1, n1), pct(k2, n2)
    if error == "rounding":
        p1 = _unattainable(rng, n1, p1, 0)
    pvalue = float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue)
    printed_p = _p_text(pvalue)
    if error == "p-counts":
        # far from what any two-arm test (one- or two-sided) gives for these counts
        printed_p = "P < 0.001" if pvalue > 0.05 else "P = 0.48"
    versus = rng.choice(["versus", "vs.", "compared with"])
    statements.append(Statement("two-arm", (
        f"An objective response was seen in {w.proportion(k1, n1, p1)} patients with {drug} "
        f"{versus} {w.proportion(k2, n2, p2)} with {control} ({printed_p})."),
        planted=error in ("rounding", "p-counts")))

    # -- a rate with its interval ----------------------------------------------------------
    method = rng.choice(["clopper-pearson", "wilson"])
    ci = proportion_ci(k1, n1, method=method)
    low, high = _round(100 * ci.low, 0), _round(100 * ci.high, 0)
    if error == "ci-method":
        # an interval around the estimate that no method gives: narrower, or wider
        a, b = int(low), int(high)
        if b - a > 16:
            low, high = str(a + rng.randint(4, 6)), str(b - rng.randint(4, 6))
        else:
            low, high = str(max(1, a - rng.randint(4, 6))), str(min(99, b + rng.randint(4, 6)))
    if error == "ci-estimate":
        # an interval entirely above the estimate
        estimate = int(pct(k1, n1))
        low, high = str(min(97, estimate + rng.randint(2, 5))), str(min(99, estimate + rng.randint(14, 25)))
    statements.append(Statement("ci", (
        f"The objective response rate with {drug} was {w.percent(pct(k1, n1))} "
        f"{w.ci(low, high)}."), planted=error in ("ci-method", "ci-estimate")))

    # -- a hazard ratio with interval and p -------------------------------------------------
    hr = math.exp(rng.uniform(-1.2, 0.3))
    se = rng.uniform(0.15, 0.4)
    hr_low, hr_high = hr * math.exp(-1.96 * se), hr * math.exp(1.96 * se)
    hp = 2 * norm.sf(abs(math.log(hr)) / se)
    printed_hr, printed_hp = _round(hr, 2), _p_text(hp)
    if error == "hr-ci-p":
        if rng.random() < 0.5:
            printed_hr = _round(hr * rng.choice([1.35, 0.7]), 2)
        else:
            printed_hp = "P = 0.48" if hp < 0.1 else "P < 0.001"
    statements.append(Statement("hr-ci-p", rng.choice([
        f"Progression-free survival was longer with {drug} (HR {w.num(printed_hr)}, 95% CI "
        f"{w.num(_round(hr_low, 2))}{w.dash}{w.num(_round(hr_high, 2))}; {printed_hp}).",
        f"The hazard ratio for progression or death was {w.num(printed_hr)} (95% CI "
        f"{w.num(_round(hr_low, 2))} to {w.num(_round(hr_high, 2))}, {printed_hp}).",
    ]), planted=error == "hr-ci-p"))

    # -- a landmark rate and its printed word ----------------------------------------------
    rate = rng.randint(35, 85)
    label_text = (f"The median 12-month overall survival was {w.percent(str(rate))}."
                  if error == "label" else
                  f"The 12-month overall survival rate was {w.percent(str(rate))}.")
    statements.append(Statement("label", label_text, planted=error == "label"))

    # -- adverse events against the arm's N --------------------------------------------------
    events = rng.sample(EVENTS, 4)
    counts = sorted(rng.sample(range(2, n1), 4), reverse=True)
    items = [(e, pct(k, n1)) for e, k in zip(events, counts)]
    if error == "ae-list":
        i = rng.randrange(len(items))
        items[i] = (items[i][0], _unattainable(rng, n1, items[i][1], 0))
    listed = ", ".join(f"{e} ({w.percent(p)})" for e, p in items[:-1]) + \
        f" and {items[-1][0]} ({w.percent(items[-1][1])})"
    statements.append(Statement("ae-list", rng.choice([
        f"Among the {n1} patients given {drug}, the most common adverse events were {listed}.",
        f"Of the {n1} patients treated with {drug}, the most frequent toxicities were {listed}.",
        # the N in the sentence before: the list's scope
        f"Safety was assessed in all {n1} patients who received {drug}. The most common "
        f"adverse events of any grade were {listed}.",
    ]), planted=error == "ae-list"))

    # -- a table of grades and the text against it -------------------------------------------
    g3, g4 = rng.randint(1, max(1, n1 // 6)), rng.randint(0, max(1, n1 // 10))
    g12 = rng.randint(1, max(1, n1 - g3 - g4 - 1))
    event = events[0]
    said = g3 + g4
    if error == "table-text":
        said = said + rng.choice([1, 2]) if said < 3 else said + rng.choice([-2, -1, 1, 2])
    statements.append(Statement("table-text", (
        f"Grade 3-4 {event} occurred in {said} patients (n = {said}, "
        f"{w.percent(pct(said, n1))})."), planted=error == "table-text"))
    cells = [event.capitalize(), f"{g12} ({pct(g12, n1, 1)})", f"{g3} ({pct(g3, n1, 1)})",
             f"{g4} ({pct(g4, n1, 1)})" if g4 else "0"]
    header = ["Event", "Grade 1-2", "Grade 3", "Grade 4"]
    style = rng.choice(["pipe", "tab", "aligned"])
    if style == "pipe":
        body = (f"| {' | '.join(header)} |\n|---|---|---|---|\n| {' | '.join(cells)} |")
    elif style == "tab":
        body = "\t".join(header) + "\n" + "\t".join(cells)
    else:
        body = "  ".join(h.ljust(14) for h in header) + "\n" + "  ".join(c.ljust(14) for c in cells)
    table = f"Table 2. Adverse events with {drug} (N = {n1}), n (%)\n\n{body}\n"

    methods = f"Methods\n\n{statements[0].text}"
    results = "Results\n\n" + " ".join(s.text for s in statements[1:6])
    safety = f"Safety\n\n{statements[6].text} {statements[7].text}"
    text = f"A randomised trial of {drug}\n\n{methods}\n\n{results}\n\n{safety}\n\n{table}"
    pos = 0
    for s in statements:
        s.start = text.index(s.text, pos if s is not statements[0] else 0)
        s.end = s.start + len(s.text)
    return Document(text, error, statements)


def _split(rng: random.Random, n: int, parts: int) -> list[int]:
    cuts = sorted(rng.sample(range(1, n), parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [n])]


def _unattainable(rng: random.Random, n: int, near: str, decimals: int) -> str:
    """A percentage close to ``near`` that no count of ``n`` rounds to."""
    ok = attainable(n, decimals)
    base = Decimal(near)
    for step in (1, 2, 3, 4, 5, 6):
        for sign in rng.sample([1, -1], 2):
            value = base + sign * step
            if Decimal(0) < value < Decimal(100) and str(value) not in ok:
                return str(value)
    # every integer percentage is attainable (n >= 100): print a decimal that is not
    return _unattainable(rng, n, str(base) + ".5", 1) if decimals == 0 else str(base)


def _p_text(p: float) -> str:
    if p < 0.001:
        return "P < 0.001"
    return f"P = {_round(p, 3 if p < 0.1 else 2)}"


def corpus(count: int, seed: int = 20261201):
    """``count`` documents per error kind and as many error-free ones, deterministic."""
    rng = random.Random(seed)
    docs = []
    for kind in (None,) + ERROR_KINDS:
        docs += [make_document(rng, kind) for _ in range(count)]
    return docs
