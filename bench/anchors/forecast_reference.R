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
