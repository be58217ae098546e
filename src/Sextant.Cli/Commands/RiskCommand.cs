using System.CommandLine;
using System.Globalization;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Forecasting.Risk;
using Spectre.Console;
using Table = Spectre.Console.Table;

namespace Sextant.Cli.Commands;

/// <summary>
/// <c>sextant risk</c>: GARCH(1,1) volatility and value at risk of a CSV file's price (or return) series, no project
/// needed: estimates with standard errors, persistence and half-life, long-run and next-period volatility, parametric
/// and historical VaR and CVaR at 95% and 99%.
/// </summary>
internal static class RiskCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var csv = new Option<string>("--csv") { Description = "The CSV file holding the series.", Required = true };
        var time = new Option<string>("--time") { Description = "The column that orders the rows (dates or numbers); rows are sorted by it.", Required = true };
        var value = new Option<string>("--value") { Description = "The numeric column: prices (turned into returns) or returns (--returns given).", Required = true };
        var returns = new Option<string>("--returns") { Description = "log or simple returns of the prices, or given (the column already holds returns).", DefaultValueFactory = _ => "log" };
        var distribution = new Option<string>("--dist") { Description = "The innovations' distribution: normal or t (Student-t, shape estimated).", DefaultValueFactory = _ => "normal" };
        var noMean = new Option<bool>("--no-mean") { Description = "Fix the mean return at 0 instead of estimating it." };
        var periods = new Option<double>("--periods-per-year") { Description = "Return periods in a year, to annualise volatilities.", DefaultValueFactory = _ => 252 };
        var horizon = new Option<int>("--horizon") { Description = "Periods of volatility forecast.", DefaultValueFactory = _ => 10 };
        returns.AcceptOnlyFromAmong("log", "simple", "given");
        distribution.AcceptOnlyFromAmong("normal", "t");
        var command = new Command("risk", "Volatility and value at risk of a price or return series: GARCH(1,1) by maximum likelihood (normal or Student-t), VaR and CVaR at 95% and 99%.")
        {
            csv, time, value, returns, distribution, noMean, periods, horizon,
        };
        command.SetAction(CliApp.Handler(stdout, stderr, async (context, parse, cancellationToken) =>
        {
            if (parse.GetValue(horizon) < 1)
            {
                throw new SextantException("--horizon must be at least 1.");
            }

            var path = parse.GetValue(csv)!;
            var read = await CsvTableReader.ReadAsync(path, new CsvReadOptions(), cancellationToken).ConfigureAwait(false);
            var (series, skipped) = Ordered(read.Table, parse.GetValue(time)!, parse.GetValue(value)!);
            var kind = parse.GetValue(returns)!;
            var r = kind == "given" ? series : Returns.FromPrices(series, kind == "log" ? ReturnKind.Log : ReturnKind.Simple);
            var options = new GarchOptions
            {
                Distribution = parse.GetValue(distribution) == "t" ? GarchDistribution.StudentT : GarchDistribution.Normal,
                IncludeMean = !parse.GetValue(noMean),
                PeriodsPerYear = parse.GetValue(periods),
            };
            context.Progress(string.Create(CultureInfo.InvariantCulture, $"fitting GARCH(1,1) to {r.Length} {(kind == "given" ? "" : kind + " ")}returns"));
            var summary = GarchFitter.Fit(r, options).Summarise(parse.GetValue(horizon));
            if (context.Json)
            {
                context.WriteJson(new { file = Path.GetFullPath(path), returns = kind, skipped_rows = skipped, risk = summary });
                return 0;
            }

            context.Out.MarkupLineInterpolated($"[bold]{summary.Model}[/], {summary.Distribution} innovations, {summary.Observations:N0} returns ({kind}){(skipped > 0 ? $", {skipped} rows without a value skipped" : "")}");
            var coefficients = new Table().AddColumn("coefficient").AddColumn("estimate").AddColumn("std. error").AddColumn("t");
            foreach (var c in summary.Coefficients)
            {
                coefficients.AddRow(c.Name, G(c.Estimate), G(c.StandardError), c.TValue.ToString("F2", CultureInfo.InvariantCulture));
            }

            context.Out.Write(coefficients);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"persistence {summary.Persistence:F4} (half-life {summary.HalfLife:F1} periods); volatility long-run {summary.LongRunVolatility:P3} ({summary.AnnualisedLongRunVolatility:P1} a year), next period {summary.NextVolatility:P3} ({summary.AnnualisedNextVolatility:P1} a year)"));
            var tails = new Table().AddColumn("level").AddColumn("VaR (model)").AddColumn("CVaR (model)").AddColumn("VaR (historical)").AddColumn("CVaR (historical)");
            for (var i = 0; i < summary.Parametric.Count; i++)
            {
                var (p, h) = (summary.Parametric[i], summary.Historical[i]);
                tails.AddRow(p.Level.ToString("P0", CultureInfo.InvariantCulture), P(p.ValueAtRisk), P(p.ExpectedShortfall), P(h.ValueAtRisk), P(h.ExpectedShortfall));
            }

            context.Out.Write(tails);
            context.Out.WriteLine("VaR and CVaR are one-period losses as a share of value (positive = loss).");
            return 0;
        }));
        return command;
    }

    /// <summary>The value column's numbers in the order of the time column, rows without either left out.</summary>
    private static (double[] Values, int Skipped) Ordered(Data.Table table, string timeColumn, string valueColumn)
    {
        if (!table.TryGetColumn(timeColumn, out var time))
        {
            throw new SextantException($"The time column '{timeColumn}' is not in the file (columns: {string.Join(", ", table.ColumnNames)}).");
        }

        if (!table.TryGetColumn(valueColumn, out var column) || column is not NumericColumn values)
        {
            throw new SextantException($"The value column '{valueColumn}' is not a numeric column of the file (columns: {string.Join(", ", table.ColumnNames)}).");
        }

        var rows = Enumerable.Range(0, table.RowCount).Where(r => !time.IsMissing(r) && !double.IsNaN(values[r])).ToList();
        var order = time switch
        {
            DateColumn dates => rows.OrderBy(r => dates[r]!.Value),
            NumericColumn numbers => rows.OrderBy(r => numbers[r]),
            _ => throw new SextantException($"The time column '{timeColumn}' holds neither dates nor numbers."),
        };
        return ([.. order.Select(r => values[r])], table.RowCount - rows.Count);
    }

    private static string G(double value) => value.ToString("G5", CultureInfo.InvariantCulture);

    private static string P(double value) => value.ToString("P2", CultureInfo.InvariantCulture);
}
