using System.Globalization;

namespace Sextant.Forecasting.Arima;

/// <summary>
/// A seasonal ARIMA(p,d,q)(P,D,Q)[s] model with an optional mean (no differencing) or drift (one difference), fitted by
/// exact Gaussian maximum likelihood as R's <c>forecast::Arima(method = "CSS-ML")</c> fits it: conditional sum of
/// squares for the start, then the Kalman-filter likelihood maximised by BFGS with the AR parts kept stationary through
/// the PACF transform and the MA parts made invertible by reflecting their roots. Forecast variances come from the
/// state-space form.
/// </summary>
public sealed class ArimaModel : IForecastModel
{
    private readonly double[] _state;
    private readonly double[] _stateCovariance;
    private readonly double[] _phi;
    private readonly double[] _theta;
    private readonly double[] _delta;
    private readonly double[] _lastAdjusted;
    private readonly int _length;

    private ArimaModel(ArimaOrder order, ConstantTerm constant, double[] coefficients, string[] names, double logLikelihood, double sigma2, int observations, ArimaLikelihood likelihood, double[] delta, double[] lastAdjusted, int length)
    {
        Order = order;
        Constant = constant;
        Coefficients = coefficients;
        CoefficientNames = names;
        LogLikelihood = logLikelihood;
        Sigma2 = sigma2;
        Observations = observations;
        var npar = coefficients.Length + 1;
        Aic = (-2 * logLikelihood) + (2 * npar);
        AiccValue = Aic + (2.0 * npar * (npar + 1) / (observations - npar - 1));
        Bic = Aic + (npar * (Math.Log(observations) - 2));
        _phi = likelihood.Phi.ToArray();
        _theta = likelihood.Theta.ToArray();
        _state = likelihood.FilteredState.ToArray();
        _stateCovariance = likelihood.FilteredCovariance.ToArray();
        Residuals = likelihood.Residuals.ToArray();
        _delta = delta;
        _lastAdjusted = lastAdjusted;
        _length = length;
        MinimumRootModulus = Math.Min(ArimaPolynomials.MinimumRootModulus(_phi, -1), ArimaPolynomials.MinimumRootModulus(_theta, 1));
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            parameters[names[i]] = coefficients[i];
        }

        parameters["sigma2"] = sigma2;
        Parameters = parameters;
        var suffix = constant switch
        {
            ConstantTerm.Mean => " with non-zero mean",
            ConstantTerm.Drift => " with drift",
            _ => order.Differences == 0 ? " with zero mean" : string.Empty,
        };
        Name = order + suffix;
    }

    /// <summary>Whether a model has a mean, a drift or neither.</summary>
    public enum ConstantTerm
    {
        /// <summary>No constant.</summary>
        None,

        /// <summary>A non-zero mean (undifferenced models).</summary>
        Mean,

        /// <summary>A linear drift (models with one difference): a constant in the differenced series.</summary>
        Drift,
    }

    /// <summary>The orders.</summary>
    public ArimaOrder Order { get; }

    /// <summary>The constant the model has.</summary>
    public ConstantTerm Constant { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The estimated coefficients in R's order: ar, ma, sar, sma, then intercept or drift.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>Their names as R gives them (<c>ar1</c>, <c>ma1</c>, <c>sar1</c>, <c>sma1</c>, <c>intercept</c>, <c>drift</c>).</summary>
    public IReadOnlyList<string> CoefficientNames { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The maximised exact Gaussian log-likelihood (of the differenced series).</summary>
    public double LogLikelihood { get; }

    /// <summary>The innovation variance as <c>forecast::Arima</c> reports it: residual sum of squares over n* - k.</summary>
    public double Sigma2 { get; }

    /// <summary>The observations the likelihood used, n* = n - d - D s.</summary>
    public int Observations { get; }

    /// <summary>Akaike's criterion, -2 log L + 2 (k + 1).</summary>
    public double Aic { get; }

    /// <summary>The corrected AIC, AIC + 2 (k + 1)(k + 2) / (n* - k - 2).</summary>
    public double AiccValue { get; }

    /// <inheritdoc />
    public double? Aicc => AiccValue;

    /// <summary>The Bayesian criterion.</summary>
    public double Bic { get; }

    /// <summary>The standardized one-step innovations of the differenced series.</summary>
    public IReadOnlyList<double> Residuals { get; }

    /// <summary>The smallest modulus of the AR and MA polynomial roots (2 when there are none); near 1 means near a unit root.</summary>
    public double MinimumRootModulus { get; }

    /// <summary>Fits the model to a series.</summary>
    /// <param name="series">The series.</param>
    /// <param name="order">The orders; the period must be the series' season length when the model is seasonal.</param>
    /// <param name="includeConstant">A mean when d + D = 0, a drift when d + D = 1, ignored otherwise (as <c>forecast::Arima(include.constant = TRUE)</c>).</param>
    /// <exception cref="ForecastDataException">The series is too short for the model, or the likelihood could not be maximised.</exception>
    public static ArimaModel Fit(TimeSeries series, ArimaOrder order, bool includeConstant) =>
        TryFit(series, order, includeConstant, out var failure) ?? throw new ForecastDataException(failure!);

    /// <summary>
    /// Fits by conditional sum of squares alone (R's <c>arima(method = "CSS")</c>), as <c>auto.arima</c>'s approximation
    /// does while it searches: the AICc from the conditional residual variance plus <paramref name="offset"/> (R's
    /// <c>offset + nstar log(sigma2) + 2 npar</c>, corrected), and the smallest modulus of the AR and MA roots; null when the
    /// series is too short or the minimisation fails.
    /// </summary>
    internal static (double Aicc, double MinimumRootModulus)? TryFitConditional(TimeSeries series, ArimaOrder order, bool includeConstant, double offset)
    {
        var (constant, narma, k, nstar) = Shape(series, order, includeConstant);
        if (TooShort(series, order, k) is not null)
        {
            return null;
        }

        var (dx, dxreg, par, scale) = Start(series.Values, order, constant, narma, k);
        var likelihood = new ArimaLikelihood(dx, dxreg, order);
        double value;
        if (k > 0)
        {
            // R keeps a CSS fit that stopped at the iteration limit (with a warning), and so does the search.
            value = new VariableMetricAdapter(likelihood, conditional: true, scale).Minimize(par, out _);
        }
        else
        {
            value = likelihood.ConditionalSumOfSquares(par);
        }

        if (!double.IsFinite(value) || value >= double.MaxValue)
        {
            return null;
        }

        var sigma2 = Math.Exp(2 * value);
        var npar = k + 1;
        var aicc = offset + (nstar * Math.Log(sigma2)) + (2 * npar) + (2.0 * npar * (npar + 1) / (nstar - npar - 1));
        var phi = new double[order.P + (order.SeasonalP * order.Period)];
        var theta = new double[order.Q + (order.SeasonalQ * order.Period)];
        ArimaPolynomials.Expand(par, order, phi, theta);
        return (aicc, Math.Min(ArimaPolynomials.MinimumRootModulus(phi, -1), ArimaPolynomials.MinimumRootModulus(theta, 1)));
    }

    /// <summary>Fits, or returns <see langword="null"/> with the reason.</summary>
    internal static ArimaModel? TryFit(TimeSeries series, ArimaOrder order, bool includeConstant, out string? failure)
    {
        var (constant, narma, k, nstar) = Shape(series, order, includeConstant);
        var y = series.Values;
        var n = y.Length;
        failure = TooShort(series, order, k);
        if (failure is not null)
        {
            return null;
        }

        var delta = DifferencingPolynomial(order);
        var (dx, dxreg, par, scale) = Start(y, order, constant, narma, k);
        var likelihood = new ArimaLikelihood(dx, dxreg, order);
        if (k > 0)
        {
            var css = new VariableMetricAdapter(likelihood, conditional: true, scale);
            var cssPar = (double[])par.Clone();
            var cssValue = css.Minimize(cssPar, out var cssConverged);
            if (cssConverged && double.IsFinite(cssValue))
            {
                cssPar.CopyTo(par, 0);
            }

            // R stops with "non-stationary AR part from CSS"; starting that part from zero fits the model instead.
            if (order.P > 0 && !ArimaPolynomials.IsStationary(par.AsSpan(0, order.P)))
            {
                par.AsSpan(0, order.P).Clear();
            }

            if (order.SeasonalP > 0 && !ArimaPolynomials.IsStationary(par.AsSpan(order.P + order.Q, order.SeasonalP)))
            {
                par.AsSpan(order.P + order.Q, order.SeasonalP).Clear();
            }
        }

        TransformAr(par, order, toRaw: true);
        InvertMa(par, order);
        var ml = new VariableMetricAdapter(likelihood, conditional: false, scale);
        var value = ml.Minimize(par, out _);
        if (!double.IsFinite(value) || value >= double.MaxValue)
        {
            failure = $"The likelihood of {order} could not be maximised (no finite value or gradient).";
            return null;
        }

        var inverted = (double[])par.Clone();
        InvertMa(inverted, order);
        if (!inverted.AsSpan().SequenceEqual(par))
        {
            inverted.CopyTo(par, 0);
            value = likelihood.Gaussian(par, transformed: true);
        }

        TransformAr(par, order, toRaw: false);
        likelihood.Gaussian(par, transformed: false);
        var logLikelihood = -0.5 * ((2 * nstar * value) + nstar + (nstar * Math.Log(2 * Math.PI)));
        var sigma2 = likelihood.SumOfSquares / (nstar - (k + 1) + 1);

        var lastAdjusted = new double[delta.Length + 1];
        for (var i = 0; i <= delta.Length; i++)
        {
            var t = n - 1 - i;
            lastAdjusted[i] = y[t] - (constant == ConstantTerm.None ? 0 : (constant == ConstantTerm.Mean ? 1 : t + 1) * par[narma]);
        }

        failure = null;
        return new ArimaModel(order, constant, par, Names(order, constant), logLikelihood, sigma2, nstar, likelihood, delta, lastAdjusted, n);
    }

    /// <inheritdoc />
    public SeriesForecast Forecast(int horizon, IReadOnlyList<double> levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentNullException.ThrowIfNull(levels);
        var (mean, variance) = ForecastMoments(horizon);
        var se = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            se[h] = Math.Sqrt(variance[h] * Sigma2);
        }

        return SeriesForecast.Normal(mean, se, levels);
    }

    /// <summary>
    /// The forecast means and variances (in units of sigma^2) by the Kalman forecast recursions on the full state: the
    /// ARMA state and the last d + D s adjusted values, as R's <c>KalmanForecast</c>.
    /// </summary>
    private (double[] Mean, double[] Variance) ForecastMoments(int horizon)
    {
        var r = _state.Length;
        var dt = _delta.Length;
        var rd = r + dt;
        var a = new double[rd];
        var p = new double[rd * rd];
        _state.CopyTo(a, 0);

        // R's filtered state at n holds x_{n-1} ... x_{n-dt} (adjusted for the regression) in its differencing part.
        for (var i = 0; i < dt; i++)
        {
            a[r + i] = _lastAdjusted[i + 1];
        }

        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < r; j++)
            {
                p[(i * rd) + j] = _stateCovariance[(i * r) + j];
            }
        }

        var transition = new double[rd * rd];
        for (var i = 0; i < r; i++)
        {
            if (i < _phi.Length)
            {
                transition[i * rd] = _phi[i];
            }

            if (i < r - 1)
            {
                transition[(i * rd) + i + 1] = 1;
            }
        }

        if (dt > 0)
        {
            transition[r * rd] = 1;
            for (var i = 0; i < dt; i++)
            {
                transition[(r * rd) + r + i] = _delta[i];
            }

            for (var i = 1; i < dt; i++)
            {
                transition[((r + i) * rd) + r + i - 1] = 1;
            }
        }

        var rvec = new double[rd];
        rvec[0] = 1;
        for (var i = 1; i < r; i++)
        {
            rvec[i] = i - 1 < _theta.Length ? _theta[i - 1] : 0;
        }

        var z = new double[rd];
        z[0] = 1;
        for (var i = 0; i < dt; i++)
        {
            z[r + i] = _delta[i];
        }

        var mean = new double[horizon];
        var variance = new double[horizon];
        var anew = new double[rd];
        var tp = new double[rd * rd];
        var beta = Constant == ConstantTerm.None ? 0 : Coefficients[^1];
        for (var h = 0; h < horizon; h++)
        {
            for (var i = 0; i < rd; i++)
            {
                double s = 0;
                for (var j = 0; j < rd; j++)
                {
                    s += transition[(i * rd) + j] * a[j];
                }

                anew[i] = s;
            }

            anew.CopyTo(a, 0);
            for (var i = 0; i < rd; i++)
            {
                for (var j = 0; j < rd; j++)
                {
                    double s = 0;
                    for (var l = 0; l < rd; l++)
                    {
                        s += transition[(i * rd) + l] * p[(l * rd) + j];
                    }

                    tp[(i * rd) + j] = s;
                }
            }

            for (var i = 0; i < rd; i++)
            {
                for (var j = 0; j < rd; j++)
                {
                    double s = 0;
                    for (var l = 0; l < rd; l++)
                    {
                        s += tp[(i * rd) + l] * transition[(j * rd) + l];
                    }

                    p[(i * rd) + j] = s + (rvec[i] * rvec[j]);
                }
            }

            double fc = 0, v = 0;
            for (var i = 0; i < rd; i++)
            {
                fc += z[i] * a[i];
                double s = 0;
                for (var j = 0; j < rd; j++)
                {
                    s += p[(i * rd) + j] * z[j];
                }

                v += z[i] * s;
            }

            var regression = Constant switch
            {
                ConstantTerm.Mean => beta,
                ConstantTerm.Drift => beta * (_length + h + 1),
                _ => 0,
            };
            mean[h] = fc + regression;
            variance[h] = v;
        }

        return (mean, variance);
    }

    /// <summary>The coefficients of <c>1 - (1 - B)^d (1 - B^s)^D</c> as R's <c>Delta</c>: x_t = w_t + sum delta_i x_{t-i}.</summary>
    private static double[] DifferencingPolynomial(ArimaOrder order)
    {
        var poly = new List<double> { 1 };
        for (var i = 0; i < order.D; i++)
        {
            poly = Multiply(poly, [1, -1]);
        }

        for (var i = 0; i < order.SeasonalD; i++)
        {
            var seasonal = new double[order.Period + 1];
            seasonal[0] = 1;
            seasonal[order.Period] = -1;
            poly = Multiply(poly, seasonal);
        }

        var delta = new double[poly.Count - 1];
        for (var i = 1; i < poly.Count; i++)
        {
            delta[i - 1] = -poly[i];
        }

        return delta;
    }

    private static List<double> Multiply(List<double> left, double[] right)
    {
        var result = new double[left.Count + right.Length - 1];
        for (var i = 0; i < left.Count; i++)
        {
            for (var j = 0; j < right.Length; j++)
            {
                result[i + j] += left[i] * right[j];
            }
        }

        return [.. result];
    }

    /// <summary>The constant term a fit takes, its ARMA and total coefficient counts, and the values left after differencing.</summary>
    private static (ConstantTerm Constant, int Narma, int K, int Nstar) Shape(TimeSeries series, ArimaOrder order, bool includeConstant)
    {
        ArgumentNullException.ThrowIfNull(series);
        order.Validate();
        var constant = !includeConstant || order.Differences > 1 ? ConstantTerm.None : order.Differences == 0 ? ConstantTerm.Mean : ConstantTerm.Drift;
        var narma = order.P + order.Q + order.SeasonalP + order.SeasonalQ;
        return (constant, narma, narma + (constant == ConstantTerm.None ? 0 : 1), series.Length - order.DifferencedLength);
    }

    /// <summary>Why the series is too short for <paramref name="k"/> coefficients, or null.</summary>
    private static string? TooShort(TimeSeries series, ArimaOrder order, int k) =>
        series.Length - order.DifferencedLength - (k + 1) - 1 < 1
            ? string.Create(CultureInfo.InvariantCulture, $"Not enough data: {order} with {k} coefficients needs at least {order.DifferencedLength + k + 3} observations, the series has {series.Length}.")
            : null;

    /// <summary>The differenced series and regressor, and the start values and scales of the coefficients.</summary>
    private static (double[] Dx, double[]? Dxreg, double[] Par, double[] Scale) Start(ReadOnlySpan<double> y, ArimaOrder order, ConstantTerm constant, int narma, int k)
    {
        var dx = Difference(y, order);
        var dxreg = constant == ConstantTerm.None ? null : Difference(Regressor(y.Length, constant), order);
        var par = new double[k];
        var scale = new double[k];
        Array.Fill(scale, 1.0);
        if (dxreg is not null)
        {
            // R: lm(dx ~ dxreg - 1) gives the start and 10 standard errors as the parameter scale.
            double sxy = 0, sxx = 0;
            for (var i = 0; i < dx.Length; i++)
            {
                sxy += dx[i] * dxreg[i];
                sxx += dxreg[i] * dxreg[i];
            }

            var beta = sxy / sxx;
            double rss = 0;
            for (var i = 0; i < dx.Length; i++)
            {
                var e = dx[i] - (beta * dxreg[i]);
                rss += e * e;
            }

            var se = Math.Sqrt(rss / (dx.Length - 1) / sxx);
            par[narma] = beta;
            scale[narma] = se > 0 ? 10 * se : 1;
        }

        return (dx, dxreg, par, scale);
    }

    /// <summary>The mean's column of ones or the drift's time index 1..n.</summary>
    private static double[] Regressor(int n, ConstantTerm constant)
    {
        var xreg = new double[n];
        for (var t = 0; t < n; t++)
        {
            xreg[t] = constant == ConstantTerm.Mean ? 1 : t + 1;
        }

        return xreg;
    }

    /// <summary>Applies d ordinary and D seasonal differences.</summary>
    internal static double[] Difference(ReadOnlySpan<double> values, ArimaOrder order)
    {
        var x = values.ToArray();
        for (var i = 0; i < order.D; i++)
        {
            x = Lag(x, 1);
        }

        for (var i = 0; i < order.SeasonalD; i++)
        {
            x = Lag(x, order.Period);
        }

        return x;
    }

    private static double[] Lag(double[] x, int lag)
    {
        var result = new double[Math.Max(0, x.Length - lag)];
        for (var t = 0; t < result.Length; t++)
        {
            result[t] = x[t + lag] - x[t];
        }

        return result;
    }

    private static void TransformAr(double[] par, ArimaOrder order, bool toRaw)
    {
        Span<double> buffer = stackalloc double[Math.Max(order.P, order.SeasonalP)];
        if (order.P > 0)
        {
            var part = par.AsSpan(0, order.P);
            if (toRaw)
            {
                ArimaPolynomials.FromStationary(part, buffer[..order.P]);
            }
            else
            {
                ArimaPolynomials.ToStationary(part, buffer[..order.P]);
            }

            buffer[..order.P].CopyTo(part);
        }

        if (order.SeasonalP > 0)
        {
            var part = par.AsSpan(order.P + order.Q, order.SeasonalP);
            if (toRaw)
            {
                ArimaPolynomials.FromStationary(part, buffer[..order.SeasonalP]);
            }
            else
            {
                ArimaPolynomials.ToStationary(part, buffer[..order.SeasonalP]);
            }

            buffer[..order.SeasonalP].CopyTo(part);
        }
    }

    private static void InvertMa(double[] par, ArimaOrder order)
    {
        if (order.Q > 0)
        {
            ArimaPolynomials.InvertMovingAverage(par.AsSpan(order.P, order.Q));
        }

        if (order.SeasonalQ > 0)
        {
            ArimaPolynomials.InvertMovingAverage(par.AsSpan(order.P + order.Q + order.SeasonalP, order.SeasonalQ));
        }
    }

    private static string[] Names(ArimaOrder order, ConstantTerm constant)
    {
        var names = new List<string>();
        for (var i = 1; i <= order.P; i++)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"ar{i}"));
        }

        for (var i = 1; i <= order.Q; i++)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"ma{i}"));
        }

        for (var i = 1; i <= order.SeasonalP; i++)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"sar{i}"));
        }

        for (var i = 1; i <= order.SeasonalQ; i++)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"sma{i}"));
        }

        if (constant != ConstantTerm.None)
        {
            names.Add(constant == ConstantTerm.Mean ? "intercept" : "drift");
        }

        return [.. names];
    }
}
