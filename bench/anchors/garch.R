# Reference numbers for Sextant's GARCH(1,1) (src/Sextant.Core/Forecasting/Risk), computed once with R's fGarch.
# The tests keep the printed numbers as constants; CI needs no R.
#   Rscript bench/anchors/garch.R          # estimates, standard errors, log-likelihoods, forecasts
#   Rscript bench/anchors/garch.R --time   # also times garchFit (median of repeated fits) for `bench risk`
# Data: R's built-in EuStockMarkets (daily closes 1991-1998), DAX column, log returns diff(log(DAX)), 1859 returns.
suppressMessages(library(fGarch))
options(digits = 17)
x <- as.numeric(diff(log(EuStockMarkets[, "DAX"])))
cat("R", R.version.string, " fGarch", as.character(packageVersion("fGarch")), " n =", length(x), "\n")

cases <- list(
  list(dist = "norm", mean = TRUE),
  list(dist = "norm", mean = FALSE),
  list(dist = "std", mean = TRUE),
  list(dist = "std", mean = FALSE))

# The GARCH(1,1) log-likelihood with fGarch's "mci" start, h_1 = omega + (alpha + beta) * mean(e^2), on the returns
# divided by sd(x) as garchFit does. Used to recompute the Hessian with a finer step than fGarch's default optimHess
# (ndeps = 1e-3, which is 5% of omega on that scale and biases its standard errors by about 1%).
scaled_llh <- function(p, xs, dist, mean) {
  k <- 0
  mu <- if (mean) { k <- 1; p[1] } else 0
  omega <- p[k + 1]; alpha <- p[k + 2]; beta <- p[k + 3]
  z <- xs - mu; n <- length(z); h <- numeric(n)
  h[1] <- omega + (alpha + beta) * mean(z^2)
  for (t in 2:n) h[t] <- omega + alpha * z[t - 1]^2 + beta * h[t - 1]
  if (dist == "norm") return(sum(-0.5 * (log(2 * pi) + log(h) + z^2 / h)))
  nu <- p[k + 4]
  sum(lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(pi * (nu - 2)) - 0.5 * log(h) -
      (nu + 1) / 2 * log(1 + z^2 / (h * (nu - 2))))
}

for (case in cases) {
  fit <- garchFit(~garch(1, 1), data = x, cond.dist = case$dist, include.mean = case$mean, trace = FALSE)
  cat(sprintf("\n# garchFit(~garch(1,1), data = x, cond.dist = \"%s\", include.mean = %s, trace = FALSE)\n",
              case$dist, case$mean))
  m <- fit@fit$matcoef
  for (name in rownames(m)) {
    cat(sprintf("%-7s estimate %.10e  se %.10e\n", name, m[name, 1], m[name, 2]))
  }
  s <- sd(x)
  unscale <- ifelse(names(fit@fit$par) == "mu", s, ifelse(names(fit@fit$par) == "omega", s^2, 1))
  ps <- unname(fit@fit$par / unscale)
  hess <- optimHess(ps, function(q) -scaled_llh(q, x / s, case$dist, case$mean), control = list(ndeps = rep(1e-5, length(ps))))
  cat("se with optimHess(ndeps = 1e-5) at the same estimates:\n")
  cat(sprintf("%.8e", sqrt(diag(solve(hess))) * unscale), sep = ", ")
  cat("\n")
  cat(sprintf("loglik %.8f\n", -fit@fit$llh))
  cat(sprintf("AIC*n %.6f  BIC*n %.6f\n", fit@fit$ics["AIC"] * length(x), fit@fit$ics["BIC"] * length(x)))
  cat(sprintf("last h.t %.10e\n", tail(fit@h.t, 1)))
  # One-period VaR and CVaR of the next return mu + sigma_{n+1} z, z the unit-variance innovation (qstd/dstd for
  # the t): VaR = -(mu + sigma q), CVaR = -(mu + sigma E[z | z <= q]) with the tail mean by numerical integration.
  mu <- if (case$mean) unname(fit@fit$par["mu"]) else 0
  sigma1 <- predict(fit, n.ahead = 1)$standardDeviation
  for (level in c(0.95, 0.99)) {
    if (case$dist == "norm") {
      q <- qnorm(1 - level); m <- integrate(function(z) z * dnorm(z), -Inf, q, rel.tol = 1e-12)$value / (1 - level)
    } else {
      nu <- unname(fit@fit$par["shape"])
      q <- qstd(1 - level, nu = nu); m <- integrate(function(z) z * dstd(z, nu = nu), -Inf, q, rel.tol = 1e-12)$value / (1 - level)
    }
    cat(sprintf("parametric level %.2f VaR %.10e CVaR %.10e\n", level, -(mu + sigma1 * q), -(mu + sigma1 * m)))
  }
  p <- predict(fit, n.ahead = 10)
  cat("predict(fit, n.ahead = 10)$standardDeviation:\n")
  cat(sprintf("%.10e", p$standardDeviation), sep = ", ")
  cat("\n")
}

# Historical VaR and CVaR of the returns: type-7 quantile (R's default) and the mean of the returns at or below it.
for (level in c(0.95, 0.99)) {
  q <- quantile(x, 1 - level, type = 7, names = FALSE)
  cat(sprintf("\nhistorical level %.2f VaR %.10e CVaR %.10e", level, -q, -mean(x[x <= q])))
}
cat("\n# unit-variance innovation at nu = 6, tail 0.01: qstd, and E[z | z <= q] by integrate\n")
q6 <- qstd(0.01, nu = 6)
cat(sprintf("qstd(0.01, nu = 6) %.12e  tail mean %.12e\n", q6,
            integrate(function(z) z * dstd(z, nu = 6), -Inf, q6, rel.tol = 1e-13)$value / 0.01))

args <- commandArgs(trailingOnly = TRUE)
if ("--time" %in% args) {
  # Median of 20 garchFit calls after 2 warm-up fits, on the DAX returns and on every CSV (one column of returns)
  # in the directory after --time, which `dotnet run -c Release --project bench/Sextant.Bench -- risk` writes.
  sets <- list(dax = x)
  where <- args[which(args == "--time") + 1]
  if (!is.na(where) && dir.exists(where)) {
    for (file in sort(list.files(where, pattern = "\\.csv$", full.names = TRUE))) {
      sets[[sub("\\.csv$", "", basename(file))]] <- read.csv(file)[[1]]
    }
  }
  cat("\n# garchFit timings: median of 20 fits after 2 warm-up fits (include.mean = TRUE)\n")
  for (name in names(sets)) {
    for (dist in c("norm", "std")) {
      run <- function() garchFit(~garch(1, 1), data = sets[[name]], cond.dist = dist, include.mean = TRUE, trace = FALSE)
      fit <- run(); run()
      times <- replicate(20, system.time(run())[["elapsed"]])
      cat(sprintf("%s (%d returns) %s: median %.1f ms (min %.1f, max %.1f); LL %.4f\n", name, length(sets[[name]]), dist,
                  1000 * median(times), 1000 * min(times), 1000 * max(times), -fit@fit$llh))
    }
  }
}
