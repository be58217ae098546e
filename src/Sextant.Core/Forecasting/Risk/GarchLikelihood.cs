using System.Runtime.CompilerServices;
using MathNet.Numerics;

namespace Sextant.Forecasting.Risk;

/// <summary>
/// The exact log-likelihood of a GARCH(1,1) model and its analytic gradient, with fGarch's "mci" start of the variance
/// recursion: <c>e_t = r_t - mu</c>, <c>h_1 = omega + (alpha + beta) * mean(e^2)</c> and
/// <c>h_t = omega + alpha * e_{t-1}^2 + beta * h_{t-1}</c>; every observation, the first included, enters the sum.
/// </summary>
internal static class GarchLikelihood
{
    private static readonly double s_halfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>Evaluates the log-likelihood (a sum over observations) at <paramref name="theta"/>.</summary>
    /// <param name="returns">The returns.</param>
    /// <param name="layout">Which parameters <paramref name="theta"/> holds.</param>
    /// <param name="theta">The parameters in <paramref name="layout"/>'s order.</param>
    /// <param name="gradient">Empty, or receives the gradient with respect to <paramref name="theta"/>.</param>
    /// <param name="variances">Empty, or receives the conditional variances <c>h_t</c>, one per return.</param>
    /// <returns>The log-likelihood, or NaN where the parameters give a variance that is not positive and finite.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Evaluate(
        ReadOnlySpan<double> returns,
        GarchLayout layout,
        ReadOnlySpan<double> theta,
        Span<double> gradient,
        Span<double> variances)
    {
        int n = returns.Length;
        double mu = layout.IncludeMean ? theta[layout.Mu] : 0;
        double omega = theta[layout.Omega];
        double alpha = theta[layout.Alpha];
        double beta = theta[layout.Beta];
        double nu = layout.StudentT ? theta[layout.Shape] : double.NaN;
        if (!(omega > 0) || !double.IsFinite(mu) || !double.IsFinite(alpha) || !double.IsFinite(beta)
            || (layout.StudentT && !(nu > 2 && double.IsFinite(nu))))
        {
            return double.NaN;
        }

        bool wantGradient = !gradient.IsEmpty;
        double sum = 0;
        double sumSquares = 0;
        for (int t = 0; t < n; t++)
        {
            double e = returns[t] - mu;
            sum += e;
            sumSquares += e * e;
        }

        double start = sumSquares / n;

        // Log-density terms of the innovation distribution: normal, or the unit-variance Student-t with nu > 2.
        double constant = layout.StudentT
            ? SpecialFunctions.GammaLn((nu + 1) / 2) - SpecialFunctions.GammaLn(nu / 2) - (0.5 * Math.Log(Math.PI * (nu - 2)))
            : -s_halfLogTwoPi;
        double halfNuPlusOne = (nu + 1) / 2;
        double inverseNuMinusTwo = 1 / (nu - 2);

        double h = omega + ((alpha + beta) * start);

        // Derivatives of h_t with respect to mu, omega, alpha and beta, carried along the recursion.
        double dhMu = -(alpha + beta) * 2 * sum / n;
        double dhOmega = 1;
        double dhAlpha = start;
        double dhBeta = start;
        double gMu = 0, gOmega = 0, gAlpha = 0, gBeta = 0, gNu = 0;
        double logLikelihood = n * constant;
        for (int t = 0; t < n; t++)
        {
            if (!(h > 0) || !double.IsFinite(h))
            {
                return double.NaN;
            }

            if (!variances.IsEmpty)
            {
                variances[t] = h;
            }

            double e = returns[t] - mu;
            double e2 = e * e;
            double inverseH = 1 / h;
            double logH = Math.Log(h);
            double dlDh, dlDe;
            if (layout.StudentT)
            {
                double q = e2 * inverseH * inverseNuMinusTwo;
                double log1pq = Math.Log(1 + q);
                logLikelihood -= (0.5 * logH) + (halfNuPlusOne * log1pq);
                if (wantGradient)
                {
                    double ratio = q / (1 + q);
                    dlDh = 0.5 * inverseH * (((nu + 1) * ratio) - 1);
                    dlDe = -(nu + 1) * e * inverseH * inverseNuMinusTwo / (1 + q);
                    gNu += (-0.5 * log1pq) + (halfNuPlusOne * ratio * inverseNuMinusTwo);
                }
                else
                {
                    dlDh = dlDe = 0;
                }
            }
            else
            {
                logLikelihood -= 0.5 * (logH + (e2 * inverseH));
                dlDh = 0.5 * inverseH * ((e2 * inverseH) - 1);
                dlDe = -e * inverseH;
            }

            if (wantGradient)
            {
                gMu += (dlDh * dhMu) - dlDe;
                gOmega += dlDh * dhOmega;
                gAlpha += dlDh * dhAlpha;
                gBeta += dlDh * dhBeta;
                dhMu = (-2 * alpha * e) + (beta * dhMu);
                dhOmega = 1 + (beta * dhOmega);
                dhAlpha = e2 + (beta * dhAlpha);
                dhBeta = h + (beta * dhBeta);
            }

            h = omega + (alpha * e2) + (beta * h);
        }

        if (wantGradient)
        {
            if (layout.IncludeMean)
            {
                gradient[layout.Mu] = gMu;
            }

            gradient[layout.Omega] = gOmega;
            gradient[layout.Alpha] = gAlpha;
            gradient[layout.Beta] = gBeta;
            if (layout.StudentT)
            {
                double dConstant = 0.5 * (SpecialFunctions.DiGamma((nu + 1) / 2) - SpecialFunctions.DiGamma(nu / 2)) - (0.5 * inverseNuMinusTwo);
                gradient[layout.Shape] = (n * dConstant) + gNu;
            }
        }

        return double.IsFinite(logLikelihood) ? logLikelihood : double.NaN;
    }

    /// <summary>The one-step-ahead variance <c>h_{n+1} = omega + alpha * e_n^2 + beta * h_n</c> after the last return.</summary>
    public static double NextVariance(double lastReturn, double lastVariance, double mu, double omega, double alpha, double beta)
    {
        double e = lastReturn - mu;
        return omega + (alpha * e * e) + (beta * lastVariance);
    }
}
