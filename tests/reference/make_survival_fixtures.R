# Reference values for tests/test_survival.py.  Run: Rscript tests/reference/make_survival_fixtures.R
# Writes survival_reference.json.  Needs R with the survival package (Debian r-base-core ships it).
library(survival)
out <- list()
out$r_version <- R.version.string
out$survival_version <- as.character(packageVersion("survival"))

# (1) Wald p from a ratio and its 95% CI (Altman & Bland 2011, BMJ 343:d2304), exact normal quantile.
wald <- function(est, lo, hi) {
  se <- (log(hi) - log(lo)) / (2 * qnorm(0.975))
  z <- log(est) / se
  list(estimate = est, low = lo, high = hi, se = se, z = z, p = 2 * pnorm(-abs(z)))
}
out$wald <- list(wald(0.449, 0.270, 0.744), wald(0.31, 0.24, 0.40), wald(0.29, 0.15, 0.55),
                 wald(0.74, 0.60, 0.90))
out$wald_call <- "se <- (log(hi) - log(lo)) / (2 * qnorm(0.975)); z <- log(est) / se; p <- 2 * pnorm(-abs(z))"

# (2) Kaplan-Meier intervals of S(t) under each conf.type of survfit: a small fixed data set.
time  <- c(1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 18, 20, 22)
event <- c(1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0)
km <- list()
for (ct in c("plain", "log", "log-log", "logit", "arcsin")) {
  f <- survfit(Surv(time, event) ~ 1, conf.type = ct)
  s <- summary(f, times = c(5, 10, 15))
  km[[ct]] <- list(times = s$time, surv = s$surv, lower = s$lower, upper = s$upper,
                   std_err = s$std.err)
}
out$km <- km
out$km_data <- list(time = time, event = event)
out$km_call <- "summary(survfit(Surv(time, event) ~ 1, conf.type = ct), times = c(5, 10, 15))"
# minimal JSON writer (no jsonlite dependency)
to_json <- function(x) {
  enc <- function(v) {
    if (is.list(v)) {
      if (!is.null(names(v))) {
        paste0("{", paste0('"', names(v), '": ', vapply(v, enc, ""), collapse = ", "), "}")
      } else paste0("[", paste0(vapply(v, enc, ""), collapse = ", "), "]")
    } else if (is.character(v)) {
      if (length(v) == 1) paste0('"', v, '"') else paste0("[", paste0('"', v, '"', collapse = ", "), "]")
    } else {
      s <- formatC(v, digits = 17, format = "g")
      if (length(v) == 1) s else paste0("[", paste0(s, collapse = ", "), "]")
    }
  }
  enc(x)
}
writeLines(to_json(out), "survival_reference.json")
