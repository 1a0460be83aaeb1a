# Reference values for the report's figures: tests/test_report.py and tests/test_plots.py.
#
# Run from the repository root:   Rscript tests/reference/make_report_fixtures.R
# Writes tests/reference/exact_power.csv. Exact power and size by full enumeration of the 2x2
# tables, with base R only: a table (x1 of n1, x2 of n2) is rejected when the two-sided test's
# p-value is <= alpha (fisher.test(...)$p.value, or chisq.test(..., correct = FALSE)$p.value
# with p = 1 when a margin is zero); power = sum over rejected tables of
# dbinom(x1, n1, p1) * dbinom(x2, n2, p2). The size is the largest power at p1 = p2 = p over a
# grid of 1001 values of p (the supremum over the nuisance parameter, to the grid's resolution).

out <- file.path("tests", "reference", "exact_power.csv")
fmt <- function(x) sprintf("%.17g", x)

pvalue <- function(test, x1, n1, x2, n2) {
  tab <- matrix(c(x1, x2, n1 - x1, n2 - x2), 2)
  if (test == "fisher") return(fisher.test(tab)$p.value)
  if (min(rowSums(tab), colSums(tab)) == 0) return(1)
  suppressWarnings(chisq.test(tab, correct = FALSE)$p.value)
}

region <- function(test, n1, n2, alpha) {
  r <- matrix(FALSE, n1 + 1, n2 + 1)
  for (x1 in 0:n1) for (x2 in 0:n2) r[x1 + 1, x2 + 1] <- pvalue(test, x1, n1, x2, n2) <= alpha
  r
}

power <- function(r, n1, n2, p1, p2) sum(outer(dbinom(0:n1, n1, p1), dbinom(0:n2, n2, p2)) * r)

rows <- list()
for (design in list(c(50, 50), c(24, 18))) {
  n1 <- design[1]; n2 <- design[2]
  for (test in c("fisher", "chi2")) {
    r <- region(test, n1, n2, 0.05)
    for (p1 in c(0.3, 0.4, 0.5, 14 / 24)) {
      rows[[length(rows) + 1]] <- data.frame(quantity = "power", test = test, n1 = n1, n2 = n2,
                                             p1 = fmt(p1), p2 = fmt(4 / 18),
                                             value = fmt(power(r, n1, n2, p1, 4 / 18)))
    }
    grid <- seq(0, 1, length.out = 1001)
    sizes <- sapply(grid, function(p) power(r, n1, n2, p, p))
    rows[[length(rows) + 1]] <- data.frame(quantity = "size", test = test, n1 = n1, n2 = n2,
                                           p1 = fmt(grid[which.max(sizes)]),
                                           p2 = fmt(grid[which.max(sizes)]),
                                           value = fmt(max(sizes)))
  }
}
writeLines(c("# Produced by tests/reference/make_report_fixtures.R",
             paste0("# ", R.version.string),
             "# power: sum of dbinom(x1, n1, p1) * dbinom(x2, n2, p2) over the tables whose",
             "# two-sided p (fisher.test, or chisq.test(correct = FALSE)) is <= 0.05;",
             "# size: the largest power at p1 = p2 over seq(0, 1, length.out = 1001)"), out)
suppressWarnings(write.table(do.call(rbind, rows), out, sep = ",", row.names = FALSE,
                             quote = FALSE, append = TRUE))
