namespace Sextant.Forecasting.Optimization;

/// <summary>
/// The Nelder-Mead simplex minimiser of Nash (1990) as R's <c>optim(method = "Nelder-Mead")</c> runs it (<c>nmmin</c>),
/// which <c>forecast::ets</c> calls (<c>etsNelderMead</c>) with reflection 1, contraction 0.5 and expansion 2. A port
/// rather than a library simplex so the initial simplex, the moves, the stopping rule and therefore the fitted ETS
/// parameters follow R's; an objective that returns a non-finite value (a parameter out of bounds) counts as 1e35.
/// </summary>
internal sealed class NelderMead
{
    private const double Big = 1.0e35;
    private const double Reflection = 1.0;
    private const double Contraction = 0.5;
    private const double Expansion = 2.0;

    private readonly Func<double[], double> _objective;

    /// <summary>Creates a minimiser of <paramref name="objective"/>, which is called with a reused buffer.</summary>
    public NelderMead(Func<double[], double> objective) => _objective = objective;

    /// <summary>The most objective evaluations. <value>Default 2000 (forecast's <c>maxit</c>).</value></summary>
    public int MaxEvaluations { get; init; } = 2000;

    /// <summary>Relative convergence tolerance on the objective. <value>Default sqrt(machine epsilon), R's.</value></summary>
    public double RelativeTolerance { get; init; } = 1.490116119384765625e-8;

    /// <summary>Objective evaluations of the last run.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Minimises from <paramref name="start"/>, which receives the best point found.</summary>
    /// <returns>The minimum, or NaN when the objective is not finite at the start.</returns>
    public double Minimize(double[] start, out bool converged)
    {
        var n = start.Length;
        var b = (double[])start.Clone();
        converged = false;
        var f = _objective(b);
        Evaluations = 1;
        if (!double.IsFinite(f))
        {
            return double.NaN;
        }

        if (n == 0)
        {
            converged = true;
            return f;
        }

        // p[i, j]: coordinate i of vertex j (rows 0..n-1), row n the objective; column n + 1 the centroid.
        var n1 = n + 1;
        var c = n + 2;
        var p = new double[n1, c];
        var convtol = RelativeTolerance * (Math.Abs(f) + RelativeTolerance);
        p[n1 - 1, 0] = f;
        for (var i = 0; i < n; i++)
        {
            p[i, 0] = b[i];
        }

        var low = 1;
        double size = 0;
        double step = 0;
        for (var i = 0; i < n; i++)
        {
            step = Math.Max(step, 0.1 * Math.Abs(b[i]));
        }

        if (step == 0)
        {
            step = 0.1;
        }

        for (var j = 2; j <= n1; j++)
        {
            for (var i = 0; i < n; i++)
            {
                p[i, j - 1] = b[i];
            }

            var trystep = step;
            while (p[j - 2, j - 1] == b[j - 2])
            {
                p[j - 2, j - 1] = b[j - 2] + trystep;
                trystep *= 10;
            }

            size += trystep;
        }

        var oldsize = size;
        var calcvert = true;
        var failed = false;
        var evaluations = 1;
        do
        {
            if (calcvert)
            {
                for (var j = 0; j < n1; j++)
                {
                    if (j + 1 != low)
                    {
                        for (var i = 0; i < n; i++)
                        {
                            b[i] = p[i, j];
                        }

                        p[n1 - 1, j] = Evaluate(b);
                        evaluations++;
                    }
                }

                calcvert = false;
            }

            var vl = p[n1 - 1, low - 1];
            var vh = vl;
            var high = low;
            for (var j = 1; j <= n1; j++)
            {
                if (j != low)
                {
                    var fj = p[n1 - 1, j - 1];
                    if (fj < vl)
                    {
                        low = j;
                        vl = fj;
                    }

                    if (fj > vh)
                    {
                        high = j;
                        vh = fj;
                    }
                }
            }

            if (vh <= vl + convtol)
            {
                converged = true;
                break;
            }

            for (var i = 0; i < n; i++)
            {
                var temp = -p[i, high - 1];
                for (var j = 0; j < n1; j++)
                {
                    temp += p[i, j];
                }

                p[i, c - 1] = temp / n;
            }

            for (var i = 0; i < n; i++)
            {
                b[i] = ((1.0 + Reflection) * p[i, c - 1]) - (Reflection * p[i, high - 1]);
            }

            f = Evaluate(b);
            evaluations++;
            var vr = f;
            if (vr < vl)
            {
                p[n1 - 1, c - 1] = f;
                for (var i = 0; i < n; i++)
                {
                    var extended = (Expansion * b[i]) + ((1 - Expansion) * p[i, c - 1]);
                    p[i, c - 1] = b[i];
                    b[i] = extended;
                }

                f = Evaluate(b);
                evaluations++;
                if (f < vr)
                {
                    for (var i = 0; i < n; i++)
                    {
                        p[i, high - 1] = b[i];
                    }

                    p[n1 - 1, high - 1] = f;
                }
                else
                {
                    for (var i = 0; i < n; i++)
                    {
                        p[i, high - 1] = p[i, c - 1];
                    }

                    p[n1 - 1, high - 1] = vr;
                }
            }
            else
            {
                if (vr < vh)
                {
                    for (var i = 0; i < n; i++)
                    {
                        p[i, high - 1] = b[i];
                    }

                    p[n1 - 1, high - 1] = vr;
                }

                for (var i = 0; i < n; i++)
                {
                    b[i] = ((1 - Contraction) * p[i, high - 1]) + (Contraction * p[i, c - 1]);
                }

                f = Evaluate(b);
                evaluations++;
                if (f < p[n1 - 1, high - 1])
                {
                    for (var i = 0; i < n; i++)
                    {
                        p[i, high - 1] = b[i];
                    }

                    p[n1 - 1, high - 1] = f;
                }
                else if (vr >= vh)
                {
                    calcvert = true;
                    size = 0.0;
                    for (var j = 0; j < n1; j++)
                    {
                        if (j + 1 != low)
                        {
                            for (var i = 0; i < n; i++)
                            {
                                p[i, j] = (Contraction * (p[i, j] - p[i, low - 1])) + p[i, low - 1];
                                size += Math.Abs(p[i, j] - p[i, low - 1]);
                            }
                        }
                    }

                    if (size < oldsize)
                    {
                        oldsize = size;
                    }
                    else
                    {
                        failed = true;
                        break;
                    }
                }
            }
        }
        while (evaluations <= MaxEvaluations);

        Evaluations = evaluations;
        converged = converged && !failed;
        for (var i = 0; i < n; i++)
        {
            start[i] = p[i, low - 1];
        }

        return p[n1 - 1, low - 1];
    }

    private double Evaluate(double[] x)
    {
        var f = _objective(x);
        return double.IsFinite(f) ? f : Big;
    }
}
