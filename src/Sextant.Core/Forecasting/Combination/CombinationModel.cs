namespace Sextant.Forecasting.Combination;

/// <summary>
/// The equal-weight combination of several models' forecasts (M4's strong benchmark combines ARIMA, ETS and Theta).
/// The mean is the average of the means. The interval at each level is the average of the members' bounds: for normal
/// forecasts that is the interval of the average with the members' standard deviations averaged, i.e. the members'
/// errors taken as perfectly correlated. They are fitted to the same data and their errors are in practice highly
/// correlated, so this errs on the wide side where assuming independence would be too narrow; holdout coverage is
/// reported, not assumed.
/// </summary>
public sealed class CombinationModel : IForecastModel
{
    private readonly IForecastModel[] _members;

    /// <summary>Combines already fitted models.</summary>
    /// <exception cref="ArgumentException">No member.</exception>
    public CombinationModel(IReadOnlyList<IForecastModel> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("A combination needs at least one model.", nameof(members));
        }

        _members = [.. members];
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal) { ["members"] = members.Count };
        foreach (var member in members)
        {
            if (member.Aicc is { } aicc)
            {
                parameters[$"aicc[{member.Name}]"] = aicc;
            }
        }

        Parameters = parameters;
    }

    /// <summary>The combined models.</summary>
    public IReadOnlyList<IForecastModel> Members => _members;

    /// <inheritdoc />
    public string Name => $"Combination({string.Join(", ", _members.Select(m => m.Name))})";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <inheritdoc />
    public double? Aicc => null;

    /// <inheritdoc />
    public SeriesForecast Forecast(int horizon, IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var forecasts = _members.Select(m => m.Forecast(horizon, levels)).ToArray();
        var k = forecasts.Length;
        var mean = new double[horizon];
        var bands = new PredictionBand[levels.Count];
        for (var l = 0; l < levels.Count; l++)
        {
            bands[l] = new PredictionBand(levels[l], new double[horizon], new double[horizon]);
        }

        foreach (var f in forecasts)
        {
            for (var h = 0; h < horizon; h++)
            {
                mean[h] += f.Mean[h] / k;
                for (var l = 0; l < levels.Count; l++)
                {
                    bands[l].Lower[h] += f.Bands[l].Lower[h] / k;
                    bands[l].Upper[h] += f.Bands[l].Upper[h] / k;
                }
            }
        }

        return new SeriesForecast(mean, bands);
    }
}
