# Reference numbers for tests/Sextant.Core.Tests/Forecasting/Ets, from R with package forecast (8.20 here).
# Run: Rscript bench/anchors/ets_reference.R
suppressMessages(library(forecast))
p <- function(x) cat(paste(format(x, digits=15), collapse=", "), "\n")
show <- function(label, fit, hs) {
  cat("##", label, " -> ", fit$method, "\n"); cat("par: "); print(fit$par, digits = 12)
  cat("loglik aicc sigma2: "); p(c(fit$loglik, fit$aicc, fit$sigma2))
  f <- forecast(fit, h = max(hs), level = c(80, 95)); cat("h: "); p(hs); cat("mean: "); p(f$mean[hs]); cat("lo95: "); p(f$lower[hs, 2]); cat("hi80: "); p(f$upper[hs, 1])
}
show("ets(AirPassengers)", ets(AirPassengers), c(1, 12, 24))
show("ets(AirPassengers, 'MAM')", ets(AirPassengers, "MAM", damped = FALSE), c(1, 12, 24))
show("ets(USAccDeaths)", ets(USAccDeaths), c(1, 6, 13))
show("ets(USAccDeaths, 'AAA', damped=FALSE)", ets(USAccDeaths, "AAA", damped = FALSE), c(1, 6, 13))
show("ets(WWWusage)", ets(WWWusage), c(1, 5, 10))
show("ets(WWWusage, 'MAN', damped=FALSE)", ets(WWWusage, "MAN", damped = FALSE), c(1, 5, 10))
show("ets(lh)", ets(lh), c(1, 5, 10))
show("ets(UKgas)", ets(UKgas), c(1, 4, 8))
# A model R simulates (multiplicative trend): compare the simulated intervals loosely.
set.seed(1); show("ets(AirPassengers, 'MMM', damped=FALSE)", ets(AirPassengers, "MMM", damped = FALSE), c(1, 12))
# Theta (forecast::thetaf): alpha, drift, sigma, then mean / lo95 / hi80 at the steps shown.
theta <- function(label, x, hs) {
  f <- thetaf(x, h = max(hs), level = c(80, 95)); cat("##", label, "\n"); p(c(f$model$alpha, f$model$drift, f$model$sigma))
  cat("mean: "); p(f$mean[hs]); cat("lo95: "); p(f$lower[hs, 2]); cat("hi80: "); p(f$upper[hs, 1])
}
theta("thetaf(AirPassengers)", AirPassengers, c(1, 12, 24))
theta("thetaf(WWWusage)", WWWusage, c(1, 10))
theta("thetaf(USAccDeaths)", USAccDeaths, c(1, 13))
