using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sextant.Data.Ingest;
using Sextant.Forecasting;
using Sextant.Forecasting.Segments;
using Sextant.Forecasting.Selection;
using Spectre.Console;

namespace Sextant.Cli.Commands;

/// <summary>
/// <c>sextant forecast</c>: a one-shot forecast of a CSV file, no project needed: one series, or with <c>--by</c> one
/// series per segment (e.g. per item), forecast in parallel with a progress bar.
/// </summary>
internal static class ForecastCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var csv = new Option<string?>("--csv") { Description = "The CSV file holding the series (one-shot mode; without it, --register uses the project's forecast: block)." };
        var time = new Option<string?>("--time") { Description = "The time column: dates (yyyy-MM-dd) or whole period numbers." };
        var value = new Option<string?>("--value") { Description = "The numeric column to forecast." };
        var by = new Option<string?>("--by") { Description = "Forecast one series per segment: the columns (comma-separated) whose values name a segment, e.g. an item code." };
        var horizon = new Option<int?>("--horizon") { Description = "Steps to forecast." };
        var lambda = new Option<string?>("--lambda") { Description = "Box-Cox transform before fitting: auto (Guerrero's lambda per series), a lambda from -1 to 2 (0: logarithm), or none (default)." };
        var register = new Option<bool>("--register") { Description = "Train the project's forecast: block on its stored dataset and register the result as the next version of PROJECT_forecast." };
        var promote = new Option<string?>("--promote") { Description = "With --register: run the forecast gate (holdout sMAPE or MASE against the alias's holder) and move this alias if it passes." };
        var datasetVersion = new Option<int?>("--dataset-version") { Description = "With --register: the stored dataset version (default: latest)." };
        var holdout = new Option<int?>("--holdout") { Description = "Hold out the last H points and score every method on them." };
        var season = new Option<int?>("--season") { Description = "The season length (default: 7 daily, 52 weekly, 12 monthly, 4 quarterly, 1 otherwise)." };
        var method = new Option<string>("--method") { Description = "auto (rolling-origin cross-validation), arima, ets, theta, naive, snaive, drift, mean or combo.", DefaultValueFactory = _ => "auto" };
        var level = new Option<string>("--level") { Description = "Interval levels in percent, comma-separated.", DefaultValueFactory = _ => "80,95" };
        var aggregate = new Option<string>("--aggregate") { Description = "How rows of one period combine: none (refuse duplicates), sum or mean.", DefaultValueFactory = _ => "none" };
        var missing = new Option<string>("--missing") { Description = "Periods without a row: interpolate, zero or refuse.", DefaultValueFactory = _ => "interpolate" };
        method.AcceptOnlyFromAmong("auto", "arima", "ets", "theta", "naive", "snaive", "drift", "mean", "combo");
        aggregate.AcceptOnlyFromAmong("none", "sum", "mean");
        missing.AcceptOnlyFromAmong("interpolate", "zero", "refuse");
        var command = new Command("forecast", "Forecast a CSV file's series (or one per segment with --by): ARIMA, ETS, Theta, baselines or their combination, with intervals and holdout scores.")
        {
            csv, time, value, by, horizon, holdout, season, method, level, aggregate, missing, lambda, register, promote, datasetVersion,
        };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            if (parse.GetValue(register) || parse.GetValue(promote) is not null)
            {
                if (parse.GetValue(csv) is not null)
                {
                    throw new SextantException("--register trains the project's forecast: block on its stored dataset; --csv is the one-shot mode. Use one or the other.");
                }

                return await RegisterAsync(context, parse, parse.GetValue(promote), parse.GetValue(datasetVersion), cancellationToken).ConfigureAwait(false);
            }

            var missingOptions = new[] { ("--csv", parse.GetValue(csv) is null), ("--time", parse.GetValue(time) is null), ("--value", parse.GetValue(value) is null), ("--horizon", parse.GetValue(horizon) is null) }
                .Where(o => o.Item2).Select(o => o.Item1).ToList();
            if (missingOptions.Count > 0)
            {
                throw new SextantException($"A one-shot forecast needs {string.Join(", ", missingOptions)}; or use --register to train the project's forecast: block.");
            }

            var options = new SegmentForecastOptions
            {
                Time = parse.GetValue(time)!,
                Value = parse.GetValue(value)!,
                By = parse.GetValue(by)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                Horizon = parse.GetValue(horizon)!.Value,
                Holdout = parse.GetValue(holdout),
                Method = ForecastMethods.Parse(parse.GetValue(method)!),
                Levels = ParseLevels(parse.GetValue(level)!),
                Aggregation = Enum.Parse<SeriesAggregation>(parse.GetValue(aggregate)!, ignoreCase: true),
                Missing = Enum.Parse<MissingPeriodPolicy>(parse.GetValue(missing)!, ignoreCase: true),
                Season = parse.GetValue(season),
                Lambda = Sextant.Forecasting.Transforms.BoxCox.Parse(parse.GetValue(lambda)),
                // Per segment a holdout scores the command's method against the naive baselines, not every method.
                HoldoutMethods = parse.GetValue(by) is null ? null : [ForecastMethod.Naive, ForecastMethod.SeasonalNaive],
            };
            options.Validate();
            var path = parse.GetValue(csv)!;
            var read = await CsvTableReader.ReadAsync(path, new CsvReadOptions(), cancellationToken).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            if (options.By.Count == 0)
            {
                context.Progress($"fitting {ForecastMethods.Key(options.Method)}" + (options.Holdout is { } k ? $" and scoring every method on the last {k} points" : ""));
                var single = SegmentForecaster.Run(read.Table, options, cancellationToken: cancellationToken)[0];
                return WriteSingle(context, Path.GetFullPath(path), single, options);
            }

            var bar = new ProgressBar(context, "segments");
            var segments = await Task.Run(() => SegmentForecaster.Run(read.Table, options, new ImmediateProgress<(int Done, int Total)>(p => bar.Report(p.Done, p.Total)), cancellationToken), cancellationToken).ConfigureAwait(false);
            bar.Finish(segments.Count);
            return WriteSegments(context, Path.GetFullPath(path), segments, options, watch.Elapsed.TotalSeconds);
        }));
        return command;
    }

    // Project mode: train the forecast: block, register the version, optionally promote it through the forecast gate.
    private static async Task<int> RegisterAsync(CliContext context, ParseResult parse, string? alias, int? datasetVersion, CancellationToken cancellationToken)
    {
        await using var project = await CliApp.OpenProjectAsync(context, parse, cancellationToken).ConfigureAwait(false);
        var bar = new ProgressBar(context, "segments");
        var (version, artifact, run) = await Sextant.Forecasting.Registry.ForecastVersions.TrainAsync(project, datasetVersion,
            new ImmediateProgress<(int Done, int Total)>(p => bar.Report(p.Done, p.Total)), cancellationToken).ConfigureAwait(false);
        bar.Finish(artifact.Segments.Count);
        Sextant.Registry.PromotionOutcome? outcome = null;
        if (alias is not null)
        {
            outcome = await context.StepAsync($"Forecast gate for '{alias}'", _ => new Sextant.Registry.ModelRegistry(project, forecast: true)
                .PromoteAsync(version.Version, alias, Sextant.Registry.ModelRegistry.CurrentActor(), "sextant forecast --promote", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        if (context.Json)
        {
            context.WriteJson(new
            {
                model = version.Name,
                version = version.Version,
                run_id = run.Id,
                dataset_version = artifact.DatasetVersion,
                metrics = artifact.Metrics,
                segments = artifact.Segments.Select(s => new { key = s.Key, s.Method, s.Model, points = s.Values.Length, s.Filled, holdout = s.Holdout, s.Failure }),
                promotion = outcome,
            });
        }
        else
        {
            var table = new Table().AddColumns("segment", "points", "filled", "method", "model", $"holdout {artifact.Config.Metric}");
            foreach (var s in artifact.Segments)
            {
                var score = s.Holdout is { } a ? F(artifact.Config.Metric == "mase" ? a.Mase : a.Smape) : s.Failure is { } f ? Markup.Escape(f) : "";
                table.AddRow(Markup.Escape(s.Label), s.Values.Length.ToString(CultureInfo.InvariantCulture), s.Filled.ToString(CultureInfo.InvariantCulture), s.Method ?? "failed", Markup.Escape(s.Model ?? ""), score);
            }

            context.Out.Write(table);
            context.Out.WriteLine($"Registered '{version.Name}' v{version.Version} from dataset v{artifact.DatasetVersion}, run {run.Id}: " +
                string.Join(", ", artifact.Metrics.Where(kv => kv.Key is "smape" or "mase" or "naive_smape" or "snaive_smape" || kv.Key.StartsWith("coverage_", StringComparison.Ordinal)).Select(kv => $"{kv.Key} {F(kv.Value)}")));
            if (outcome is not null)
            {
                RegistryCommand.PrintDecision(context, outcome);
            }
        }

        return outcome is { Event: null } ? 3 : 0;
    }

    private static int WriteSingle(CliContext context, string file, SegmentForecast segment, SegmentForecastOptions options)
    {
        var (series, model, forecast) = (segment.Series!, segment.Model!, segment.Forecast!);
        if (context.Json)
        {
            context.WriteJson(new
            {
                file,
                series = SeriesDocument(series),
                method = ForecastMethods.Key(segment.Method!.Value),
                model = model.Name,
                parameters = model.Parameters,
                aicc = model.Aicc,
                selection = SelectionDocument(segment.Selection),
                forecast = Points(series.Series, forecast),
                holdout = HoldoutDocument(series.Series, segment.Holdout),
            });
            return 0;
        }

        context.Out.MarkupLineInterpolated($"[bold]{model.Name}[/] ({ForecastMethods.Key(segment.Method!.Value)}) on {series.Series.Length} points, season {series.Series.SeasonLength}{(series.Filled > 0 ? $", {series.Filled} missing periods filled" : string.Empty)}");
        if (segment.Selection is { } auto)
        {
            context.Out.WriteLine(auto.Reason);
        }

        var table = new Table().AddColumn("time").AddColumn("mean");
        foreach (var band in forecast.Bands)
        {
            table.AddColumn($"lo {Key(band.Level)}").AddColumn($"hi {Key(band.Level)}");
        }

        for (var i = 0; i < forecast.Horizon; i++)
        {
            var cells = new List<string> { series.Series.TimeLabel(series.Series.Length + i), F(forecast.Mean[i]) };
            foreach (var band in forecast.Bands)
            {
                cells.Add(F(band.Lower[i]));
                cells.Add(F(band.Upper[i]));
            }

            table.AddRow(cells.ToArray());
        }

        context.Out.Write(table);
        if (segment.Holdout is { } holdout)
        {
            context.Out.Write(HoldoutTable(holdout));
        }

        return 0;
    }

    private static int WriteSegments(CliContext context, string file, IReadOnlyList<SegmentForecast> segments, SegmentForecastOptions options, double seconds)
    {
        var forecast = segments.Where(s => s.Failure is null).ToList();
        // The holdout summary scores what this command forecasts with: auto's choice, or the fixed method.
        var scored = ForecastMethods.Key(options.Method);
        var accuracies = forecast.Select(s => s.Holdout?.Find(scored)?.Accuracy).OfType<ForecastAccuracy>().ToList();
        var summary = new
        {
            segments = segments.Count,
            forecast = forecast.Count,
            failed = segments.Count - forecast.Count,
            seconds,
            methods = forecast.GroupBy(s => ForecastMethods.Key(s.Method!.Value)).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            holdout = options.Holdout is null ? null : new
            {
                method = scored,
                segments_scored = accuracies.Count,
                mean_smape = accuracies.Count == 0 ? (double?)null : accuracies.Average(a => a.Smape),
                mean_mase = Finite(accuracies.Where(a => double.IsFinite(a.Mase)).Select(a => a.Mase).DefaultIfEmpty(double.NaN).Average()),
                mean_coverage = options.Levels.ToDictionary(Key, l => accuracies.Count == 0 ? (double?)null : accuracies.Average(a => a.Coverage[l])),
                compared = forecast.SelectMany(s => s.Holdout?.Candidates ?? []).Where(c => c.Accuracy is not null && c.Method != scored)
                    .GroupBy(c => c.Method).Select(g => new { method = g.Key, segments_scored = g.Count(), mean_smape = g.Average(c => c.Accuracy!.Smape) }).ToList(),
            },
        };
        if (context.Json)
        {
            context.WriteJson(new
            {
                file,
                by = options.By,
                summary,
                segments = segments.Select(s => s.Failure is not null
                    ? (object)new { key = s.Key, rows = s.Rows, failure = s.Failure }
                    : new
                    {
                        key = s.Key,
                        rows = s.Rows,
                        series = SeriesDocument(s.Series!),
                        method = ForecastMethods.Key(s.Method!.Value),
                        model = s.Model!.Name,
                        parameters = s.Model.Parameters,
                        aicc = s.Model.Aicc,
                        selection = SelectionDocument(s.Selection),
                        forecast = Points(s.Series!.Series, s.Forecast!),
                        holdout = HoldoutDocument(s.Series.Series, s.Holdout),
                    }),
            });
            return 0;
        }

        var table = new Table().AddColumn("segment").AddColumn("points").AddColumn("model").AddColumn($"next ({options.Horizon} steps, mean)");
        if (options.Holdout is not null)
        {
            table.AddColumn($"holdout sMAPE ({scored})");
        }

        foreach (var s in segments)
        {
            var cells = new List<string> { Markup.Escape(s.Label), s.Series?.Series.Length.ToString(CultureInfo.InvariantCulture) ?? "-" };
            if (s.Failure is not null)
            {
                cells.Add($"[yellow]{Markup.Escape(s.Failure)}[/]");
                cells.Add("");
            }
            else
            {
                cells.Add(Markup.Escape(s.Model!.Name));
                cells.Add(F(s.Forecast!.Mean.Average()));
            }

            if (options.Holdout is not null)
            {
                cells.Add(s.Holdout?.Find(scored)?.Accuracy is { } a ? a.Smape.ToString("F2", CultureInfo.InvariantCulture) : "-");
            }

            table.AddRow(cells.ToArray());
        }

        context.Out.Write(table);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{summary.forecast} of {summary.segments} segments forecast, {summary.failed} without enough data or with irregular dates, in {seconds:F1} s."));
        if (summary.holdout is { mean_smape: { } smape } h)
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Holdout ({options.Holdout} points, {h.segments_scored} segments, {scored}): mean sMAPE {smape:F2}, ")
                + string.Join(", ", h.mean_coverage.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}% intervals cover {kv.Value:P0}")))
                + string.Concat(h.compared.Select(c => string.Create(CultureInfo.InvariantCulture, $"; {c.method} {c.mean_smape:F2} ({c.segments_scored} segments)"))) + ".");
        }

        return 0;
    }

    private static object SeriesDocument(BuiltSeries built) => new
    {
        points = built.Series.Length,
        first = built.Series.TimeLabel(0),
        last = built.Series.TimeLabel(built.Series.Length - 1),
        frequency = built.Series.Frequency.ToString().ToLowerInvariant(),
        season = built.Series.SeasonLength,
        rows = built.Rows,
        skipped_rows = built.SkippedRows,
        filled_periods = built.Filled,
    };

    private static object? SelectionDocument(AutoForecastResult? auto) => auto is null ? null : new
    {
        reason = auto.Reason,
        cross_validation = auto.Scores.Select(s => new { method = ForecastMethods.Key(s.Method), smape = Finite(s.Smape), mase = Finite(s.Mase), folds = s.Folds, failure = s.Failure }),
    };

    private static object[] Points(TimeSeries series, SeriesForecast forecast) =>
        [.. Enumerable.Range(0, forecast.Horizon).Select(i => new
        {
            time = series.TimeLabel(series.Length + i),
            mean = forecast.Mean[i],
            lower = forecast.Bands.ToDictionary(b => Key(b.Level), b => b.Lower[i]),
            upper = forecast.Bands.ToDictionary(b => Key(b.Level), b => b.Upper[i]),
        })];

    private static object? HoldoutDocument(TimeSeries series, HoldoutResult? holdout) => holdout is null ? null : new
    {
        points = holdout.Points,
        first = series.TimeLabel(holdout.FirstIndex),
        chosen_by_cross_validation = holdout.ChosenByCrossValidation is { } m ? ForecastMethods.Key(m) : null,
        candidates = holdout.Candidates.Select(c => c.Accuracy is not { } a
            ? (object)new { method = c.Method, model = c.Model, failure = c.Failure }
            : new
            {
                method = c.Method,
                model = c.Model,
                smape = a.Smape,
                mape = Finite(a.Mape),
                mase = Finite(a.Mase),
                rmse = a.Rmse,
                coverage = a.Coverage.ToDictionary(kv => Key(kv.Key), kv => kv.Value),
            }),
    };

    private static Table HoldoutTable(HoldoutResult holdout)
    {
        var table = new Table().AddColumn($"holdout: last {holdout.Points}").AddColumn("model").AddColumn("sMAPE").AddColumn("MASE").AddColumn("RMSE");
        foreach (var c in holdout.Candidates)
        {
            table.AddRow(c.Accuracy is { } a
                ? [c.Method, Markup.Escape(c.Model ?? ""), a.Smape.ToString("F2", CultureInfo.InvariantCulture), F(a.Mase), F(a.Rmse)]
                : [c.Method, $"[yellow]{Markup.Escape(c.Failure ?? "")}[/]", "-", "-", "-"]);
        }

        return table;
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
