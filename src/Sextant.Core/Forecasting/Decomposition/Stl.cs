namespace Sextant.Forecasting.Decomposition;

/// <summary>
/// Seasonal-trend decomposition by loess (Cleveland et al. 1990), a port of the non-robust path of R's <c>stl</c>
/// (Fortran <c>stl.f</c>): seasonal smoothing of each cycle-subseries, a low-pass filter, and trend smoothing, with the
/// same windows, degrees and jumps as <c>stl(x, s.window)</c> chooses by default.
/// </summary>
internal static class Stl
{
    /// <summary>Decomposes <paramref name="y"/> into seasonal and trend parts (the remainder is y - seasonal - trend).</summary>
    /// <param name="y">The series; more than two periods long.</param>
    /// <param name="period">The season length, at least 2.</param>
    /// <param name="seasonalWindow">The seasonal loess window (odd, at least 3). <value>R's <c>mstl</c> uses 11.</value></param>
    public static (double[] Seasonal, double[] Trend) Decompose(ReadOnlySpan<double> y, int period, int seasonalWindow = 11)
    {
        var n = y.Length;
        if (period < 2 || n <= 2 * period)
        {
            throw new ArgumentException("STL needs a period of at least 2 and more than two periods of data.");
        }

        var ns = NextOdd(seasonalWindow);
        var nt = NextOdd((int)Math.Ceiling(1.5 * period / (1 - (1.5 / ns))));
        var nl = NextOdd(period);
        const int isdeg = 0, itdeg = 1, ildeg = 1;
        var nsjump = (int)Math.Ceiling(ns / 10.0);
        var ntjump = (int)Math.Ceiling(nt / 10.0);
        var nljump = (int)Math.Ceiling(nl / 10.0);
        const int inner = 2;

        var x = y.ToArray();
        var trend = new double[n];
        var season = new double[n];
        var m = n + (2 * period);
        var w1 = new double[m];
        var w2 = new double[m];
        var w3 = new double[m];
        var w4 = new double[m];
        var w5 = new double[m];
        for (var iteration = 0; iteration < inner; iteration++)
        {
            for (var i = 0; i < n; i++)
            {
                w1[i] = x[i] - trend[i];
            }

            SubseriesSmooth(w1, n, period, ns, isdeg, nsjump, w2, w3, w4, w5);
            LowPass(w2, m, period, w3, w1);
            Loess(w3, n, nl, ildeg, nljump, w1, w5);
            for (var i = 0; i < n; i++)
            {
                season[i] = w2[period + i] - w1[i];
            }

            for (var i = 0; i < n; i++)
            {
                w1[i] = x[i] - season[i];
            }

            Loess(w1, n, nt, itdeg, ntjump, trend, w3);
        }

        return (season, trend);
    }

    private static int NextOdd(int x) => x % 2 == 0 ? x + 1 : x;

    // stlss: smooth each cycle-subseries, extended one period at each end, into season (length n + 2 np).
    private static void SubseriesSmooth(double[] y, int n, int np, int ns, int isdeg, int nsjump, double[] season, double[] work1, double[] work2, double[] work3)
    {
        for (var j = 0; j < np; j++)
        {
            var k = ((n - (j + 1)) / np) + 1;
            for (var i = 0; i < k; i++)
            {
                work1[i] = y[(i * np) + j];
            }

            // work2[1..k] (0-based offset 1) receives the smoothed subseries; work2[0] and work2[k+1] the extensions.
            var smoothed = new double[k];
            Loess(work1, k, ns, isdeg, nsjump, smoothed, work3);
            smoothed.CopyTo(work2, 1);
            var nright = Math.Min(ns, k);
            if (!Estimate(work1, k, ns, isdeg, 0, 1, nright, work3, out work2[0]))
            {
                work2[0] = work2[1];
            }

            var nleft = Math.Max(1, k - ns + 1);
            if (!Estimate(work1, k, ns, isdeg, k + 1, nleft, k, work3, out work2[k + 1]))
            {
                work2[k + 1] = work2[k];
            }

            for (var mm = 0; mm < k + 2; mm++)
            {
                season[(mm * np) + j] = work2[mm];
            }
        }

    }

    // stlfts: moving averages of lengths np, np and 3.
    private static void LowPass(double[] x, int n, int np, double[] trend, double[] work)
    {
        MovingAverage(x, n, np, trend);
        MovingAverage(trend, n - np + 1, np, work);
        MovingAverage(work, n - (2 * np) + 2, 3, trend);
    }

    private static void MovingAverage(double[] x, int n, int len, double[] ave)
    {
        var newn = n - len + 1;
        double v = 0;
        for (var i = 0; i < len; i++)
        {
            v += x[i];
        }

        ave[0] = v / len;
        for (var j = 1; j < newn; j++)
        {
            v = v - x[j - 1] + x[len + j - 1];
            ave[j] = v / len;
        }
    }

    // stless: loess of y[0..n) at every point (every njump-th, linearly interpolated between).
    private static void Loess(double[] y, int n, int len, int ideg, int njump, double[] ys, double[] res)
    {
        if (n < 2)
        {
            ys[0] = y[0];
            return;
        }

        var newnj = Math.Min(njump, n - 1);
        int nleft = 0, nright = 0;
        if (len >= n)
        {
            nleft = 1;
            nright = n;
            for (var i = 1; i <= n; i += newnj)
            {
                if (!Estimate(y, n, len, ideg, i, nleft, nright, res, out ys[i - 1]))
                {
                    ys[i - 1] = y[i - 1];
                }
            }
        }
        else if (newnj == 1)
        {
            var nsh = (len + 1) / 2;
            nleft = 1;
            nright = len;
            for (var i = 1; i <= n; i++)
            {
                if (i > nsh && nright != n)
                {
                    nleft++;
                    nright++;
                }

                if (!Estimate(y, n, len, ideg, i, nleft, nright, res, out ys[i - 1]))
                {
                    ys[i - 1] = y[i - 1];
                }
            }
        }
        else
        {
            var nsh = (len + 1) / 2;
            for (var i = 1; i <= n; i += newnj)
            {
                if (i < nsh)
                {
                    nleft = 1;
                    nright = len;
                }
                else if (i >= n - nsh + 1)
                {
                    nleft = n - len + 1;
                    nright = n;
                }
                else
                {
                    nleft = i - nsh + 1;
                    nright = len + i - nsh;
                }

                if (!Estimate(y, n, len, ideg, i, nleft, nright, res, out ys[i - 1]))
                {
                    ys[i - 1] = y[i - 1];
                }
            }
        }

        if (newnj != 1)
        {
            for (var i = 1; i <= n - newnj; i += newnj)
            {
                var delta = (ys[i + newnj - 1] - ys[i - 1]) / newnj;
                for (var j = i + 1; j <= i + newnj - 1; j++)
                {
                    ys[j - 1] = ys[i - 1] + (delta * (j - i));
                }
            }

            var k = (((n - 1) / newnj) * newnj) + 1;
            if (k != n)
            {
                if (!Estimate(y, n, len, ideg, n, nleft, nright, res, out ys[n - 1]))
                {
                    ys[n - 1] = y[n - 1];
                }

                if (k != n - 1)
                {
                    var delta = (ys[n - 1] - ys[k - 1]) / (n - k);
                    for (var j = k + 1; j <= n - 1; j++)
                    {
                        ys[j - 1] = ys[k - 1] + (delta * (j - k));
                    }
                }
            }
        }
    }

    // stlest: the tricube-weighted local fit of degree ideg at xs (1-based positions nleft..nright).
    private static bool Estimate(double[] y, int n, int len, int ideg, double xs, int nleft, int nright, double[] w, out double ys)
    {
        double range = n - 1;
        var h = Math.Max(xs - nleft, nright - xs);
        if (len > n)
        {
            h += (len - n) / 2;
        }

        var h9 = 0.999 * h;
        var h1 = 0.001 * h;
        double a = 0;
        for (var j = nleft; j <= nright; j++)
        {
            w[j - 1] = 0;
            var r = Math.Abs(j - xs);
            if (r <= h9)
            {
                if (r <= h1)
                {
                    w[j - 1] = 1;
                }
                else
                {
                    var q = r / h;
                    q = 1 - (q * q * q);
                    w[j - 1] = q * q * q;
                }

                a += w[j - 1];
            }
        }

        if (a <= 0)
        {
            ys = 0;
            return false;
        }

        for (var j = nleft; j <= nright; j++)
        {
            w[j - 1] /= a;
        }

        if (h > 0 && ideg > 0)
        {
            a = 0;
            for (var j = nleft; j <= nright; j++)
            {
                a += w[j - 1] * j;
            }

            var b = xs - a;
            double c = 0;
            for (var j = nleft; j <= nright; j++)
            {
                c += w[j - 1] * (j - a) * (j - a);
            }

            if (Math.Sqrt(c) > 0.001 * range)
            {
                b /= c;
                for (var j = nleft; j <= nright; j++)
                {
                    w[j - 1] *= (b * (j - a)) + 1;
                }
            }
        }

        ys = 0;
        for (var j = nleft; j <= nright; j++)
        {
            ys += w[j - 1] * y[j - 1];
        }

        return true;
    }
}
