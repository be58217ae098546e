using System.Numerics;
using MathNet.Numerics;

namespace Sextant.Forecasting.Arima;

/// <summary>
/// The polynomial algebra of (seasonal) ARMA models, as R's <c>stats::arima</c> does it: expanding the seasonal product,
/// the Jones (1980) / Monahan (1984) partial-autocorrelation transform that keeps AR parts stationary, and root checks.
/// </summary>
internal static class ArimaPolynomials
{
    /// <summary>
    /// Expands <c>(1 - phi(B))(1 - Phi(B^s))</c> and <c>(1 + theta(B))(1 + Theta(B^s))</c> from the packed parameters
    /// <c>[ar(p), ma(q), sar(P), sma(Q)]</c> into <paramref name="phi"/> (length p + sP) and <paramref name="theta"/> (q + sQ).
    /// </summary>
    public static void Expand(ReadOnlySpan<double> par, ArimaOrder order, Span<double> phi, Span<double> theta)
    {
        int mp = order.P, mq = order.Q, msp = order.SeasonalP, msq = order.SeasonalQ, ns = order.Period;
        phi.Clear();
        theta.Clear();
        for (var i = 0; i < mp; i++)
        {
            phi[i] = par[i];
        }

        for (var i = 0; i < mq; i++)
        {
            theta[i] = par[i + mp];
        }

        for (var j = 0; j < msp; j++)
        {
            var sar = par[j + mp + mq];
            phi[((j + 1) * ns) - 1] += sar;
            for (var i = 0; i < mp; i++)
            {
                phi[((j + 1) * ns) + i] -= par[i] * sar;
            }
        }

        for (var j = 0; j < msq; j++)
        {
            var sma = par[j + mp + mq + msp];
            theta[((j + 1) * ns) - 1] += sma;
            for (var i = 0; i < mq; i++)
            {
                theta[((j + 1) * ns) + i] += par[i + mp] * sma;
            }
        }
    }

    /// <summary>Maps unconstrained values to the coefficients of a stationary AR polynomial (tanh to PACF, then Durbin-Levinson).</summary>
    public static void ToStationary(ReadOnlySpan<double> raw, Span<double> ar)
    {
        var p = raw.Length;
        Span<double> work = p <= 64 ? stackalloc double[p] : new double[p];
        for (var j = 0; j < p; j++)
        {
            work[j] = ar[j] = Math.Tanh(raw[j]);
        }

        for (var j = 1; j < p; j++)
        {
            var a = ar[j];
            for (var k = 0; k < j; k++)
            {
                work[k] -= a * ar[j - k - 1];
            }

            work[..j].CopyTo(ar);
        }
    }

    /// <summary>The inverse of <see cref="ToStationary"/> for a stationary AR polynomial.</summary>
    public static void FromStationary(ReadOnlySpan<double> ar, Span<double> raw)
    {
        var p = ar.Length;
        Span<double> work = p <= 64 ? stackalloc double[p] : new double[p];
        ar.CopyTo(raw);
        raw.CopyTo(work);
        for (var j = p - 1; j > 0; j--)
        {
            var a = raw[j];
            for (var k = 0; k < j; k++)
            {
                work[k] = (raw[k] + (a * raw[j - k - 1])) / (1 - (a * a));
            }

            work[..j].CopyTo(raw);
        }

        for (var j = 0; j < p; j++)
        {
            raw[j] = Math.Atanh(raw[j]);
        }
    }

    /// <summary>Whether <c>1 - ar_1 z - ... - ar_p z^p</c> has every root outside the unit circle.</summary>
    public static bool IsStationary(ReadOnlySpan<double> ar) => MinimumRootModulus(ar, -1) > 1;

    /// <summary>
    /// The smallest modulus of the roots of <c>1 + sign * (c_1 z + ... + c_k z^k)</c>, trailing near-zero coefficients
    /// dropped (as <c>forecast</c>'s root check does); 2 when no coefficient is left.
    /// </summary>
    public static double MinimumRootModulus(ReadOnlySpan<double> coefficients, int sign)
    {
        var last = -1;
        for (var i = 0; i < coefficients.Length; i++)
        {
            if (Math.Abs(coefficients[i]) > 1e-8)
            {
                last = i;
            }
        }

        if (last < 0)
        {
            return 2;
        }

        var poly = new double[last + 2];
        poly[0] = 1;
        for (var i = 0; i <= last; i++)
        {
            poly[i + 1] = sign * coefficients[i];
        }

        var min = double.PositiveInfinity;
        foreach (var root in FindRoots.Polynomial(poly))
        {
            min = Math.Min(min, root.Magnitude);
        }

        return min;
    }

    /// <summary>Reflects the roots of <c>1 + ma(z)</c> inside the unit circle to make the MA part invertible (R's <c>maInvert</c>).</summary>
    public static void InvertMovingAverage(Span<double> ma)
    {
        var q = ma.Length;
        var q0 = 0;
        for (var i = 0; i < q; i++)
        {
            if (ma[i] != 0)
            {
                q0 = i + 1;
            }
        }

        if (q0 == 0)
        {
            return;
        }

        var poly = new double[q0 + 1];
        poly[0] = 1;
        ma[..q0].CopyTo(poly.AsSpan(1));
        var roots = FindRoots.Polynomial(poly);
        var inside = false;
        foreach (var root in roots)
        {
            inside |= root.Magnitude < 1;
        }

        if (!inside)
        {
            return;
        }

        if (q0 == 1)
        {
            ma[0] = 1 / ma[0];
            ma[1..].Clear();
            return;
        }

        // Rebuild prod (1 - z / r_i) with the inside roots reflected to 1 / r_i.
        var x = new Complex[q0 + 1];
        x[0] = Complex.One;
        var degree = 0;
        foreach (var r in roots)
        {
            var root = r.Magnitude < 1 ? 1 / r : r;
            degree++;
            for (var k = degree; k >= 1; k--)
            {
                x[k] -= x[k - 1] / root;
            }
        }

        for (var i = 0; i < q0; i++)
        {
            ma[i] = x[i + 1].Real;
        }

        ma[q0..].Clear();
    }
}
