# Reference numbers for tests/Sextant.Core.Tests/Forecasting, from R with package forecast (8.20 here).
# Run: Rscript bench/anchors/forecast_reference.R
suppressMessages(library(forecast))
p <- function(x) cat(paste(format(x, digits=15), collapse=", "), "\n")
f <- naive(WWWusage, h=3, level=c(80,95)); cat("naive\n"); p(f$mean); p(f$lower[,1]); p(f$upper[,2])
f <- snaive(USAccDeaths, h=14, level=c(80,95)); cat("snaive\n"); p(f$mean[c(1,13,14)]); p(f$lower[c(1,13,14),1]); p(f$upper[c(1,13,14),2])
f <- rwf(WWWusage, drift=TRUE, h=3, level=c(80,95)); cat("drift\n"); p(f$mean); p(f$lower[,1]); p(f$upper[,2])
f <- meanf(lh, h=2, level=c(80,95)); cat("mean\n"); p(f$mean); p(f$lower[,1]); p(f$upper[,2])
tr <- window(USAccDeaths, end=c(1977,12)); te <- window(USAccDeaths, start=c(1978,1))
f <- snaive(tr, h=12); a <- accuracy(f, te); print(a)
suppressMessages(library(forecast))
p <- function(x) cat(paste(format(x, digits=15), collapse=", "), "\n")
show <- function(label, fit, h) {
  cat("##", label, "\n"); p(coef(fit)); cat("loglik aicc sigma2: "); p(c(fit$loglik, fit$aicc, fit$sigma2))
  f <- forecast(fit, h = h, level = c(80, 95)); cat("mean: "); p(f$mean[c(1, h)]); cat("lo95: "); p(f$lower[c(1, h), 2]); cat("hi80: "); p(f$upper[c(1, h), 1])
}
show("Arima(log(AirPassengers), order = c(0,1,1), seasonal = c(0,1,1))", Arima(log(AirPassengers), order = c(0,1,1), seasonal = c(0,1,1)), 24)
show("Arima(log(AirPassengers), order = c(2,1,0), seasonal = c(1,1,0))", Arima(log(AirPassengers), order = c(2,1,0), seasonal = c(1,1,0)), 12)
show("Arima(lh, order = c(1,0,1))", Arima(lh, order = c(1,0,1)), 10)
show("Arima(lh, order = c(3,0,0))", Arima(lh, order = c(3,0,0)), 10)
show("Arima(WWWusage, order = c(1,1,1), include.drift = TRUE)", Arima(WWWusage, order = c(1,1,1), include.drift = TRUE), 10)
show("Arima(WWWusage, order = c(3,1,0))", Arima(WWWusage, order = c(3,1,0)), 10)
show("Arima(USAccDeaths, order = c(0,1,1), seasonal = c(0,1,1))", Arima(USAccDeaths, order = c(0,1,1), seasonal = c(0,1,1)), 12)
show("Arima(USAccDeaths, order = c(1,0,0), seasonal = c(0,1,1), include.drift = TRUE)", Arima(USAccDeaths, order = c(1,0,0), seasonal = c(0,1,1), include.drift = TRUE), 12)
print(arima(log(AirPassengers), order = c(0,1,1), seasonal = c(0,1,1), kappa = 1e10)$loglik, digits = 12)
suppressMessages(library(forecast)); suppressMessages(library(urca))
p <- function(x) cat(paste(format(x, digits=15), collapse=", "), "\n")
cat("kpss WWWusage, diff(WWWusage), lh: "); p(c(ur.kpss(WWWusage, type="mu", use.lag=trunc(3*sqrt(100)/13))@teststat, ur.kpss(diff(WWWusage), type="mu", use.lag=trunc(3*sqrt(99)/13))@teststat, ur.kpss(lh, type="mu", use.lag=trunc(3*sqrt(48)/13))@teststat))
s <- stl(USAccDeaths, s.window=11); cat("stl USAccDeaths seasonal 1,6,72; trend 1,36,72: "); p(c(s$time.series[c(1,6,72),1], s$time.series[c(1,36,72),2]))
cat("strength USAccDeaths, AirPassengers, diff(log AP) : "); p(c(forecast:::seas.heuristic(USAccDeaths), forecast:::seas.heuristic(AirPassengers), forecast:::seas.heuristic(diff(log(AirPassengers)))))
for (nm in c("AirPassengers","USAccDeaths","WWWusage","lh","ldeaths","JohnsonJohnson","Nile","LakeHuron","austres")) {
  x <- get(nm); f <- auto.arima(x); cat(nm, frequency(x), length(x), ":", forecast:::arima.string(f), " aicc=", format(f$aicc, digits=12), " ndiffs=", ndiffs(x), "nsdiffs=", if (frequency(x)>1) nsdiffs(x) else NA, "\n"); p(coef(f))
}
f <- auto.arima(log(AirPassengers)); cat("log AirPassengers:", forecast:::arima.string(f), format(f$aicc, digits=12), "\n")
