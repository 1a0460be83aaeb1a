"""Expected verdicts for data/claims/review-targeted-sts-development.yaml (seed
004_82005148c2f76027.txt, review of targeted therapies for soft tissue sarcoma, sections 3-6).

Each expectation is a human check; the arithmetic is in the comment. Percentages were recomputed
exactly (fractions) and rounded half-up, half-even and by truncation; proportion intervals with
scipy 1.17 ``binomtest(k, n).proportion_ci()`` (Clopper-Pearson) and statsmodels
``proportion_confint`` (wilson, jeffreys, agresti_coull, normal); survival-rate transforms by asking
whether g^-1((g(L) + g(U)) / 2) can fall within the printed rate's rounding interval when L and U
range over theirs.
"""

from _expect import expectation_tests

EXPECTED = {
    # ---------------------------------------------------------------- 3.1 Regorafenib
    # HR 0.36 with P < 0.0001 and no CI: neither the geometric midpoint nor the Wald p can be
    # computed; no arm sizes either.
    "review-regorafenib-pfs-hr": "not-checkable",
    # Medians with no CI and no cohort size: nothing to check.
    "review-regorafenib-pfs-median-regorafenib": "not-checkable",
    "review-regorafenib-pfs-median-placebo": "not-checkable",
    # 13, 15, 18, 12 % with no N: not checkable (one rounding rule for all four: smallest N is 58).
    "review-regorafenib-ae": "not-checkable",
    # 4/23 = 17.391% -> "17.4".
    "review-regorafenib-angiosarcoma-orr": "consistent",
    # 12/23 = 52.17% -> "52".
    "review-regorafenib-angiosarcoma-pfs4": "consistent",
    # With the paragraph's N = 23: 19% is unattainable (4/23 = 17.4%, 5/23 = 21.7%), so are 16%
    # (3/23 = 13.0%, 4/23 = 17.4%) and 10% (2/23 = 8.7%, 3/23 = 13.0%). The smallest N that gives
    # all five is 31 (8, 6, 5, 4, 3 of 31 = 25.8, 19.4, 16.1, 12.9, 9.7%): the AE percentages are
    # of a larger (safety) population than the 23 the paragraph cites.
    "review-regorafenib-angiosarcoma-grade3-ae": "inconsistent",
    # ---------------------------------------------------------------- 3.2 Sorafenib
    # The review's groups, 50 sorafenib + 35 placebo = 85, not the 87 patients it reports
    # (likely 35 is the placebo group's response-evaluable count, not the group's size).
    "review-sorafenib-arms": "inconsistent",
    # 81 (69-96): symmetric on the log scale (sqrt(0.69 * 0.96) = 81.4%, within rounding);
    # implied SE ~6.8 points >= binomial SE with n = 50, sqrt(.81 * .19 / 50) = 5.5 points.
    "review-sorafenib-pfs2y-sorafenib": "consistent",
    # 36 (22-57): log scale again (sqrt(0.225 * 0.575) = 35.97% reaches "36" only at the edges of
    # the bounds' rounding); implied SE ~8.7 >= binomial SE with n = 35, 8.1 points.
    "review-sorafenib-pfs2y-placebo": "consistent",
    # 1 CR + 15 PR = 16; 16/50 = 32.0%, which is "32" under every rounding, not "33". The printed
    # 33% and its CI 20-48 are exactly 16/49 with Clopper-Pearson (19.95-47.54) or wilson-cc
    # (20.36-47.66) (16/48 with Clopper-Pearson also fits: 33.3%, 20.40-48.41): the rate is of 49
    # (or 48) evaluable patients, not "the fifty".
    # For 16/50, Clopper-Pearson gives 19.5-46.7, Wilson 20.8-45.8: no method gives 20-48.
    "review-sorafenib-orr": "inconsistent",
    # 7/35 = 20% exactly, but no accepted method gives 8-38: Clopper-Pearson 8.44-36.94 (8-37),
    # wilson-cc 9.06-37.46, Wilson 10.04-35.89, Jeffreys 9.42-35.31, Agresti-Coull 9.74-36.20,
    # Wald 6.75-33.25, mid-p 9.19-35.60. Nearest: Clopper-Pearson and wilson-cc, each about
    # 0.56 points off a bound. (Among k/n giving "20", 5/25 with Jeffreys and 6/29 with mid-p give 8-38.)
    "review-sorafenib-orr-placebo": "inconsistent",
    # 73, 67, 55, 51, 49, 14 % with no stated N: not checkable. (N = 50 would not fit: 50 gives
    # only even percentages, and 73, 67, 55, 51, 49 are odd; the smallest N that fits is 49:
    # 36, 33, 27, 25, 24, 7 of 49.)
    "review-sorafenib-ae": "not-checkable",
    # ---------------------------------------------------------------- 3.3 Imatinib (TGCT)
    # 1 + 4 = 5; 5/27 = 18.52% -> "19" (half-up / half-even; truncation gives 18).
    "review-imatinib-tgct-orr": "consistent",
    # 20/27 = 74.07% -> "74".
    "review-imatinib-tgct-sd": "consistent",
    # ---------------------------------------------------------------- 3.4 Sunitinib
    # 2 + 16 + 13 = 31.
    "review-sunitinib-sft-response": "consistent",
    # Median with no CI.
    "review-sunitinib-sft-pfs-median": "not-checkable",
    # 5 + 3 + 1 = 9.
    "review-sunitinib-asps-response": "consistent",
    # Median with no CI.
    "review-sunitinib-asps-pfs-median": "not-checkable",
    # ---------------------------------------------------------------- 3.5 Lenvatinib
    # 21 + 9 = 30.
    "review-lenvatinib-enrolled": "consistent",
    # 4/21 = 19.05% -> "19".
    "review-lenvatinib-orr-lms": "consistent",
    # 20% of 9 LPS patients: 1/9 = 11.1%, 2/9 = 22.2%; 20% is not attainable with n = 9.
    "review-lenvatinib-orr-lps": "inconsistent",
    # 8.56 (4.40 - Not Reached): median inside its open interval; asymmetric, no method.
    "review-lenvatinib-pfs-median": "consistent",
    # N = 30: 11/30 = 36.67 -> "36.7", 5/30 = 16.67 -> "16.7", 4/30 = 13.33 -> "13.3",
    # 3/30 = 10 -> "10" (twice).
    "review-lenvatinib-grade3-ae": "consistent",
    # ---------------------------------------------------------------- 3.6 Crizotinib (ASPS)
    # 40 + 4 + 1 = 45.
    "review-crizotinib-asps-met-status": "consistent",
    # 1 + 35 = 36 <= 40 (partial breakdown).
    "review-crizotinib-asps-met-pos-response": "consistent",
    # 37.5 (22.9-52.1): symmetric on the plain scale (14.6 each side) and on the log-log scale.
    # 37.5% = 15/40 exactly, and the log-log interval with the binomial SE of 15/40 (no censoring
    # before one year) reproduces 22.9-52.1; the plain-scale SE 7.45 points is 3% below the
    # binomial 7.65, i.e. not "much smaller".
    "review-crizotinib-asps-met-pos-pfs1y": "consistent",
    # 1 + 3 = 4.
    "review-crizotinib-asps-met-neg-response": "consistent",
    # 50 (5.8-84.5): log-log. g(S) = ln(-ln S): g(.5) = -0.367, g(.058) = 1.046, g(.845) = -1.781,
    # half-widths 1.413 and 1.415; implied SE of S = 1.414 * 0.5 * ln 2 / 1.96 = 0.250, exactly
    # the binomial SE of 2/4 (sqrt(.25 / 4)).
    "review-crizotinib-asps-met-neg-pfs1y": "consistent",
    # ---------------------------------------------------------------- 3.7 CDK4/6 inhibitors
    # 17.9 (11.9-24.0): (11.9 + 24.0) / 2 = 17.95, within the rounding of 17.9 (true median up to
    # 17.95): symmetric, a normal-approximation interval.
    "review-palbociclib-lps-pfs-median": "consistent",
    # "one complete response" of 60: a count, no percentage printed; nothing to check.
    "review-palbociclib-lps-cr": "not-checkable",
    # 20/60 = 33.33 -> "33"; 2/60 = 3.33 -> "3".
    "review-palbociclib-lps-neutropenia": "consistent",
    # 29 analysed <= 30 enrolled.
    "review-abemaciclib-analysed": "consistent",
    # 30.4 (28.9 - NE): inside, open interval.
    "review-abemaciclib-pfs-median": "consistent",
    # A count of 1 of 29, no percentage.
    "review-abemaciclib-pr": "not-checkable",
    # 76 (57-90): asymmetric on the plain, log, log-log and logit scales; symmetric on the
    # arcsine-square-root scale (sin^2 of the mid-point reaches 76.0%). Implied SE ~8.6 points
    # >= binomial SE with n = 29, 7.9. (As a binomial proportion it would fail: 22/29 = 75.9%
    # but Clopper-Pearson 56.5-89.7, Wilson 57.9-87.8, Jeffreys 58.4-88.5: none gives 57-90.)
    "review-abemaciclib-pfs12w": "consistent",
    # 37, 20, 17, 7 % with no stated N (30 enrolled, 29 analysed): not checkable. 30 fits
    # half-up throughout (11, 6, 5, 2 of 30 = 36.7, 20.0, 16.7, 6.7) and is the smallest N under one
    # rounding rule; 29 would need truncation for 37 (11/29 = 37.9) but half-up for 7 (2/29 = 6.9).
    "review-abemaciclib-grade3-ae": "not-checkable",
    # Median follow-up with no interval.
    "review-palbociclib-sts-followup": "not-checkable",
    # 4.2 (0.9-7.4): (0.9 + 7.4) / 2 = 4.15, within the rounding of 4.2: symmetric.
    "review-palbociclib-sts-pfs-median": "consistent",
    # 30 (9-51): 21 points each side, plain scale; implied SE 10.7 >= binomial SE with n = 22, 9.8.
    "review-palbociclib-sts-pfs6m": "consistent",
    # 19 evaluable <= 22 enrolled.
    "review-palbociclib-sts-evaluable": "consistent",
    # 11 + 8 = 19; 11/19 = 57.89 -> "58", 8/19 = 42.11 -> "42"; 58 + 42 = 100.
    "review-palbociclib-sts-response": "consistent",
    # ---------------------------------------------------------------- 4.1 gamma-secretase inhibitors
    # 5/17 = 29.41% -> "29".
    "review-nirogacestat-ph2-orr": "consistent",
    # 5/17 = 29.41% -> "29".
    "review-nirogacestat-ph2-sd": "consistent",
    # 95% of adverse events (not of patients); the number of AEs is not printed. (As a share of
    # the 17 patients it would be unattainable: 16/17 = 94.1%, 17/17 = 100%.)
    "review-nirogacestat-ph2-ae-grade12": "not-checkable",
    # N = 17: 13/17 = 76.47 -> "76", 12/17 = 70.59 -> "71", 8/17 = 47.06 -> "47".
    "review-nirogacestat-ph2-ae": "consistent",
    # sqrt(0.15 * 0.55) = 0.2872 -> "0.29"; no p printed.
    "review-nirogacestat-ph3-pfs-hr": "consistent",
    # 41% vs 8%, P < 0.001, no arm sizes: neither the percentages nor the p can be recomputed.
    "review-nirogacestat-ph3-orr": "not-checkable",
    # Medians with no interval.
    "review-nirogacestat-ph3-ttr-nirogacestat": "not-checkable",
    "review-nirogacestat-ph3-ttr-placebo": "not-checkable",
    # A share of adverse events; their number is not printed.
    "review-nirogacestat-ph3-ae-grade12": "not-checkable",
    # 84, 54, 51, 42, 32 % with no stated N (the nirogacestat arm's size is not printed).
    "review-nirogacestat-ph3-ae": "not-checkable",
    # 27/36 = 75% exactly.
    "review-nirogacestat-ph3-ovarian": "consistent",
    # 20/27 = 74.07% -> "74".
    "review-nirogacestat-ph3-ovarian-resolved": "consistent",
    # 30 on study <= 31 enrolled.
    "review-al102-on-study": "consistent",
    # 18 <= 30.
    "review-al102-over-4-weeks": "consistent",
    # 74% with no stated n. (Of 31: 23/31 = 74.2% fits; of 30: 22/30 = 73.3%, 23/30 = 76.7% do not.)
    "review-al102-women": "not-checkable",
    # 39, 26, 19, 19, 16 % with no stated N. (31 fits: 12, 8, 6, 6, 5 of 31; 30 does not: 39%.)
    "review-al102-teae": "not-checkable",
    # 2 + 2 = 4.
    "review-al102-grade3": "consistent",
    # ---------------------------------------------------------------- 4.2 Anlotinib
    # Twelve-week PFS rates with no interval and no per-histology n.
    "review-anlotinib-pfs12w-asps": "not-checkable",
    "review-anlotinib-pfs12w-synovial": "not-checkable",
    "review-anlotinib-pfs12w-lms": "not-checkable",
    # N = 166: 8/166 = 4.82 -> "4.8", 6/166 = 3.61 -> "3.6", 4/166 = 2.41 -> "2.4".
    "review-anlotinib-grade3-ae": "consistent",
    # 52 + 27 = 79.
    "review-apromiss-arms": "consistent",
    # 2.89 (2.73-6.87), 1.64 (1.45-2.70): inside, asymmetric (Brookmeyer-Crowley type), no method.
    "review-apromiss-pfs-median-anlotinib": "consistent",
    "review-apromiss-pfs-median-dacarbazine": "consistent",
    # sqrt(0.270 * 0.744) = 0.4482; with the bounds at the top of their rounding
    # sqrt(0.2705 * 0.7445) = 0.4488 >= 0.4485, the bottom of "0.449": consistent at printed
    # precision. Wald: SE = ln(0.744 / 0.270) / (2 * 1.96) = 0.2586, z = ln 0.449 / 0.2586 = -3.097
    # (p = 0.0020); printed P = 0.0015 gives |z| = 3.175: 2.5% apart (< 10%).
    "review-apromiss-pfs-hr": "consistent",
    # 12/52 = 23.08 -> "23.1"; 7/27 = 25.93 -> "25.9"; no p printed.
    "review-apromiss-grade3-trae": "consistent",
    # N = 52: 3/52 = 5.77 -> "5.8"; 2/52 = 3.846 -> "3.8".
    "review-apromiss-grade3-ae-anlotinib": "consistent",
    # ---------------------------------------------------------------- 4.3 MDM2 inhibitors
    # 53/107 = 49.53 and 54/107 = 50.47 -> "50".
    "review-milademetan-lps": "consistent",
    # 66/107 = 61.68 -> "62".
    "review-milademetan-prior-therapies": "consistent",
    # 3.8% and 64.2% with no stated N (50% of 107 is 53.5, not a count). Not checkable; the
    # smallest denominator giving both is 53 (2/53 = 3.77, 34/53 = 64.15), which is also a
    # "fifty percent" of 107 (49.5%).
    "review-milademetan-lps-response": "not-checkable",
    # 14% with no Schedule D size.
    "review-milademetan-thrombocytopenia": "not-checkable",
    # 28 + 16 = 44.
    "review-bi907828-lps": "consistent",
    # 31/90 = 34.44% -> "34.4".
    "review-bi907828-6-months": "consistent",
    # 27 + 14 = 41.
    "review-bi907828-lps-evaluable": "consistent",
    # Counts only (24 of 27, 13 of 14): no percentage printed, nothing to recompute.
    "review-bi907828-dd-control": "not-checkable",
    "review-bi907828-wd-control": "not-checkable",
    # 23.8, 21.4, 11.9 % with no stated N. (Of 90 they would be unattainable: 21/90 = 23.3,
    # 22/90 = 24.4; the smallest N that fits is 42: 10, 9, 5 of 42 = 23.81, 21.43, 11.90.)
    "review-bi907828-grade3-ae": "not-checkable",
    # ---------------------------------------------------------------- 4.4 Vimseltinib
    # A printed range with no N.
    "review-vimseltinib-orr-range": "not-checkable",
    # Percentages with no cohort sizes.
    "review-vimseltinib-control": "not-checkable",
    "review-vimseltinib-pr-cohort-a": "not-checkable",
    "review-vimseltinib-pr-cohort-b": "not-checkable",
    # Medians with no interval.
    "review-vimseltinib-duration-cohort-a": "not-checkable",
    "review-vimseltinib-duration-cohort-b": "not-checkable",
    # ---------------------------------------------------------------- 4.5 BRD9 inhibitors
    # An approximate percentage of samples with no number of samples.
    "review-brd9-smarcb1-repression": "not-checkable",
}

EXPECTED_METHODS = {
    "review-regorafenib-angiosarcoma-orr": ["half-up"],
    "review-imatinib-tgct-orr": ["half-up"],
    "review-sorafenib-pfs2y-sorafenib": ["log"],
    "review-sorafenib-pfs2y-placebo": ["log"],
    "review-crizotinib-asps-met-pos-pfs1y": ["plain", "log-log"],
    "review-crizotinib-asps-met-neg-pfs1y": ["log-log"],
    "review-abemaciclib-pfs12w": ["arcsine"],
    "review-palbociclib-sts-pfs6m": ["plain"],
    "review-palbociclib-lps-pfs-median": ["symmetric-normal"],
    "review-palbociclib-sts-pfs-median": ["symmetric-normal"],
    "review-nirogacestat-ph3-pfs-hr": ["geometric-midpoint"],
    "review-apromiss-pfs-hr": ["geometric-midpoint", "wald-from-ci"],
}

globals().update(expectation_tests(
    "review-targeted-sts-development.yaml", EXPECTED, EXPECTED_METHODS
))
