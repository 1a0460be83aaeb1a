"""Expected verdicts for data/claims/ni2024-anlotinib.yaml (seed 002_f43eaa5046102120.txt, Ni et al.
2024, anlotinib plus chemotherapy in advanced soft tissue sarcoma). Each expectation is a human
check; the arithmetic (exact fractions, docs/verification.md rules) is in the comment."""

from _expect import expectation_tests

EXPECTED = {
    # --- the study's own numbers -------------------------------------------------------------
    "ni2024-histology": "consistent",  # 4 + 3 + 2 + 1 + 1 + 1 + 1 + 1 = 14
    "ni2024-line-of-therapy": "consistent",  # 13 + 1 = 14
    "ni2024-sex": "consistent",  # 9 + 5 = 14
    "ni2024-stage": "consistent",  # 9 + 5 = 14
    # 5 PR + 7 SD + 2 PD = 14; the abstract ("Among the 14 patients, ... 5 cases had partial
    # response (PR), 7 cases had stable disease (SD), and 2 cases had progressive disease (PD)")
    # and the Discussion ("5 achieved PR, 7 achieved SD, 2 achieved PD among 14") print 14, 5, 7, 2
    # alike (repeats).
    "ni2024-response": "consistent",
    # 2 operated + 12 not operated = 14; the abstract's "Among the 14 patients, 2 cases had
    # received surgical treatment" prints 14 and 2 alike (repeat).
    "ni2024-surgery": "consistent",
    # 3.86 x 14 = 54.04: a total of 54 cycles gives 54/14 = 3.857142... -> 3.86 (half-up,
    # half-even; truncation gives 3.85). 53/14 = 3.79 and 55/14 = 3.93 do not fit. "average"
    # names a mean; the abstract prints 3.86 alike (repeat).
    "ni2024-mean-cycles": "consistent",
    # 5/14 = 35.714...% -> 35.7 under all three roundings; "overall response rate" names a share
    # of patients; abstract and Discussion print 35.7% (5/14) alike (repeats).
    "ni2024-orr": "consistent",
    # 10/12 = 83.333...% -> 83.3 under all three roundings; "disease control rate" names a share;
    # abstract and Discussion print 83.3% (10/12) alike (repeats).
    "ni2024-dcr": "consistent",
    # (4.88 + 11.62)/2 = 8.25 exactly: symmetric, SE = 3.37/1.96 = 1.72 months
    "ni2024-median-pfs": "consistent",
    "ni2024-neutropenia-g34": "consistent",  # 5/14 = 35.714...% -> 35.7
    "ni2024-neutropenia-g34-grades": "consistent",  # Table 2: 2 grade 3 + 3 grade 4 = 5
    "ni2024-cycle-days": "consistent",  # 14 days on + 7 days off = 21
    # --- Table 1 recounted ---------------------------------------------------------------------
    "ni2024-t1-male": "consistent",  # M in cases 1, 2, 5, 6, 7, 8, 11, 13, 14 = 9
    "ni2024-t1-female": "consistent",  # F in cases 3, 4, 9, 10, 12 = 5
    "ni2024-t1-lps": "consistent",  # cases 1-4
    "ni2024-t1-ups": "consistent",  # cases 5-7
    "ni2024-t1-ss": "consistent",  # cases 8, 9
    "ni2024-t1-ees": "consistent",  # case 10
    "ni2024-t1-scs": "consistent",  # case 11
    "ni2024-t1-smm": "consistent",  # case 12
    "ni2024-t1-hs": "consistent",  # case 13
    "ni2024-t1-fs": "consistent",  # case 14
    "ni2024-t1-stage-iii": "consistent",  # IIIA/IIIB in cases 1, 2, 4, 6, 8, 9, 11, 12, 14 = 9
    "ni2024-t1-stage-iv": "consistent",  # IV in cases 3, 5, 7, 10, 13 = 5
    "ni2024-t1-lung-metastasis": "consistent",  # Lung in cases 3, 5, 7, 13 = 4
    "ni2024-t1-peritoneum-metastasis": "consistent",  # case 10
    "ni2024-t1-previous-surgery": "consistent",  # SUR in every case but 6 and 9 = 12
    "ni2024-t1-previous-chemotherapy": "consistent",  # CHE in cases 1, 2, 10, 13 = 4
    # "first-line in 13 patients": Table 1 shows no previous chemotherapy in only 10 rows
    # (14 - 4 with CHE); 13 would need exactly one row with CHE. But the comparison rests on
    # reading "first-line" as "no previous chemotherapy in Table 1", which the paper never states
    # (a chemotherapy given as (neo)adjuvant treatment of localised disease does not make the
    # regimen for advanced disease second-line): a query naming that assumption (issue 14;
    # 0.1.0 said inconsistent).
    "ni2024-t1-first-line": "query",
    # "second-line in 1 patient": Table 1 shows previous chemotherapy (CHE) in 4 rows
    # (cases 1, 2, 10, 13), not 1; the same unstated reading: a query.
    "ni2024-t1-second-line": "query",
    "ni2024-t1-pr": "consistent",  # PR in cases 4, 6, 8, 11, 12 = 5
    "ni2024-t1-sd": "consistent",  # SD in cases 2, 3, 5, 9, 10, 13, 14 = 7
    "ni2024-t1-pd": "consistent",  # PD in cases 1, 7 = 2
    "ni2024-t1-orr": "consistent",  # 5 PR, no CR; 5/14 = 35.7%; "overall response rate" a share
    # without cases 8 and 12 (operated, both PR): PR 4, 6, 11 + SD 2, 3, 5, 9, 10, 13, 14 = 10
    # of 12; 10/12 = 83.3%; "disease control rate" names a share
    "ni2024-t1-dcr": "consistent",
    "ni2024-t1-operated-stage-iii": "consistent",  # case 8 IIIB, case 12 IIIB
    # --- Table 2 -------------------------------------------------------------------------------
    # 7/14 = 50.0, 2/14 = 14.29 -> 14.3, 3/14 = 21.43 -> 21.4, 5/14 = 35.71 -> 35.7,
    # 4/14 = 28.57 -> 28.6, 1/14 = 7.14 -> 7.1, 6/14 = 42.86 -> 42.9 (half-up / half-even;
    # truncation fails 14.3, 28.6, 42.9); "0" cells print no percentage
    "ni2024-t2-percentages": "consistent",
    # row totals 14 (neutropenia: 7 + 2 + 2 + 3), 9, 5, 2, 8, 3: none exceeds N = 14
    "ni2024-t2-totals": "consistent",
    # --- Table 3 against Table 1 -----------------------------------------------------------------
    # Case 1 (40) -> Table 1 case 8: M, SS, AIM + Endostar + Anlotinib, PR. Case 2 (72) -> cases 2
    # and 12 by age; case 12 fits: F, SMM, AIM + Anlotinib, PR.
    "ni2024-t3-identity": "consistent",
    # Case 2 "Surgery history: No" but Table 1 case 12 prints previous treatment "SUR" (and case 2,
    # the other 72-year-old, is M/LPS with SUR + CHE). Case 1 fits (SUR; no CHE).
    "ni2024-t3-history": "inconsistent",
    # --- other trials cited in the Discussion ----------------------------------------------------
    "ni2024-judson-orr": "not-checkable",  # percentages without arm sizes or counts
    "ni2024-judson-pfs-hr": "not-checkable",  # HR and p without a confidence interval
    "ni2024-judson-pfs-median-combination": "not-checkable",  # median without CI
    "ni2024-judson-pfs-median-control": "not-checkable",  # median without CI
    "ni2024-judson-os-p": "not-checkable",  # p-value without data
    "ni2024-judson-os-median-combination": "not-checkable",  # median without CI
    "ni2024-judson-os-median-control": "not-checkable",  # median without CI
    "ni2024-chi-pfs-12-weeks": "not-checkable",  # Kaplan-Meier rate without CI
    "ni2024-chi-median-pfs": "not-checkable",  # median without CI
    "ni2024-chi-os": "not-checkable",  # median without CI
    # "The trial also suggested ..." names no group and no N: scope ni2024-chi-phase2, whose only
    # printed N is 166. N = 166: 44% <- 73/166 = 43.98; 43% <- 71/166 = 42.77 or 72/166 = 43.37;
    # 42% <- 70/166 = 42.17 (half-up). (0.1.0 linked n = 166: same verdict.)
    "ni2024-chi-adverse-events": "consistent",
    # (5 CR + 6 PR)/38 = 11/38 = 28.947% -> "29" (half-up, half-even) or "28" (truncation), not
    # "31". 31% with n = 38 needs 12 responders (12/38 = 31.58%, truncated); with 11 responders it
    # needs n = 35 (31.43%) or n = 36 (30.56%).
    "ni2024-verschraegen-orr": "inconsistent",
    "ni2024-verschraegen-responses": "consistent",  # 5 + 6 + 18 = 29 <= 38
    "ni2024-sorafenib-pfs-3-months": "not-checkable",  # Kaplan-Meier rate without CI
    "ni2024-sorafenib-pfs-6-months": "not-checkable",  # Kaplan-Meier rate without CI
    "ni2024-sorafenib-median-pfs": "not-checkable",  # median without CI
    "ni2024-sorafenib-os": "not-checkable",  # median without CI
    "ni2024-alter-median-pfs": "not-checkable",  # median without CI
    "ni2024-alter-os-1-year": "not-checkable",  # Kaplan-Meier rate without CI
    # "The best ORR and DCR" names no group: scope ni2024-alter-s006 (49 enrolled).
    # N = 49: 16% <- 8/49 = 16.33; 94% <- 46/49 = 93.88 (half-up, half-even)
    "ni2024-alter-orr-dcr": "consistent",
    "ni2024-gortzak-5y-surgery": "not-checkable",  # survival rate without n or CI
    "ni2024-gortzak-5y-neoadjuvant": "not-checkable",
    "ni2024-gortzak-p": "not-checkable",  # p-value without data
    "ni2024-delaney-5y-surgery": "not-checkable",
    "ni2024-delaney-5y-maid": "not-checkable",
    "ni2024-delaney-p": "not-checkable",
}

EXPECTED_METHODS = {
    "ni2024-mean-cycles": ["half-up", "half-even"],
    "ni2024-orr": ["half-up"],
    "ni2024-dcr": ["half-up"],
    "ni2024-median-pfs": ["symmetric-normal"],
    "ni2024-neutropenia-g34": ["half-up"],
    "ni2024-chi-adverse-events": ["half-up"],
    "ni2024-alter-orr-dcr": ["half-up"],
}

globals().update(expectation_tests(
    "ni2024-anlotinib.yaml", EXPECTED, EXPECTED_METHODS
))
