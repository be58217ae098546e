using System.Globalization;

namespace Sextant.Forecasting.Risk;

/// <summary>
/// A fitted GARCH(1,1) model of returns: <c>r_t = mu + e_t</c>, <c>e_t = sqrt(h_t) z_t</c>,
/// <c>h_t = omega + alpha e_{t-1}^2 + beta h_{t-1}</c>, with its estimates, standard errors, fit statistics, variance
/// forecasts and one-period risk measures. Immutable.
/// </summary>
public sealed class GarchModel
{
    private readonly GarchCoefficient[] _coefficients;
    private readonly double[] _returns;
    private readonly double[] _variances;

    internal GarchModel(GarchOptions options, GarchLayout layout, GarchCoefficient[] coefficients, double logLikelihood, double[] returns, double[] variances)
    {
        Options = options;
        _coefficients = coefficients;
        _returns = returns;
        _variances = variances;
        Coefficients = Array.AsReadOnly(coefficients);
        Mu = layout.IncludeMean ? coefficients[layout.Mu].Estimate : 0;
        Omega = coefficients[layout.Omega].Estimate;
        Alpha = coefficients[layout.Alpha].Estimate;
        Beta = coefficients[layout.Beta].Estimate;
        Shape = layout.StudentT ? coefficients[layout.Shape].Estimate : null;
        LogLikelihood = logLikelihood;
        NextVariance = GarchLikelihood.NextVariance(returns[^1], variances[^1], Mu, Omega, Alpha, Beta);
    }

    /// <summary>Gets the options the model was fitted with.</summary>
    public GarchOptions Options { get; }

    /// <summary>Gets the distribution of the standardised innovations.</summary>
    public GarchDistribution Distribution => Options.Distribution;

    /// <summary>Gets the number of returns fitted.</summary>
    public int Observations => _returns.Length;

    /// <summary>Gets the estimates with standard errors, in fGarch's order <c>mu?, omega, alpha1, beta1, shape?</c>.</summary>
    public IReadOnlyList<GarchCoefficient> Coefficients { get; }

    /// <summary>Gets the constant mean of the returns; 0 when the model has none.</summary>
    public double Mu { get; }

    /// <summary>Gets the constant of the variance equation; &gt; 0.</summary>
    public double Omega { get; }

    /// <summary>Gets the weight of the last squared shock (ARCH term); &gt;= 0.</summary>
    public double Alpha { get; }

    /// <summary>Gets the weight of the last variance (GARCH term); &gt;= 0, with <c>Alpha + Beta &lt; 1</c>.</summary>
    public double Beta { get; }

    /// <summary>Gets the degrees of freedom of the Student-t innovations (&gt; 2); null for normal innovations.</summary>
    public double? Shape { get; }

    /// <summary>Gets the maximised log-likelihood.</summary>
    public double LogLikelihood { get; }

    /// <summary>Gets the number of estimated parameters.</summary>
    public int ParameterCount => _coefficients.Length;

    /// <summary>Gets Akaike's criterion <c>-2 LL + 2 k</c> (fGarch prints it divided by the number of returns).</summary>
    public double Aic => (-2 * LogLikelihood) + (2 * ParameterCount);

    /// <summary>Gets the Bayesian criterion <c>-2 LL + k ln n</c> (fGarch prints it divided by the number of returns).</summary>
    public double Bic => (-2 * LogLikelihood) + (ParameterCount * Math.Log(Observations));

    /// <summary>Gets the persistence <c>alpha + beta</c>: how much of a variance shock is left after one period.</summary>
    public double Persistence => Alpha + Beta;

    /// <summary>Gets the half-life of a variance shock in periods, <c>ln 0.5 / ln(alpha + beta)</c>.</summary>
    public double HalfLife => Math.Log(0.5) / Math.Log(Persistence);

    /// <summary>Gets the unconditional (long-run) variance <c>omega / (1 - alpha - beta)</c> of one period's return.</summary>
    public double LongRunVariance => Omega / (1 - Persistence);

    /// <summary>Gets the long-run volatility of one period, <c>sqrt(LongRunVariance)</c>.</summary>
    public double LongRunVolatility => Math.Sqrt(LongRunVariance);

    /// <summary>Gets the long-run volatility scaled to a year, <c>sqrt(PeriodsPerYear * LongRunVariance)</c>.</summary>
    public double AnnualisedLongRunVolatility => Math.Sqrt(Options.PeriodsPerYear * LongRunVariance);

    /// <summary>Gets the variance forecast for the period after the last return, <c>h_{n+1}</c>.</summary>
    public double NextVariance { get; }

    /// <summary>Gets the volatility forecast for the period after the last return, <c>sqrt(h_{n+1})</c>.</summary>
    public double NextVolatility => Math.Sqrt(NextVariance);

    /// <summary>Gets <see cref="NextVolatility"/> scaled to a year, <c>sqrt(PeriodsPerYear * h_{n+1})</c>.</summary>
    public double AnnualisedNextVolatility => Math.Sqrt(Options.PeriodsPerYear * NextVariance);

    /// <summary>Gets the fitted conditional variances <c>h_t</c>, one per return.</summary>
    public IReadOnlyList<double> ConditionalVariances => Array.AsReadOnly(_variances);

    /// <summary>Gets the returns the model was fitted to.</summary>
    public IReadOnlyList<double> FittedReturns => Array.AsReadOnly(_returns);

    /// <summary>
    /// Forecasts the conditional variance of each of the next <paramref name="horizon"/> periods in closed form:
    /// <c>h_{n+k} = s2 + (alpha + beta)^(k-1) (h_{n+1} - s2)</c> with <c>s2</c> the long-run variance.
    /// </summary>
    /// <param name="horizon">The number of periods ahead; at least 1.</param>
    /// <returns>The forecasts for periods <c>n+1 .. n+horizon</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is less than 1.</exception>
    public double[] ForecastVariance(int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var forecast = new double[horizon];
        double longRun = LongRunVariance;
        double decay = 1;
        for (int k = 0; k < horizon; k++)
        {
            forecast[k] = longRun + (decay * (NextVariance - longRun));
            decay *= Persistence;
        }

        return forecast;
    }

    /// <summary>
    /// The parametric one-period VaR and CVaR of the next return, <c>mu + sqrt(h_{n+1}) z</c> with <c>z</c> from the
    /// model's innovation distribution (for the t, the standard t quantile times <c>sqrt((nu - 2) / nu)</c>, since the
    /// innovations have unit variance).
    /// </summary>
    /// <param name="level">The confidence level, strictly between 0 and 1 (0.95, 0.99).</param>
    /// <returns>The VaR and CVaR as positive losses.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public TailRisk ParametricRisk(double level)
    {
        RiskLevel.Validate(level);
        double tail = 1 - level;
        double shape = Shape ?? double.NaN;
        double sigma = NextVolatility;
        return new TailRisk(
            level,
            -(Mu + (sigma * Innovation.Quantile(Distribution, shape, tail))),
            -(Mu + (sigma * Innovation.TailMean(Distribution, shape, tail))));
    }

    /// <summary>The historical VaR and CVaR of the fitted returns (<see cref="Risk.HistoricalRisk.Compute"/>).</summary>
    /// <param name="level">The confidence level, strictly between 0 and 1 (0.95, 0.99).</param>
    /// <returns>The VaR and CVaR as positive losses.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public TailRisk HistoricalRisk(double level) => Risk.HistoricalRisk.Compute(_returns, level);

    /// <summary>Summarises the model as a future <c>GET /risk</c> would return it: estimates, volatilities, VaR and CVaR at 95% and 99%.</summary>
    /// <param name="horizon">The number of periods of the volatility forecast; at least 1.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is less than 1.</exception>
    public RiskSummary Summarise(int horizon = 10)
    {
        double[] volatility = ForecastVariance(horizon);
        for (int k = 0; k < volatility.Length; k++)
        {
            volatility[k] = Math.Sqrt(volatility[k]);
        }

        return new RiskSummary(
            Model: "GARCH(1,1)",
            Distribution: Distribution,
            Observations: Observations,
            Coefficients: Coefficients,
            LogLikelihood: LogLikelihood,
            Aic: Aic,
            Bic: Bic,
            Persistence: Persistence,
            HalfLife: HalfLife,
            PeriodsPerYear: Options.PeriodsPerYear,
            LongRunVolatility: LongRunVolatility,
            AnnualisedLongRunVolatility: AnnualisedLongRunVolatility,
            NextVolatility: NextVolatility,
            AnnualisedNextVolatility: AnnualisedNextVolatility,
            VolatilityForecast: Array.AsReadOnly(volatility),
            Parametric: Array.AsReadOnly(RiskLevel.Reported.Select(ParametricRisk).ToArray()),
            Historical: Array.AsReadOnly(RiskLevel.Reported.Select(HistoricalRisk).ToArray()));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"GARCH(1,1) {Distribution}: mu={Mu:G6} omega={Omega:G6} alpha={Alpha:G6} beta={Beta:G6}{(Shape is { } s ? $" shape={s:G6}" : string.Empty)} LL={LogLikelihood:F3}");
}
