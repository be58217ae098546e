using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Sextant.Forecasting.Risk;

/// <summary>
/// Fits GARCH(1,1) models <c>r_t = mu + e_t</c>, <c>e_t = sqrt(h_t) z_t</c>,
/// <c>h_t = omega + alpha e_{t-1}^2 + beta h_{t-1}</c> by exact maximum likelihood, in the manner of R's
/// <c>fGarch::garchFit(~garch(1,1))</c> so that the estimates compare.
/// </summary>
/// <remarks>
/// <para>
/// The recursion starts as fGarch's default <c>init.rec = "mci"</c> does: <c>h_1 = omega + (alpha + beta) * mean(e^2)</c>,
/// the mean square of the residuals at the current mu (the sample variance of the returns when mu is their mean).
/// </para>
/// <para>
/// Constraints by reparametrisation, not bounds: <c>omega = exp(u)</c>; <c>alpha = e^a / (1 + e^a + e^b)</c>,
/// <c>beta = e^b / (1 + e^a + e^b)</c>, so <c>alpha, beta &gt; 0</c> and <c>alpha + beta &lt; 1</c> (a boundary value 0
/// is approached, not reached); the Student-t shape <c>nu = 2 + 198 / (1 + e^-s)</c> lies in (2, 200). Like fGarch, the
/// search runs on the returns divided by their standard deviation. The unconstrained problem is minimised by a compact
/// BFGS with the analytic gradient of the likelihood (MathNet's BFGS throws on a failed line search, which a likelihood
/// that is undefined for some steps provokes; ours shortens the step instead).
/// </para>
/// <para>
/// Standard errors come from the inverse of the negative Hessian of the log-likelihood in the natural parameters
/// at the optimum, by central differences of the analytic gradient (fGarch differentiates numerically too).
/// </para>
/// </remarks>
public static class GarchFitter
{
    /// <summary>The upper end of the Student-t shape; beyond it the t is indistinguishable from the normal.</summary>
    public const double MaximumShape = 200;

    /// <summary>
    /// The smallest <c>1 - alpha - beta</c> a fit reports (a variance half-life of about 700,000 periods); closer to 1
    /// gives <see cref="GarchBoundaryException"/>.
    /// </summary>
    public const double MinimumStationarityGap = 1e-6;

    /// <summary>
    /// The smallest <c>alpha</c> a fit reports. Below it the model has no ARCH effect: <c>h_t</c> no longer responds to
    /// returns, <c>beta</c> and <c>omega</c> trade off along a flat ridge of the likelihood, and any "long-run variance"
    /// read off them is arbitrary; <see cref="GarchBoundaryException"/> says so instead.
    /// </summary>
    public const double MinimumAlpha = 1e-6;

    private const double GradientTolerance = 1e-8;
    private const int MaxIterations = 1000;

    /// <summary>Fits a GARCH(1,1) model to <paramref name="returns"/>.</summary>
    /// <param name="returns">The returns in time order, oldest first (see <see cref="Returns.FromPrices"/>).</param>
    /// <param name="options">The options; validated.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="NotEnoughDataException">Fewer than <see cref="GarchOptions.MinimumObservations"/> returns.</exception>
    /// <exception cref="DegenerateSeriesException">A return is NaN or infinite, or the returns are constant.</exception>
    /// <exception cref="GarchConvergenceException">The likelihood maximisation did not converge.</exception>
    /// <exception cref="GarchBoundaryException">
    /// The likelihood is highest at <c>alpha</c> below <see cref="MinimumAlpha"/> (no volatility clustering) or within
    /// <see cref="MinimumStationarityGap"/> of <c>alpha + beta = 1</c> (integrated GARCH).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GarchModel Fit(ReadOnlySpan<double> returns, GarchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (returns.Length < options.MinimumObservations)
        {
            throw new NotEnoughDataException(returns.Length, options.MinimumObservations);
        }

        double scale = CheckAndMeasure(returns, out double mean);
        var layout = new GarchLayout(options.IncludeMean, options.Distribution == GarchDistribution.StudentT);
        int n = returns.Length;
        double[] scaled = new double[n];
        for (int i = 0; i < n; i++)
        {
            scaled[i] = returns[i] / scale;
        }

        // fGarch's start: mu at the mean, alpha 0.1, beta 0.8, omega = var * (1 - alpha - beta), shape 4.
        double[] u = new double[layout.Count];
        if (layout.IncludeMean)
        {
            u[layout.Mu] = mean / scale;
        }

        u[layout.Omega] = Math.Log(0.1);
        u[layout.Alpha] = Math.Log(0.1 / 0.1);
        u[layout.Beta] = Math.Log(0.8 / 0.1);
        if (layout.StudentT)
        {
            u[layout.Shape] = Logit((4 - 2) / (MaximumShape - 2));
        }

        double[] theta = new double[layout.Count];
        double[] naturalGradient = new double[layout.Count];
        double Objective(ReadOnlySpan<double> point, Span<double> gradient)
        {
            ToNatural(layout, point, theta);
            double logLikelihood = GarchLikelihood.Evaluate(scaled, layout, theta, naturalGradient, default);
            if (double.IsNaN(logLikelihood))
            {
                return double.NaN;
            }

            ChainToUnconstrained(layout, theta, naturalGradient, gradient);
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] = -gradient[i] / n;
            }

            return -logLikelihood / n;
        }

        MinimizationResult result = QuasiNewtonMinimizer.Minimize(Objective, u, GradientTolerance, MaxIterations);
        if (!result.Converged)
        {
            throw new GarchConvergenceException(string.Create(
                CultureInfo.InvariantCulture,
                $"The GARCH(1,1) likelihood maximisation did not converge after {result.Iterations} iterations; no estimate is reported."));
        }

        ToNatural(layout, u, theta);
        RefuseBoundary(layout, u, theta, scale);
        double[] unscale = new double[layout.Count];
        Array.Fill(unscale, 1.0);
        if (layout.IncludeMean)
        {
            unscale[layout.Mu] = scale;
        }

        unscale[layout.Omega] = scale * scale;
        double[] standardErrors = StandardErrors(scaled, layout, theta);
        double[] estimates = new double[layout.Count];
        for (int i = 0; i < layout.Count; i++)
        {
            estimates[i] = theta[i] * unscale[i];
            standardErrors[i] *= unscale[i];
        }

        double[] variances = new double[n];
        double finalLogLikelihood = GarchLikelihood.Evaluate(returns, layout, estimates, default, variances);
        var coefficients = new GarchCoefficient[layout.Count];
        for (int i = 0; i < layout.Count; i++)
        {
            coefficients[i] = new GarchCoefficient(layout.Name(i), estimates[i], standardErrors[i], estimates[i] / standardErrors[i]);
        }

        return new GarchModel(options, layout, coefficients, finalLogLikelihood, returns.ToArray(), variances);
    }

    /// <summary>
    /// Refuses an optimum with <c>alpha</c> below <see cref="MinimumAlpha"/> or within <see cref="MinimumStationarityGap"/>
    /// of <c>alpha + beta = 1</c>. The gap <c>1 - alpha - beta = 1 / (1 + e^a + e^b)</c> is computed from the
    /// unconstrained parameters, without cancellation.
    /// </summary>
    private static void RefuseBoundary(GarchLayout layout, ReadOnlySpan<double> u, ReadOnlySpan<double> theta, double scale)
    {
        double alpha = theta[layout.Alpha];
        if (alpha < MinimumAlpha)
        {
            throw new GarchBoundaryException(string.Create(
                CultureInfo.InvariantCulture,
                $"The returns show no volatility clustering: the likelihood is highest at alpha = 0, where beta is not identified and GARCH(1,1) has no unique estimate; their variance looks constant (sample volatility {scale:G4} per period), and historical VaR needs no model."));
        }

        double gap = 1 / (1 + Math.Exp(u[layout.Alpha]) + Math.Exp(u[layout.Beta]));
        if (gap < MinimumStationarityGap)
        {
            throw new GarchBoundaryException(string.Create(
                CultureInfo.InvariantCulture,
                $"The likelihood is highest at alpha + beta = 1 (integrated GARCH, alpha = {alpha:G4}): the variance has no finite long-run level, so no GARCH(1,1) estimate is reported."));
        }
    }

    /// <summary>The standard deviation of the returns, after refusing non-finite or constant ones.</summary>
    private static double CheckAndMeasure(ReadOnlySpan<double> returns, out double mean)
    {
        double sum = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            if (!double.IsFinite(returns[i]))
            {
                throw new DegenerateSeriesException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Return {i} is {returns[i]}: every return must be a finite number (drop or fill missing prices first)."));
            }

            sum += returns[i];
        }

        mean = sum / returns.Length;
        double squares = 0;
        bool varies = false;
        for (int i = 0; i < returns.Length; i++)
        {
            double d = returns[i] - mean;
            squares += d * d;
            varies |= returns[i] != returns[0];
        }

        double sd = Math.Sqrt(squares / (returns.Length - 1));
        if (!varies || !(sd > 0) || sd <= 1e-14 * Math.Abs(mean))
        {
            throw new DegenerateSeriesException(string.Create(
                CultureInfo.InvariantCulture,
                $"The {returns.Length} returns are constant ({returns[0]}): there is no volatility to model."));
        }

        return sd;
    }

    private static double[] StandardErrors(double[] scaled, GarchLayout layout, double[] theta)
    {
        int k = layout.Count;
        var hessian = Matrix<double>.Build.Dense(k, k);
        double[] point = new double[k];
        double[] plus = new double[k];
        double[] minus = new double[k];
        for (int j = 0; j < k; j++)
        {
            double step = 1e-5 * Math.Max(Math.Abs(theta[j]), 1e-2);
            theta.CopyTo(point, 0);
            point[j] = theta[j] + step;
            double up = GarchLikelihood.Evaluate(scaled, layout, point, plus, default);
            point[j] = theta[j] - step;
            double down = GarchLikelihood.Evaluate(scaled, layout, point, minus, default);
            if (double.IsNaN(up) || double.IsNaN(down))
            {
                return Enumerable.Repeat(double.NaN, k).ToArray();
            }

            for (int i = 0; i < k; i++)
            {
                hessian[i, j] = (plus[i] - minus[i]) / (2 * step);
            }
        }

        Matrix<double> information = -0.5 * (hessian + hessian.Transpose());
        var errors = new double[k];
        Matrix<double> covariance;
        try
        {
            covariance = information.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
        }
        catch (ArgumentException)
        {
            // Not negative definite: an estimate on (or numerically at) a boundary has no Hessian standard error.
            Array.Fill(errors, double.NaN);
            return errors;
        }

        for (int i = 0; i < k; i++)
        {
            errors[i] = Math.Sqrt(covariance[i, i]);
        }

        return errors;
    }

    private static void ToNatural(GarchLayout layout, ReadOnlySpan<double> u, Span<double> theta)
    {
        if (layout.IncludeMean)
        {
            theta[layout.Mu] = u[layout.Mu];
        }

        theta[layout.Omega] = Math.Exp(u[layout.Omega]);
        double ea = Math.Exp(u[layout.Alpha]);
        double eb = Math.Exp(u[layout.Beta]);
        double denominator = 1 + ea + eb;
        theta[layout.Alpha] = ea / denominator;
        theta[layout.Beta] = eb / denominator;
        if (layout.StudentT)
        {
            theta[layout.Shape] = 2 + ((MaximumShape - 2) / (1 + Math.Exp(-u[layout.Shape])));
        }
    }

    private static void ChainToUnconstrained(GarchLayout layout, ReadOnlySpan<double> theta, ReadOnlySpan<double> natural, Span<double> gradient)
    {
        if (layout.IncludeMean)
        {
            gradient[layout.Mu] = natural[layout.Mu];
        }

        double alpha = theta[layout.Alpha];
        double beta = theta[layout.Beta];
        gradient[layout.Omega] = natural[layout.Omega] * theta[layout.Omega];
        gradient[layout.Alpha] = (natural[layout.Alpha] * alpha * (1 - alpha)) - (natural[layout.Beta] * alpha * beta);
        gradient[layout.Beta] = (natural[layout.Beta] * beta * (1 - beta)) - (natural[layout.Alpha] * alpha * beta);
        if (layout.StudentT)
        {
            double nu = theta[layout.Shape];
            gradient[layout.Shape] = natural[layout.Shape] * (nu - 2) * (MaximumShape - nu) / (MaximumShape - 2);
        }
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
