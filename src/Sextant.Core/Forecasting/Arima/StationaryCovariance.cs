namespace Sextant.Forecasting.Arima;

/// <summary>
/// The stationary covariance of the ARMA state vector (Harvey's form), the solution of <c>P = T P T' + R R'</c>, by the
/// doubling algorithm: <c>P += A P A'</c>, <c>A = A * A</c>. It needs O(r^3) per doubling and about log2 of the
/// process memory doublings, where solving the Kronecker system (R's Gardner et al. 1980 method) grows as O(r^4) or more:
/// seasonal models have r up to 30.
/// </summary>
internal sealed class StationaryCovariance
{
    private const int MaxDoublings = 64;
    private readonly int _r;
    private readonly double[] _a;
    private readonly double[] _next;
    private readonly double[] _work;

    public StationaryCovariance(int r)
    {
        _r = r;
        _a = new double[r * r];
        _next = new double[r * r];
        _work = new double[r * r];
    }

    /// <summary>Writes the covariance (row-major r x r, unit innovation variance) into <paramref name="p"/>.</summary>
    /// <returns>False when the doubling did not converge (the AR part is not stationary).</returns>
    public bool Compute(ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, Span<double> p)
    {
        var r = _r;
        var a = _a;
        Array.Clear(a);
        for (var i = 0; i < r; i++)
        {
            if (i < phi.Length)
            {
                a[i * r] = phi[i];
            }

            if (i < r - 1)
            {
                a[(i * r) + i + 1] = 1;
            }
        }

        for (var i = 0; i < r; i++)
        {
            var ri = i == 0 ? 1 : (i - 1 < theta.Length ? theta[i - 1] : 0);
            for (var j = 0; j < r; j++)
            {
                var rj = j == 0 ? 1 : (j - 1 < theta.Length ? theta[j - 1] : 0);
                p[(i * r) + j] = ri * rj;
            }
        }

        for (var k = 0; k < MaxDoublings; k++)
        {
            // work = A P; next = work A'; P += next.
            Multiply(a, p, _work, r);
            double change = 0, size = 0;
            for (var i = 0; i < r; i++)
            {
                for (var j = 0; j < r; j++)
                {
                    double s = 0;
                    for (var l = 0; l < r; l++)
                    {
                        s += _work[(i * r) + l] * a[(j * r) + l];
                    }

                    p[(i * r) + j] += s;
                    change = Math.Max(change, Math.Abs(s));
                    size = Math.Max(size, Math.Abs(p[(i * r) + j]));
                }
            }

            if (!double.IsFinite(size))
            {
                return false;
            }

            if (change <= 1e-15 * size)
            {
                return true;
            }

            Multiply(a, a, _next, r);
            _next.AsSpan().CopyTo(a);
        }

        return false;
    }

    private static void Multiply(double[] left, ReadOnlySpan<double> right, double[] result, int r)
    {
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < r; j++)
            {
                double s = 0;
                for (var l = 0; l < r; l++)
                {
                    s += left[(i * r) + l] * right[(l * r) + j];
                }

                result[(i * r) + j] = s;
            }
        }
    }
}
