# Reference fixtures for tests/test_proportions.py and tests/test_comparisons.py.
#
# Run from the repository root:   Rscript tests/reference/make_fixtures.R
# Writes tests/reference/*.csv. Each CSV starts with '#' comment lines recording the R version,
# package versions and the exact call that produced each column; read with
# pandas.read_csv(path, comment="#").
#
# Tables: ARST1321-like 14/24 vs 4/18; counts printed in the project's sources (12/31, 6/9,
# 16/49, 7/35, 41/55, 5/14); Newcombe (1998, Stat Med 17:873-890) Table II examples; zero
# cells, k = n, and large tables.

suppressPackageStartupMessages(library(epiR))

out_dir <- file.path("tests", "reference")
fmt <- function(x) sprintf("%.17g", x)

header <- function(calls) {
  c(
    "# Produced by tests/reference/make_fixtures.R",
    paste0("# ", R.version.string),
    paste0("# epiR ", as.character(packageVersion("epiR")),
           "; stats ", as.character(packageVersion("stats"))),
    paste0("# ", sub("^# ", "", calls))
  )
}

write_fixture <- function(name, calls, df) {
  path <- file.path(out_dir, name)
  writeLines(header(calls), path)
  suppressWarnings(write.table(df, path, sep = ",", row.names = FALSE, quote = FALSE,
                               append = TRUE))
}

num <- function(df) {
  for (col in names(df)) if (is.double(df[[col]])) df[[col]] <- fmt(df[[col]])
  df
}

# ---------------------------------------------------------------- single proportions
singles <- rbind(
  c(81, 263), c(15, 148), c(0, 20), c(1, 29),             # Newcombe 1998a Table I
  c(14, 24), c(4, 18), c(12, 31), c(6, 9), c(16, 49), c(7, 35), c(41, 55), c(5, 14),
  c(0, 1), c(1, 1), c(5, 10), c(10, 20), c(20, 20), c(29, 29), c(1, 2),
  c(0, 1e7), c(1, 1e7), c(3, 1e7), c(5e6, 1e7), c(1e7, 1e7)
)
rows_b <- list(); rows_p <- list()
for (i in seq_len(nrow(singles))) {
  k <- singles[i, 1]; n <- singles[i, 2]
  for (cl in c(0.95, 0.90, 0.99)) {
    ci <- binom.test(k, n, conf.level = cl)$conf.int
    rows_b[[length(rows_b) + 1]] <- data.frame(k = k, n = n, conf_level = cl,
                                               low = ci[1], high = ci[2])
    for (correct in c(FALSE, TRUE)) {
      ci <- suppressWarnings(prop.test(k, n, conf.level = cl, correct = correct)$conf.int)
      rows_p[[length(rows_p) + 1]] <- data.frame(k = k, n = n, conf_level = cl,
                                                 correct = correct, low = ci[1], high = ci[2])
    }
  }
}
write_fixture("binom_test.csv",
              "low, high = binom.test(k, n, conf.level = conf_level)$conf.int  (Clopper-Pearson)",
              num(do.call(rbind, rows_b)))
write_fixture("prop_test.csv",
              c("low, high = prop.test(k, n, conf.level = conf_level, correct = correct)$conf.int",
                "# correct = FALSE: Wilson score; TRUE: Wilson with continuity correction, where R",
                "# shrinks the correction to min(0.5, |k - n p0|) ... so it differs from Newcombe's",
                "# method 4 when k = n/2 (R uses YATES <- min(0.5, abs(x - n * p)) )"),
              num(do.call(rbind, rows_p)))

# ---------------------------------------------------------------- 2x2 tables
# a/n1 (arm 1 events / size) against c/n2
pairs <- rbind(
  c(14, 24, 4, 18),                       # ARST1321-like
  c(12, 31, 6, 9), c(16, 49, 7, 35), c(41, 55, 5, 14), c(12, 31, 16, 49),
  c(56, 70, 48, 80), c(9, 10, 3, 10), c(6, 7, 2, 7), c(5, 56, 0, 29),   # Newcombe 1998b
  c(0, 10, 0, 20), c(10, 10, 0, 20),
  c(0, 20, 5, 20), c(20, 20, 15, 20), c(3, 10, 7, 10), c(5, 10, 5, 10), c(1, 1, 0, 1),
  c(3000, 10000, 3100, 10000), c(30000, 100000, 30300, 100000), c(1, 100000, 12, 100000),
  c(480, 1000, 520, 1000)
)
rows_f <- list(); rows_c <- list(); rows_e <- list()
for (i in seq_len(nrow(pairs))) {
  a <- pairs[i, 1]; n1 <- pairs[i, 2]; c <- pairs[i, 3]; n2 <- pairs[i, 4]
  b <- n1 - a; d <- n2 - c
  tab <- rbind(c(a, b), c(c, d))
  ft <- fisher.test(tab)
  rows_f[[length(rows_f) + 1]] <- data.frame(
    a = a, b = b, c = c, d = d,
    p_two_sided = ft$p.value,
    p_less = fisher.test(tab, alternative = "less")$p.value,
    p_greater = fisher.test(tab, alternative = "greater")$p.value,
    or_estimate = unname(ft$estimate), or_low = ft$conf.int[1], or_high = ft$conf.int[2])
  if (all(colSums(tab) > 0)) {
    for (correct in c(FALSE, TRUE)) {
      ct <- chisq.test(tab, correct = correct)
      rows_c[[length(rows_c) + 1]] <- data.frame(a = a, b = b, c = c, d = d, correct = correct,
                                                 statistic = unname(ct$statistic),
                                                 pvalue = ct$p.value)
    }
  }
  for (cl in c(0.95, 0.90)) {
    detail <- suppressWarnings(
      epi.2by2(as.table(tab), method = "cohort.count", conf.level = cl)$massoc.detail)
    add <- function(measure, method, v) {
      rows_e[[length(rows_e) + 1]] <<- data.frame(a = a, b = b, c = c, d = d, conf_level = cl,
                                                  measure = measure, method = method,
                                                  estimate = v[1], low = v[2], high = v[3])
    }
    add("rr", "katz", unlist(detail$RR.strata.wald))
    add("or", "woolf", unlist(detail$OR.strata.wald))
    add("rd", "wald", unlist(detail$ARisk.strata.wald) / 100)
    add("rd", "score-uncorrected", unlist(detail$ARisk.strata.score) / 100)
    if (all(tab > 0)) {
      # epi.2by2's own RR.strata.score reads the table transposed (epiR 2.0.57 indexes dat[2]
      # as b for a column-major matrix); calling its internal closed-form score interval on
      # t(tab) gives Koopman's (1984) interval for arm 1 against arm 2.
      add("rr", "koopman", epiR:::zRRscore(t(tab), cl))
    }
  }
}
write_fixture("fisher_test.csv",
              c("tab <- rbind(c(a, b), c(c, d))  (rows = arms, columns = events, non-events)",
                "# p_two_sided = fisher.test(tab)$p.value; p_less / p_greater: alternative = 'less' / 'greater'",
                "# or_estimate, or_low, or_high = fisher.test(tab)$estimate, $conf.int (conf.level 0.95)",
                "# the OR interval comes from uniroot: compare at about 1e-4 relative, not 1e-8"),
              num(do.call(rbind, rows_f)))
write_fixture("chisq_test.csv",
              c("statistic, pvalue = chisq.test(rbind(c(a, b), c(c, d)), correct = correct)",
                "# only tables with both column totals > 0"),
              num(do.call(rbind, rows_c)))
write_fixture("epi2by2.csv",
              c("d <- epi.2by2(as.table(rbind(c(a, b), c(c, d))), method = 'cohort.count', conf.level = conf_level)$massoc.detail",
                "# rr katz = d$RR.strata.wald; or woolf = d$OR.strata.wald; rd wald = d$ARisk.strata.wald / 100",
                "# rd score-uncorrected = d$ARisk.strata.score / 100 (Farrington-Manning-type score interval WITHOUT",
                "#   the N/(N-1) factor, bisection stopped at dp < 1e-7 or |score - qchisq| < 1e-6)",
                "# rr koopman = epiR:::zRRscore(t(rbind(c(a, b), c(c, d))), conf_level) (closed-form score interval; tables without zero cells)"),
              num(do.call(rbind, rows_e)))
