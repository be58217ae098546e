namespace Sextant.Forecasting.Selection;

/// <summary>How <see cref="ForecastMethod.Auto"/> chooses.</summary>
public sealed record AutoForecastOptions
{
    /// <summary>
    /// The methods compared. <value>Default naive, seasonal naive, drift, ARIMA, ETS, Theta and their combination.</value>
    /// </summary>
    public IReadOnlyList<ForecastMethod> Candidates { get; init; } =
        [ForecastMethod.Naive, ForecastMethod.SeasonalNaive, ForecastMethod.Drift, ForecastMethod.Arima, ForecastMethod.Ets, ForecastMethod.Theta, ForecastMethod.Combination];

    /// <summary>Rolling origins, each one horizon apart from the end of the training part. <value>Default 3.</value></summary>
    public int Folds { get; init; } = 3;

    /// <summary>The Box-Cox λ every candidate is fitted with (NaN: Guerrero's choice on each training part), or null for none. <value>Default null.</value></summary>
    public double? Lambda { get; init; }

    /// <summary>The most folds fitted at once. <value>Default the processor count.</value></summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Rejects fewer than one fold or an empty or self-referring candidate list.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (Folds < 1 || MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException("Cross-validation needs at least one fold and a degree of parallelism of at least 1.");
        }

        if (Candidates is not { Count: > 0 } || Candidates.Contains(ForecastMethod.Auto))
        {
            throw new ArgumentException("The automatic choice needs at least one candidate, and Auto cannot be one.");
        }
    }
}
