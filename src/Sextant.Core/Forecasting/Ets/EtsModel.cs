using System.Globalization;
using Sextant.Forecasting.Optimization;

namespace Sextant.Forecasting.Ets;

/// <summary>
/// An exponential smoothing state space model (Hyndman, Koehler, Ord and Snyder 2008) fitted by maximum likelihood as
/// R's <c>forecast::ets</c> fits it: the same starting states and parameters, the same bounds and admissibility tests,
/// the same Nelder-Mead search over smoothing parameters and initial states together. Forecast variances are analytic
/// for the classes that have them (R's <c>class1</c>, <c>class2</c>, <c>class3</c>) and simulated otherwise.
/// </summary>
public sealed class EtsModel : IForecastModel
{
    private readonly double[] _lastState;
    private readonly EtsOptions _options;

    private EtsModel(EtsSpec spec, int m, EtsRecursion.Parameters par, double[] initialStates, double[] lastState, double lik, double[] amse, double[] residuals, double[] fitted, int estimated, EtsOptions options)
    {
        Spec = spec;
        SeasonLength = m;
        Alpha = par.Alpha;
        Beta = spec.HasTrend ? par.Beta : null;
        Gamma = spec.HasSeason ? par.Gamma : null;
        Phi = spec.Damped ? par.Phi : null;
        InitialStates = initialStates;
        _lastState = lastState;
        _options = options;
        var n = residuals.Length;
        LogLikelihood = -0.5 * lik;
        var np = estimated + 1;
        Aic = lik + (2 * np);
        Bic = lik + (Math.Log(n) * np);
        AiccValue = Aic + (2.0 * np * (np + 1) / (n - np - 1));
        Mse = amse[0];
        Amse = amse.Average();
        double sse = 0;
        foreach (var e in residuals)
        {
            sse += e * e;
        }

        Sigma2 = sse / (n - estimated);
        Residuals = residuals;
        Fitted = fitted;
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal) { ["alpha"] = Alpha };
        if (Beta is { } beta)
        {
            parameters["beta"] = beta;
        }

        if (Gamma is { } gamma)
        {
            parameters["gamma"] = gamma;
        }

        if (Phi is { } phi)
        {
            parameters["phi"] = phi;
        }

        parameters["l"] = initialStates[0];
        if (spec.HasTrend)
        {
            parameters["b"] = initialStates[1];
        }

        var first = spec.HasTrend ? 2 : 1;
        for (var i = first; i < initialStates.Length - 1; i++)
        {
            parameters[string.Create(CultureInfo.InvariantCulture, $"s{i - first}")] = initialStates[i];
        }

        parameters["sigma2"] = Sigma2;
        Parameters = parameters;
    }

    /// <summary>The model's form.</summary>
    public EtsSpec Spec { get; }

    /// <inheritdoc />
    public string Name => Spec.Name;

    /// <summary>The season length the model uses (1 without a season).</summary>
    public int SeasonLength { get; }

    /// <summary>The level smoothing weight.</summary>
    public double Alpha { get; }

    /// <summary>The growth smoothing weight, when the model has a trend.</summary>
    public double? Beta { get; }

    /// <summary>The seasonal smoothing weight, when the model has a season.</summary>
    public double? Gamma { get; }

    /// <summary>The damping parameter, when the trend is damped.</summary>
    public double? Phi { get; }

    /// <summary>The initial states <c>l, [b], s_0..s_{m-1}</c> (the last season the implied one).</summary>
    public IReadOnlyList<double> InitialStates { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The log-likelihood as R's <c>ets</c> reports it: <c>-0.5 (n log(SSE) + 2 sum log|f|)</c> (no constants).</summary>
    public double LogLikelihood { get; }

    /// <summary>Akaike's criterion on that likelihood, counting smoothing parameters, initial states and the variance.</summary>
    public double Aic { get; }

    /// <summary>The corrected AIC.</summary>
    public double AiccValue { get; }

    /// <inheritdoc />
    public double? Aicc => AiccValue;

    /// <summary>The Bayesian criterion.</summary>
    public double Bic { get; }

    /// <summary>The in-sample one-step mean squared error.</summary>
    public double Mse { get; }

    /// <summary>The mean of the in-sample 1..nmse-step mean squared errors.</summary>
    public double Amse { get; }

    /// <summary>The innovation variance, sum e^2 / (n - estimated parameters); of relative errors for multiplicative errors.</summary>
    public double Sigma2 { get; }

    /// <summary>The innovations: <c>y - f</c>, or <c>(y - f) / f</c> for multiplicative errors.</summary>
    public IReadOnlyList<double> Residuals { get; }

    /// <summary>The one-step fitted values.</summary>
    public IReadOnlyList<double> Fitted { get; }

    /// <summary>Fits one ETS model to a series by maximum likelihood.</summary>
    /// <param name="series">The series; its season length is used when the model is seasonal.</param>
    /// <param name="spec">The model form.</param>
    /// <param name="options">Bounds and criterion, or <see langword="null"/> for R's defaults.</param>
    /// <exception cref="ForecastDataException">The series is too short, not positive for multiplicative errors, or the model is not one R allows.</exception>
    public static EtsModel Fit(TimeSeries series, EtsSpec spec, EtsOptions? options = null) =>
        TryFit(series, spec, options ?? new EtsOptions(), out var failure) ?? throw new ForecastDataException(failure!);

    /// <summary>Fits, or returns <see langword="null"/> with the reason.</summary>
    internal static EtsModel? TryFit(TimeSeries series, EtsSpec spec, EtsOptions options, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        failure = Refusal(series, spec);
        if (failure is not null)
        {
            return null;
        }

        var y = series.Values.ToArray();
        var n = y.Length;
        var m = spec.HasSeason ? series.SeasonLength : 1;
        var start = InitialParameters(spec, m, options);
        if (!EtsTarget.CheckParameters(start, spec, m, options))
        {
            failure = $"{spec.Name}: the starting parameters are outside the bounds.";
            return null;
        }

        var states = EtsInitialization.InitialStates(y, m, spec);
        var smoothing = EtsTarget.SmoothingCount(spec);
        var par = new double[smoothing + states.Length];
        var j = 0;
        par[j++] = start.Alpha;
        if (spec.HasTrend)
        {
            par[j++] = start.Beta;
        }

        if (spec.HasSeason)
        {
            par[j++] = start.Gamma;
        }

        if (spec.Damped)
        {
            par[j++] = start.Phi;
        }

        states.CopyTo(par, j);
        if (par.Length >= n - 1)
        {
            failure = string.Create(CultureInfo.InvariantCulture, $"Not enough data: {spec.Name} estimates {par.Length} parameters and states from {n} observations.");
            return null;
        }

        var target = new EtsTarget(y, spec, m, options);
        var minimizer = new NelderMead(target.Evaluate) { MaxEvaluations = options.MaxEvaluations };
        var value = minimizer.Minimize(par, out _);
        if (!double.IsFinite(value) || value >= 1e35)
        {
            failure = $"{spec.Name}: no admissible parameters were found.";
            return null;
        }

        var fitted = target.Unpack(par);
        var p = EtsRecursion.StateCount(spec, m);
        var stateRows = new double[p * (n + 1)];
        target.FillInitialStates(par.AsSpan(smoothing), stateRows);
        var initial = stateRows[..p];
        var e = new double[n];
        var amse = new double[options.Nmse];
        var lik = EtsRecursion.Run(y, stateRows, m, spec, fitted, e, amse);
        if (double.IsNaN(lik) || Math.Abs(lik - EtsRecursion.NotAvailable) < 1e-7)
        {
            failure = $"{spec.Name}: the fitted model cannot forecast the series (a multiplicative trend turned negative).";
            return null;
        }

        var fits = new double[n];
        for (var t = 0; t < n; t++)
        {
            fits[t] = spec.Error == EtsComponent.Additive ? y[t] - e[t] : y[t] / (1 + e[t]);
        }

        return new EtsModel(spec, m, fitted, initial, stateRows[(p * n)..], lik, amse, e, fits, par.Length, options);
    }

    /// <inheritdoc />
    public SeriesForecast Forecast(int horizon, IReadOnlyList<double> levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentNullException.ThrowIfNull(levels);
        foreach (var level in levels)
        {
            SeriesForecast.CheckLevel(level);
        }

        var par = new EtsRecursion.Parameters(Alpha, Beta ?? 0, Gamma ?? 0, Phi ?? 1);
        var linearTrend = Spec.Trend != EtsComponent.Multiplicative;
        if (linearTrend && Spec.Season != EtsComponent.Multiplicative)
        {
            var (mu, cj) = EtsForecastVariance.Linear(_lastState, Spec, SeasonLength, par, horizon);
            var variance = Spec.Error == EtsComponent.Additive
                ? EtsForecastVariance.AdditiveErrors(cj, Sigma2)
                : EtsForecastVariance.MultiplicativeErrors(mu, cj, Sigma2);
            return SeriesForecast.Normal(mu, Sqrt(variance), levels);
        }

        if (linearTrend && Spec.Error == EtsComponent.Multiplicative)
        {
            var (mu, variance) = EtsForecastVariance.MultiplicativeSeason(_lastState, Spec, SeasonLength, par, Sigma2, horizon);
            return SeriesForecast.Normal(mu, Sqrt(variance), levels);
        }

        return EtsForecastVariance.Simulated(_lastState, Spec, SeasonLength, par, Sigma2, horizon, levels, _options.SimulationPaths, _options.Seed);
    }

    /// <summary>Why R would refuse this model for this series, or <see langword="null"/>.</summary>
    internal static string? Refusal(TimeSeries series, EtsSpec spec)
    {
        var m = series.SeasonLength;
        if (spec.Error == EtsComponent.None || (spec.Damped && !spec.HasTrend))
        {
            return $"{spec.Name} is not an ETS model.";
        }

        if ((spec.Error == EtsComponent.Additive && (spec.Trend == EtsComponent.Multiplicative || spec.Season == EtsComponent.Multiplicative))
            || (spec.Error == EtsComponent.Multiplicative && spec.Trend == EtsComponent.Multiplicative && spec.Season == EtsComponent.Additive))
        {
            return $"{spec.Name} is a forbidden combination (numerically unstable; R's ets refuses it too).";
        }

        if (spec.HasSeason && m <= 1)
        {
            return $"{spec.Name} is seasonal but the series has no season.";
        }

        if (spec.HasSeason && m > 24)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{spec.Name}: seasons longer than 24 ({m}) are not supported by ETS.");
        }

        if (spec.HasSeason && series.Length <= m)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Not enough data: {spec.Name} needs more than one season ({m}) of observations, the series has {series.Length}.");
        }

        if (spec.Error == EtsComponent.Multiplicative || spec.Trend == EtsComponent.Multiplicative || spec.Season == EtsComponent.Multiplicative)
        {
            foreach (var v in series.Values)
            {
                if (v <= 0)
                {
                    return $"{spec.Name} is multiplicative and needs strictly positive data; the series has a value <= 0.";
                }
            }
        }

        return null;
    }

    // forecast:::initparam: starting values a fixed fraction into each interval.
    private static EtsRecursion.Parameters InitialParameters(EtsSpec spec, int m, EtsOptions options)
    {
        var lower = options.Lower.ToArray();
        var upper = options.Upper.ToArray();
        if (options.Bounds == EtsBounds.Admissible)
        {
            for (var i = 0; i < 3; i++)
            {
                lower[i] = 0;
                upper[i] = 0.001;
            }
        }

        var alpha = lower[0] + (0.2 * (upper[0] - lower[0]) / m);
        if (alpha > 1 || alpha < 0)
        {
            alpha = lower[0] + 0.002;
        }

        double beta = 0, gamma = 0, phi = 1;
        if (spec.HasTrend)
        {
            upper[1] = Math.Min(upper[1], alpha);
            beta = lower[1] + (0.1 * (upper[1] - lower[1]));
            if (beta < 0 || beta > alpha)
            {
                beta = alpha - 0.001;
            }
        }

        if (spec.HasSeason)
        {
            upper[2] = Math.Min(upper[2], 1 - alpha);
            gamma = lower[2] + (0.05 * (upper[2] - lower[2]));
            if (gamma < 0 || gamma > 1 - alpha)
            {
                gamma = 1 - alpha - 0.001;
            }
        }

        if (spec.Damped)
        {
            phi = lower[3] + (0.99 * (upper[3] - lower[3]));
            if (phi < 0 || phi > 1)
            {
                phi = upper[3] - 0.001;
            }
        }

        return new EtsRecursion.Parameters(alpha, beta, gamma, phi);
    }

    private static double[] Sqrt(double[] variance)
    {
        var se = new double[variance.Length];
        for (var i = 0; i < se.Length; i++)
        {
            se[i] = Math.Sqrt(Math.Max(variance[i], 0));
        }

        return se;
    }
}
