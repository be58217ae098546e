namespace Sextant.Forecasting;

/// <summary>A series built from table rows, and what building it did.</summary>
/// <param name="Series">The regular series.</param>
/// <param name="Rows">The rows it was built from (those with a time and a value).</param>
/// <param name="Filled">How many missing periods were filled by the policy.</param>
/// <param name="SkippedRows">Rows without a time or a value.</param>
public sealed record BuiltSeries(TimeSeries Series, int Rows, int Filled, int SkippedRows);
