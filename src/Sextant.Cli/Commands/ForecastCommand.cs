using System.CommandLine;
using System.Globalization;
using Sextant.Data.Ingest;
using Sextant.Forecasting;
using Sextant.Forecasting.Selection;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary><c>sextant forecast</c>: a one-shot forecast of one series in a CSV file, no project needed.</summary>
internal static class ForecastCommand
{
    private static readonly ForecastMethod[] s_holdoutCandidates =
        [ForecastMethod.Naive, ForecastMethod.SeasonalNaive, ForecastMethod.Drift, ForecastMethod.Mean, ForecastMethod.Arima, ForecastMethod.Ets, ForecastMethod.Theta, ForecastMethod.Combination];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var csv = new Option<string>("--csv") { Description = "The CSV file holding the series.", Required = true };
        var time = new Option<string>("--time") { Description = "The time column: dates (yyyy-MM-dd) or whole period numbers.", Required = true };
        var value = new Option<string>("--value") { Description = "The numeric column to forecast.", Required = true };
        var horizon = new Option<int>("--horizon") { Description = "Steps to forecast.", Required = true };
        var holdout = new Option<int?>("--holdout") { Description = "Hold out the last H points and score every method on them." };
        var season = new Option<int?>("--season") { Description = "The season length (default: 7 daily, 52 weekly, 12 monthly, 4 quarterly, 1 otherwise)." };
        var method = new Option<string>("--method") { Description = "auto (rolling-origin cross-validation), arima, ets, theta, naive, snaive, drift, mean or combo.", DefaultValueFactory = _ => "auto" };
        var level = new Option<string>("--level") { Description = "Interval levels in percent, comma-separated.", DefaultValueFactory = _ => "80,95" };
        var aggregate = new Option<string>("--aggregate") { Description = "How rows of one period combine: none (refuse duplicates), sum or mean.", DefaultValueFactory = _ => "none" };
        var missing = new Option<string>("--missing") { Description = "Periods without a row: interpolate, zero or refuse.", DefaultValueFactory = _ => "interpolate" };
        method.AcceptOnlyFromAmong("auto", "arima", "ets", "theta", "naive", "snaive", "drift", "mean", "combo");
        aggregate.AcceptOnlyFromAmong("none", "sum", "mean");
        missing.AcceptOnlyFromAmong("interpolate", "zero", "refuse");
        var command = new Command("forecast", "Forecast one series of a CSV file: ARIMA, ETS, Theta, baselines or their combination, with intervals and holdout scores.")
        {
            csv, time, value, horizon, holdout, season, method, level, aggregate, missing,
        };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            var h = parse.GetValue(horizon);
            if (h < 1)
            {
                throw new SextantException("--horizon must be at least 1.");
            }

            var levels = ParseLevels(parse.GetValue(level)!);
            var chosenMethod = ForecastMethods.Parse(parse.GetValue(method)!);
            var path = parse.GetValue(csv)!;
            var read = await CsvTableReader.ReadAsync(path, new CsvReadOptions(), cancellationToken).ConfigureAwait(false);
            var built = SeriesBuilder.Build(
                read.Table,
                parse.GetValue(time)!,
                parse.GetValue(value)!,
                Enum.Parse<SeriesAggregation>(parse.GetValue(aggregate)!, ignoreCase: true),
                Enum.Parse<MissingPeriodPolicy>(parse.GetValue(missing)!, ignoreCase: true),
                parse.GetValue(season));
            var series = built.Series;
            var held = parse.GetValue(holdout);
            object? holdoutReport = null;
            if (held is { } k)
            {
                if (k < 1 || k >= series.Length - 3)
                {
                    throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"Not enough data: a holdout of {k} leaves {series.Length - k} of {series.Length} points to fit."));
                }

                holdoutReport = Holdout(context, series, k, chosenMethod, levels);
            }

            context.Progress(string.Create(CultureInfo.InvariantCulture, $"fitting {ForecastMethods.Key(chosenMethod)} on {series.Length} points"));
            AutoForecastResult? auto = null;
            IForecastModel model;
            if (chosenMethod == ForecastMethod.Auto)
            {
                auto = ForecastMethods.AutoFit(series, h);
                model = auto.Model;
            }
            else
            {
                model = ForecastMethods.Fit(series, chosenMethod);
            }

            var forecast = model.Forecast(h, levels);
            var points = Enumerable.Range(0, h).Select(i => new
            {
                time = series.TimeLabel(series.Length + i),
                mean = forecast.Mean[i],
                lower = forecast.Bands.ToDictionary(b => Key(b.Level), b => b.Lower[i]),
                upper = forecast.Bands.ToDictionary(b => Key(b.Level), b => b.Upper[i]),
            }).ToArray();
            var document = new
            {
                file = Path.GetFullPath(path),
                series = new
                {
                    points = series.Length,
                    first = series.TimeLabel(0),
                    last = series.TimeLabel(series.Length - 1),
                    frequency = series.Frequency.ToString().ToLowerInvariant(),
                    season = series.SeasonLength,
                    rows = built.Rows,
                    skipped_rows = built.SkippedRows,
                    filled_periods = built.Filled,
                },
                method = ForecastMethods.Key(auto?.Method ?? chosenMethod),
                model = model.Name,
                parameters = model.Parameters,
                aicc = model.Aicc,
                selection = auto is null ? null : new
                {
                    reason = auto.Reason,
                    cross_validation = auto.Scores.Select(s => new { method = ForecastMethods.Key(s.Method), smape = Finite(s.Smape), mase = Finite(s.Mase), folds = s.Folds, failure = s.Failure }),
                },
                forecast = points,
                holdout = holdoutReport,
            };
            if (context.Json)
            {
                context.WriteJson(document);
                return 0;
            }

            context.Out.MarkupLineInterpolated($"[bold]{model.Name}[/] ({document.method}) on {series.Length} points, season {series.SeasonLength}{(built.Filled > 0 ? $", {built.Filled} missing periods filled" : string.Empty)}");
            if (auto is not null)
            {
                context.Out.WriteLine(auto.Reason);
            }

            var table = new Table().AddColumn("time").AddColumn("mean");
            foreach (var band in forecast.Bands)
            {
                table.AddColumn($"lo {Key(band.Level)}").AddColumn($"hi {Key(band.Level)}");
            }

            for (var i = 0; i < h; i++)
            {
                var cells = new List<string> { points[i].time, F(forecast.Mean[i]) };
                foreach (var band in forecast.Bands)
                {
                    cells.Add(F(band.Lower[i]));
                    cells.Add(F(band.Upper[i]));
                }

                table.AddRow(cells.ToArray());
            }

            context.Out.Write(table);
            return 0;
        }));
        return command;
    }

    private static object Holdout(CliContext context, TimeSeries series, int k, ForecastMethod chosen, IReadOnlyList<double> levels)
    {
        var train = series.Head(series.Length - k);
        var actual = series.Values[(series.Length - k)..].ToArray();
        context.Progress(string.Create(CultureInfo.InvariantCulture, $"scoring every method on the last {k} of {series.Length} points"));
        var candidates = new List<object>();
        AutoForecastResult? auto = null;
        if (chosen == ForecastMethod.Auto)
        {
            try
            {
                auto = ForecastMethods.AutoFit(train, k);
                candidates.Add(Score("auto", auto.Model, actual, train, levels));
            }
            catch (ForecastDataException ex)
            {
                candidates.Add(new { method = "auto", model = (string?)null, failure = ex.Message });
            }
        }

        foreach (var method in s_holdoutCandidates)
        {
            try
            {
                candidates.Add(Score(ForecastMethods.Key(method), ForecastMethods.Fit(train, method), actual, train, levels));
            }
            catch (ForecastDataException ex)
            {
                candidates.Add(new { method = ForecastMethods.Key(method), model = (string?)null, failure = ex.Message });
            }
        }

        return new
        {
            points = k,
            first = series.TimeLabel(series.Length - k),
            chosen_by_cross_validation = auto is null ? null : ForecastMethods.Key(auto.Method),
            candidates,
        };
    }

    private static object Score(string method, IForecastModel model, double[] actual, TimeSeries train, IReadOnlyList<double> levels)
    {
        var accuracy = ForecastAccuracy.Compute(actual, model.Forecast(actual.Length, levels), train.Values, train.SeasonLength);
        return new
        {
            method,
            model = model.Name,
            smape = accuracy.Smape,
            mape = Finite(accuracy.Mape),
            mase = Finite(accuracy.Mase),
            rmse = accuracy.Rmse,
            coverage = accuracy.Coverage.ToDictionary(kv => Key(kv.Key), kv => kv.Value),
        };
    }

    private static double[] ParseLevels(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var levels = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out levels[i]) || !(levels[i] > 0 && levels[i] < 100))
            {
                throw new SextantException($"--level takes percentages strictly between 0 and 100, comma-separated; '{parts[i]}' is not one.");
            }
        }

        return levels;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Key(double level) => level.ToString("0.##", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
