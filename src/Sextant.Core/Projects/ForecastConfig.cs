namespace Sextant.Projects;

/// <summary>
/// The project's time series (<c>forecast:</c> in <c>sextant.yaml</c>): which columns of the stored dataset make the
/// series, how rows become periods, and how forecasts are made, scored and served. <c>sextant forecast -p</c> trains,
/// registers and promotes forecast versions from it; <c>POST /forecast</c> serves them.
/// </summary>
public sealed record ForecastConfig
{
    /// <summary>The time column: dates or whole period numbers.</summary>
    public string Time { get; init; } = "";

    /// <summary>The numeric column to forecast.</summary>
    public string Value { get; init; } = "";

    /// <summary>Columns whose values name a segment: one series per segment (e.g. a category). <value>Default none: one series.</value></summary>
    public IReadOnlyList<string> Segments { get; init; } = [];

    /// <summary>Rows kept: column -> value (compared as text), all must match. <value>Default none.</value></summary>
    public IReadOnlyDictionary<string, string> Filters { get; init; } = new Dictionary<string, string>();

    /// <summary>How the rows of one period combine: <c>sum</c> or <c>mean</c>. <value>Default sum.</value></summary>
    public string Aggregation { get; init; } = "sum";

    /// <summary>The period dates are rolled up to: <c>daily</c>, <c>weekly</c> (weeks starting Monday), <c>monthly</c> or <c>quarterly</c>; null keeps the data's own. <value>Default null.</value></summary>
    public string? Frequency { get; init; }

    /// <summary>The season length; null infers it from the frequency (7 daily, 52 weekly, 12 monthly, 4 quarterly). <value>Default null.</value></summary>
    public int? Season { get; init; }

    /// <summary>Periods without a row: <c>interpolate</c>, <c>zero</c> or <c>refuse</c>; how many were filled is reported. <value>Default interpolate.</value></summary>
    public string Missing { get; init; } = "interpolate";

    /// <summary>The steps a forecast covers unless a request asks otherwise. <value>Default 14.</value></summary>
    public int Horizon { get; init; } = 14;

    /// <summary>The last periods held out to score a version (its metrics, and the gate's comparison); null: the horizon. <value>Default null.</value></summary>
    public int? Holdout { get; init; }

    /// <summary><c>auto</c> (rolling-origin cross-validation) or a method: arima, ets, theta, naive, snaive, drift, mean, combo. <value>Default auto.</value></summary>
    public string Method { get; init; } = "auto";

    /// <summary>A Box-Cox transform before fitting: <c>auto</c> (Guerrero's λ per series), a λ from -1 to 2 (0: logarithm), or null for none. <value>Default null.</value></summary>
    public string? Lambda { get; init; }

    /// <summary>Interval levels in percent. <value>Default 80 and 95.</value></summary>
    public IReadOnlyList<double> Levels { get; init; } = [80, 95];

    /// <summary>The metric the gate compares (lower is better): <c>smape</c> or <c>mase</c>. <value>Default smape.</value></summary>
    public string Metric { get; init; } = "smape";

    /// <summary>The periods a forecast's holdout uses: the configured holdout, else the horizon.</summary>
    public int HoldoutPoints => Holdout ?? Horizon;

    /// <summary>The names accepted for each setting.</summary>
    public static readonly IReadOnlyList<string> Aggregations = ["sum", "mean"];

    public static readonly IReadOnlyList<string> Frequencies = ["daily", "weekly", "monthly", "quarterly"];

    public static readonly IReadOnlyList<string> MissingPolicies = ["interpolate", "zero", "refuse"];

    public static readonly IReadOnlyList<string> Metrics = ["smape", "mase"];
}
