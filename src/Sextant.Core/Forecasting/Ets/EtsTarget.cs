using MathNet.Numerics;

namespace Sextant.Forecasting.Ets;

/// <summary>
/// The objective of an ETS fit as <c>forecast</c>'s <c>EtsTargetFunction</c> computes it: parameters outside the
/// bounds or the admissible region, or negative multiplicative seasons, are infinite; otherwise the recursion's
/// likelihood term (floored at -1e10 against perfect fits) or the one-step mean squared error.
/// </summary>
internal sealed class EtsTarget
{
    private readonly double[] _y;
    private readonly EtsSpec _spec;
    private readonly int _m;
    private readonly EtsOptions _options;
    private readonly int _smoothingCount;
    private readonly double[] _states;
    private readonly double[] _errors;
    private readonly double[] _amse;

    public EtsTarget(double[] y, EtsSpec spec, int m, EtsOptions options)
    {
        _y = y;
        _spec = spec;
        _m = m;
        _options = options;
        _smoothingCount = SmoothingCount(spec);
        var p = EtsRecursion.StateCount(spec, m);
        _states = new double[p * (y.Length + 1)];
        _errors = new double[y.Length];
        _amse = new double[options.Nmse];
    }

    /// <summary>The smoothing parameters a model estimates: alpha, then beta, gamma, phi as present.</summary>
    public static int SmoothingCount(EtsSpec spec) => 1 + (spec.HasTrend ? 1 : 0) + (spec.HasSeason ? 1 : 0) + (spec.Damped ? 1 : 0);

    /// <summary>The parameters in a vector laid out as alpha, [beta], [gamma], [phi], initial states.</summary>
    public EtsRecursion.Parameters Unpack(ReadOnlySpan<double> par)
    {
        var j = 1;
        var beta = _spec.HasTrend ? par[j++] : 0;
        var gamma = _spec.HasSeason ? par[j++] : 0;
        var phi = _spec.Damped ? par[j] : 1;
        return new EtsRecursion.Parameters(par[0], beta, gamma, phi);
    }

    /// <summary>The objective at <paramref name="par"/>.</summary>
    public double Evaluate(double[] par)
    {
        var parameters = Unpack(par);
        if (!CheckParameters(parameters, _spec, _m, _options))
        {
            return double.PositiveInfinity;
        }

        if (!FillInitialStates(par.AsSpan(_smoothingCount), _states))
        {
            return double.PositiveInfinity;
        }

        var lik = EtsRecursion.Run(_y, _states, _m, _spec, parameters, _errors, _amse);
        if (lik < -1e10)
        {
            lik = -1e10;
        }

        if (double.IsNaN(lik) || Math.Abs(lik - EtsRecursion.NotAvailable) < 1e-7)
        {
            return double.PositiveInfinity;
        }

        return _options.Criterion == EtsCriterion.Likelihood ? lik : _amse[0];
    }

    /// <summary>
    /// Copies the free initial states into the first row of <paramref name="states"/> and appends the implied last season;
    /// false when a multiplicative season would be negative.
    /// </summary>
    public bool FillInitialStates(ReadOnlySpan<double> free, Span<double> states)
    {
        free.CopyTo(states);
        if (!_spec.HasSeason)
        {
            return true;
        }

        var first = _spec.HasTrend ? 2 : 1;
        double sum = 0;
        for (var i = first; i < free.Length; i++)
        {
            sum += free[i];
        }

        var last = (_spec.Season == EtsComponent.Multiplicative ? _m : 0) - sum;
        states[free.Length] = last;
        if (_spec.Season == EtsComponent.Multiplicative)
        {
            for (var i = first; i <= free.Length; i++)
            {
                if (states[i] < 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The usual bounds and the admissible region, as <c>check.param</c> and <c>admissible</c> test them.</summary>
    public static bool CheckParameters(EtsRecursion.Parameters p, EtsSpec spec, int m, EtsOptions options)
    {
        var lower = options.Lower;
        var upper = options.Upper;
        if (options.Bounds != EtsBounds.Admissible)
        {
            if (p.Alpha < lower[0] || p.Alpha > upper[0])
            {
                return false;
            }

            if (spec.HasTrend && (p.Beta < lower[1] || p.Beta > p.Alpha || p.Beta > upper[1]))
            {
                return false;
            }

            if (spec.Damped && (p.Phi < lower[3] || p.Phi > upper[3]))
            {
                return false;
            }

            if (spec.HasSeason && (p.Gamma < lower[2] || p.Gamma > 1 - p.Alpha || p.Gamma > upper[2]))
            {
                return false;
            }
        }

        return options.Bounds == EtsBounds.Usual || Admissible(p, spec, m);
    }

    private static bool Admissible(EtsRecursion.Parameters p, EtsSpec spec, int m)
    {
        var (alpha, beta, gamma, phi) = (p.Alpha, spec.HasTrend ? p.Beta : 0, p.Gamma, p.Phi);
        if (phi < 0 || phi > 1 + 1e-8)
        {
            return false;
        }

        if (!spec.HasSeason)
        {
            if (alpha < 1 - (1 / phi) || alpha > 1 + (1 / phi))
            {
                return false;
            }

            return !spec.HasTrend || !(beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha));
        }

        if (m <= 1)
        {
            return true;
        }

        if (gamma < Math.Max(1 - (1 / phi) - alpha, 0) || gamma > 1 + (1 / phi) - alpha)
        {
            return false;
        }

        if (alpha < 1 - (1 / phi) - (gamma * (1 - m + phi + (phi * m)) / (2 * phi * m)))
        {
            return false;
        }

        if (beta < -(1 - phi) * ((gamma / m) + alpha))
        {
            return false;
        }

        // The characteristic polynomial, lowest power first, as forecast:::admissible builds it for polyroot.
        var poly = new double[m + 2];
        poly[0] = phi * (1 - alpha - gamma);
        poly[1] = alpha + beta - (alpha * phi) + gamma - 1;
        for (var i = 2; i < m; i++)
        {
            poly[i] = alpha + beta - (alpha * phi);
        }

        poly[m] = alpha + beta - phi;
        poly[m + 1] = 1;
        double max = 0;
        foreach (var root in FindRoots.Polynomial(poly))
        {
            max = Math.Max(max, root.Magnitude);
        }

        return max <= 1 + 1e-10;
    }
}
