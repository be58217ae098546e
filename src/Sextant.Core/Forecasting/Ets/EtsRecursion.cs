namespace Sextant.Forecasting.Ets;

/// <summary>
/// The ETS state recursions of <c>forecast</c>'s <c>etscalc.c</c> (<c>etscalc</c>, <c>forecast</c>, <c>update</c>,
/// <c>etssimulate</c>): one-step forecasts, errors and state updates, the concentrated likelihood
/// <c>n log(sum e^2) + 2 sum log|f|</c> (the last term for multiplicative errors) and the in-sample mean squared errors
/// of the 1..nmse-step forecasts. States are stored as <c>l, b, s_1..s_m</c> per time, <c>s_1</c> the newest season.
/// </summary>
internal static class EtsRecursion
{
    /// <summary>The value the C code returns for a forecast it cannot make (multiplicative trend with a negative growth).</summary>
    public const double NotAvailable = -99999.0;

    private const double Tolerance = 1.0e-10;
    private const double Huge = 1.0e10;

    /// <summary>The parameters of one evaluation.</summary>
    public readonly record struct Parameters(double Alpha, double Beta, double Gamma, double Phi);

    /// <summary>The number of states per time: level, growth if any, m seasons if any.</summary>
    public static int StateCount(EtsSpec spec, int m) => 1 + (spec.HasTrend ? 1 : 0) + (spec.HasSeason ? m : 0);

    /// <summary>
    /// Runs the recursion over <paramref name="y"/> from the initial states in <paramref name="x"/>[0..p), writing the
    /// states after each observation into <paramref name="x"/> (length p (n + 1)) and the errors into <paramref name="e"/>.
    /// </summary>
    /// <returns>The likelihood term, or <see cref="NotAvailable"/> when a forecast could not be made.</returns>
    public static double Run(ReadOnlySpan<double> y, Span<double> x, int m, EtsSpec spec, Parameters par, Span<double> e, Span<double> amse)
    {
        var n = y.Length;
        var p = StateCount(spec, m);
        var nmse = Math.Min(amse.Length, 30);
        var trended = spec.HasTrend;
        var seasonal = spec.HasSeason;
        Span<double> s = stackalloc double[seasonal ? m : 1];
        Span<double> olds = stackalloc double[seasonal ? m : 1];
        Span<double> f = stackalloc double[Math.Max(nmse, 1)];
        Span<double> denom = stackalloc double[Math.Max(nmse, 1)];
        var l = x[0];
        var b = trended ? x[1] : 0;
        if (seasonal)
        {
            x.Slice(trended ? 2 : 1, m).CopyTo(s);
        }

        amse.Clear();
        denom.Clear();
        double sse = 0, logF = 0;
        for (var i = 0; i < n; i++)
        {
            var oldl = l;
            var oldb = b;
            s.CopyTo(olds);
            Forecast(oldl, oldb, olds, m, spec, par.Phi, f[..Math.Max(nmse, 1)]);
            if (Math.Abs(f[0] - NotAvailable) < Tolerance)
            {
                return NotAvailable;
            }

            e[i] = spec.Error == EtsComponent.Additive ? y[i] - f[0] : (y[i] - f[0]) / f[0];
            for (var j = 0; j < nmse; j++)
            {
                if (i + j < n)
                {
                    denom[j] += 1.0;
                    var tmp = y[i + j] - f[j];
                    amse[j] = ((amse[j] * (denom[j] - 1.0)) + (tmp * tmp)) / denom[j];
                }
            }

            Update(oldl, ref l, oldb, ref b, olds, s, m, spec, par, y[i]);
            var at = p * (i + 1);
            x[at] = l;
            if (trended)
            {
                x[at + 1] = b;
            }

            if (seasonal)
            {
                s.CopyTo(x.Slice(at + (trended ? 2 : 1), m));
            }

            sse += e[i] * e[i];
            logF += Math.Log(Math.Abs(f[0]));
        }

        var lik = n * Math.Log(sse);
        return spec.Error == EtsComponent.Multiplicative ? lik + (2 * logF) : lik;
    }

    /// <summary>The point forecasts for <paramref name="f"/>.Length steps from a state (<c>etsforecast</c>).</summary>
    public static void Forecast(ReadOnlySpan<double> state, int m, EtsSpec spec, double phi, Span<double> f)
    {
        var trended = spec.HasTrend;
        var l = state[0];
        var b = trended ? state[1] : 0;
        var s = spec.HasSeason ? state.Slice(trended ? 2 : 1, m) : [];
        Forecast(l, b, s, m, spec, phi, f);
    }

    /// <summary>
    /// One simulated future path from a state with the given innovations (<c>etssimulate</c>); a multiplicative error
    /// below -1 is taken as -1, as <c>simulate.ets</c> does.
    /// </summary>
    /// <returns>False when a forecast could not be made (the path is then undefined).</returns>
    public static bool Simulate(ReadOnlySpan<double> state, int m, EtsSpec spec, Parameters par, ReadOnlySpan<double> innovations, Span<double> path)
    {
        var trended = spec.HasTrend;
        var seasonal = spec.HasSeason;
        Span<double> s = stackalloc double[seasonal ? m : 1];
        Span<double> olds = stackalloc double[seasonal ? m : 1];
        Span<double> f = stackalloc double[1];
        var l = state[0];
        var b = trended ? state[1] : 0;
        if (seasonal)
        {
            state.Slice(trended ? 2 : 1, m).CopyTo(s);
        }

        for (var i = 0; i < path.Length; i++)
        {
            var oldl = l;
            var oldb = b;
            s.CopyTo(olds);
            Forecast(oldl, oldb, olds, m, spec, par.Phi, f);
            if (Math.Abs(f[0] - NotAvailable) < Tolerance)
            {
                return false;
            }

            path[i] = spec.Error == EtsComponent.Additive ? f[0] + innovations[i] : f[0] * (1.0 + Math.Max(-1, innovations[i]));
            Update(oldl, ref l, oldb, ref b, olds, s, m, spec, par, path[i]);
        }

        return true;
    }

    private static void Forecast(double l, double b, ReadOnlySpan<double> s, int m, EtsSpec spec, double phi, Span<double> f)
    {
        var phistar = phi;
        var h = f.Length;
        for (var i = 0; i < h; i++)
        {
            if (spec.Trend == EtsComponent.None)
            {
                f[i] = l;
            }
            else if (spec.Trend == EtsComponent.Additive)
            {
                f[i] = l + (phistar * b);
            }
            else if (b < 0)
            {
                f[i] = NotAvailable;
            }
            else
            {
                f[i] = l * Math.Pow(b, phistar);
            }

            var j = m - 1 - i;
            while (j < 0)
            {
                j += m;
            }

            if (spec.Season == EtsComponent.Additive)
            {
                f[i] += s[j];
            }
            else if (spec.Season == EtsComponent.Multiplicative)
            {
                f[i] *= s[j];
            }

            if (i < h - 1)
            {
                phistar += Math.Abs(phi - 1.0) < Tolerance ? 1.0 : Math.Pow(phi, i + 1);
            }
        }
    }

    private static void Update(double oldl, ref double l, double oldb, ref double b, ReadOnlySpan<double> olds, Span<double> s, int m, EtsSpec spec, Parameters par, double y)
    {
        double q, phib;
        if (spec.Trend == EtsComponent.None)
        {
            q = oldl;
            phib = 0;
        }
        else if (spec.Trend == EtsComponent.Additive)
        {
            phib = par.Phi * oldb;
            q = oldl + phib;
        }
        else if (Math.Abs(par.Phi - 1.0) < Tolerance)
        {
            phib = oldb;
            q = oldl * oldb;
        }
        else
        {
            phib = Math.Pow(oldb, par.Phi);
            q = oldl * phib;
        }

        double p;
        if (spec.Season == EtsComponent.None)
        {
            p = y;
        }
        else if (spec.Season == EtsComponent.Additive)
        {
            p = y - olds[m - 1];
        }
        else
        {
            p = Math.Abs(olds[m - 1]) < Tolerance ? Huge : y / olds[m - 1];
        }

        l = q + (par.Alpha * (p - q));
        if (spec.HasTrend)
        {
            double r;
            if (spec.Trend == EtsComponent.Additive)
            {
                r = l - oldl;
            }
            else
            {
                r = Math.Abs(oldl) < Tolerance ? Huge : l / oldl;
            }

            b = phib + (par.Beta / par.Alpha * (r - phib));
        }

        if (spec.HasSeason)
        {
            double t;
            if (spec.Season == EtsComponent.Additive)
            {
                t = y - q;
            }
            else
            {
                t = Math.Abs(q) < Tolerance ? Huge : y / q;
            }

            s[0] = olds[m - 1] + (par.Gamma * (t - olds[m - 1]));
            for (var j = 1; j < m; j++)
            {
                s[j] = olds[j - 1];
            }
        }
    }
}
