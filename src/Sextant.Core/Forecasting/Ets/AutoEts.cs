using System.Globalization;

namespace Sextant.Forecasting.Ets;

/// <summary>
/// The automatic ETS choice of R's <c>forecast::ets(y)</c> (model <c>"ZZZ"</c>): every allowed combination of error,
/// trend (damped or not) and season is fitted and the lowest AICc wins. Multiplicative trends are left out unless
/// allowed, multiplicative models need positive data, seasons need a period of 2 to 24 and more than a season of data,
/// and the numerically unstable combinations (additive errors with a multiplicative part, M,M,A) are skipped, as in R.
/// </summary>
public static class AutoEts
{
    /// <summary>The chosen model and every candidate.</summary>
    /// <param name="Model">The lowest-AICc model.</param>
    /// <param name="Candidates">Every combination tried, in R's order.</param>
    public sealed record Result(EtsModel Model, IReadOnlyList<EtsCandidate> Candidates);

    /// <summary>Fits the candidates to <paramref name="series"/> and returns the best by AICc.</summary>
    /// <param name="series">The series; its season length is the period of seasonal models.</param>
    /// <param name="options">Which components to consider and how to fit, or <see langword="null"/> for R's defaults.</param>
    /// <exception cref="ForecastDataException">The series is constant or too short, or no candidate could be fitted.</exception>
    public static Result Fit(TimeSeries series, EtsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new EtsOptions();
        options.Validate();
        ForecastDataException.RequireLength(series, 7, "automatic ETS");
        if (Arima.UnitRootTests.IsConstant(series.Values))
        {
            throw new ForecastDataException("The series is constant: there is nothing for ETS to smooth (the naive or mean method forecasts it exactly).");
        }

        var m = series.SeasonLength;
        var seasonsAllowed = m > 1 && m <= 24 && series.Length > m;
        EtsComponent[] errors = options.Error is { } error ? [error] : [EtsComponent.Additive, EtsComponent.Multiplicative];
        EtsComponent[] trends = options.Trend is { } trend ? [trend] : options.AllowMultiplicativeTrend ? [EtsComponent.None, EtsComponent.Additive, EtsComponent.Multiplicative] : [EtsComponent.None, EtsComponent.Additive];
        EtsComponent[] seasons = options.Season is { } season ? [season] : seasonsAllowed ? [EtsComponent.None, EtsComponent.Additive, EtsComponent.Multiplicative] : [EtsComponent.None];
        bool[] dampings = options.Damped is { } damped ? [damped] : [true, false];
        var positive = true;
        foreach (var v in series.Values)
        {
            positive &= v > 0;
        }

        var candidates = new List<EtsCandidate>();
        EtsModel? best = null;
        foreach (var e in errors)
        {
            foreach (var t in trends)
            {
                foreach (var s in seasons)
                {
                    foreach (var d in dampings)
                    {
                        if (t == EtsComponent.None && d)
                        {
                            continue;
                        }

                        var spec = new EtsSpec(e, t, d, s);
                        if ((e == EtsComponent.Additive && (t == EtsComponent.Multiplicative || s == EtsComponent.Multiplicative))
                            || (e == EtsComponent.Multiplicative && t == EtsComponent.Multiplicative && s == EtsComponent.Additive)
                            || (!positive && e == EtsComponent.Multiplicative))
                        {
                            continue;
                        }

                        var model = EtsModel.TryFit(series, spec, options, out var failure);
                        var aicc = model is not null && double.IsFinite(model.AiccValue) ? model.AiccValue : double.PositiveInfinity;
                        candidates.Add(new EtsCandidate(spec, aicc, failure));
                        if (model is not null && aicc < (best?.AiccValue ?? double.PositiveInfinity))
                        {
                            best = model;
                        }
                    }
                }
            }
        }

        if (best is null)
        {
            throw new ForecastDataException(string.Create(CultureInfo.InvariantCulture, $"No ETS model could be fitted to the series ({candidates.Count} tried): {candidates.FirstOrDefault()?.Failure}"));
        }

        return new Result(best, candidates);
    }
}
