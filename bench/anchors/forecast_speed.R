# Times R's forecast::auto.arima and forecast::ets on the series that
# `dotnet run -c Release --project bench/Sextant.Bench -- forecast` writes (first line: "y,SEASON").
# Run: Rscript bench/anchors/forecast_speed.R /tmp/sextant-forecast-bench   (apt-get install -y r-cran-forecast)
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "/tmp/sextant-forecast-bench"
repeats <- 5
cat(R.version.string, "forecast", as.character(packageVersion("forecast")), "\n")
for (file in sort(list.files(dir, pattern = "\\.csv$", full.names = TRUE))) {
  season <- as.integer(strsplit(readLines(file, n = 1), ",")[[1]][2])
  y <- ts(scan(file, skip = 1, quiet = TRUE), frequency = season)
  for (what in c("auto.arima", "ets")) {
    fit <- function() if (what == "auto.arima") auto.arima(y) else ets(y)
    model <- fit()
    times <- sapply(seq_len(repeats), function(i) system.time(fit())[["elapsed"]] * 1000)
    label <- if (what == "auto.arima") paste(capture.output(print(model))[2]) else model$method
    cat(sprintf("%s %s: median %.1f ms (min %.1f, max %.1f): %s\n", basename(file), what, median(times), min(times), max(times), trimws(label)))
  }
}
