namespace Sextant.Forecasting.Optimization;

/// <summary>
/// The variable-metric (BFGS) minimiser of Nash (1990), as R's <c>optim(method = "BFGS")</c> runs it (<c>vmmin</c>), with
/// R's central-difference gradient on scaled parameters. A port rather than MathNet's BFGS so the path to the optimum,
/// the stopping rule (relative change of the objective) and the results follow R's <c>arima</c>, which the tests compare
/// against; it also needs no gradient object and allocates its workspace once.
/// </summary>
internal sealed class VariableMetric
{
    private const double StepReduction = 0.2;
    private const double AcceptanceTolerance = 0.0001;
    private const double RelativeTest = 10.0;

    private readonly Func<double[], double> _objective;
    private readonly double[] _scale;
    private readonly double[] _unscaled;
    private readonly double[] _gradient;
    private readonly double[] _direction;
    private readonly double[] _x;
    private readonly double[] _c;
    private readonly double[] _b;
    private readonly double[] _inverseHessian;
    private readonly int _n;

    /// <summary>Creates a minimiser of <paramref name="objective"/>, called with unscaled parameters in a reused buffer.</summary>
    public VariableMetric(Func<double[], double> objective, double[] scale)
    {
        _objective = objective;
        _scale = scale;
        _n = scale.Length;
        _unscaled = new double[_n];
        _gradient = new double[_n];
        _direction = new double[_n];
        _x = new double[_n];
        _c = new double[_n];
        _b = new double[_n];
        _inverseHessian = new double[_n * _n];
    }

    /// <summary>The maximum number of iterations. <value>Default 100 (R's).</value></summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Relative convergence tolerance on the objective. <value>Default sqrt(machine epsilon), R's.</value></summary>
    public double RelativeTolerance { get; init; } = 1.490116119384765625e-8;

    /// <summary>The finite-difference step in scaled units. <value>Default 1e-3 (R's <c>ndeps</c>).</value></summary>
    public double Step { get; init; } = 1e-3;

    /// <summary>Objective evaluations so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>
    /// Minimises from <paramref name="start"/> (unscaled), which receives the solution.
    /// </summary>
    /// <returns>The minimum, or NaN when the start is not finite or a finite-difference gradient is not finite (R fails there).</returns>
    public double Minimize(double[] start, out bool converged)
    {
        var n = _n;
        var b = _b;
        var g = _gradient;
        var t = _direction;
        var x = _x;
        var c = _c;
        var h = _inverseHessian;
        converged = false;
        for (var i = 0; i < n; i++)
        {
            b[i] = start[i] / _scale[i];
        }

        var f = Evaluate(b);
        if (!double.IsFinite(f))
        {
            return double.NaN;
        }

        if (n == 0)
        {
            converged = true;
            return f;
        }

        var fmin = f;
        var gradCount = 1;
        if (!Gradient(b, g))
        {
            return double.NaN;
        }

        var iter = 1;
        var ilast = gradCount;
        int count;
        do
        {
            if (ilast == gradCount)
            {
                Array.Clear(h);
                for (var i = 0; i < n; i++)
                {
                    h[(i * n) + i] = 1;
                }
            }

            for (var i = 0; i < n; i++)
            {
                x[i] = b[i];
                c[i] = g[i];
            }

            double gradProjection = 0;
            for (var i = 0; i < n; i++)
            {
                double s = 0;
                for (var j = 0; j <= i; j++)
                {
                    s -= h[(i * n) + j] * g[j];
                }

                for (var j = i + 1; j < n; j++)
                {
                    s -= h[(j * n) + i] * g[j];
                }

                t[i] = s;
                gradProjection += s * g[i];
            }

            if (gradProjection < 0)
            {
                var stepLength = 1.0;
                var accepted = false;
                do
                {
                    count = 0;
                    for (var i = 0; i < n; i++)
                    {
                        b[i] = x[i] + (stepLength * t[i]);
                        if (RelativeTest + x[i] == RelativeTest + b[i])
                        {
                            count++;
                        }
                    }

                    if (count < n)
                    {
                        f = Evaluate(b);
                        accepted = double.IsFinite(f) && f <= fmin + (gradProjection * stepLength * AcceptanceTolerance);
                        if (!accepted)
                        {
                            stepLength *= StepReduction;
                        }
                    }
                }
                while (!(count == n || accepted));

                var enough = Math.Abs(f - fmin) > RelativeTolerance * (Math.Abs(fmin) + RelativeTolerance);
                if (!enough)
                {
                    count = n;
                    fmin = f;
                }

                if (count < n)
                {
                    fmin = f;
                    if (!Gradient(b, g))
                    {
                        return double.NaN;
                    }

                    gradCount++;
                    iter++;
                    double d1 = 0;
                    for (var i = 0; i < n; i++)
                    {
                        t[i] *= stepLength;
                        c[i] = g[i] - c[i];
                        d1 += t[i] * c[i];
                    }

                    if (d1 > 0)
                    {
                        double d2 = 0;
                        for (var i = 0; i < n; i++)
                        {
                            double s = 0;
                            for (var j = 0; j <= i; j++)
                            {
                                s += h[(i * n) + j] * c[j];
                            }

                            for (var j = i + 1; j < n; j++)
                            {
                                s += h[(j * n) + i] * c[j];
                            }

                            x[i] = s;
                            d2 += s * c[i];
                        }

                        d2 = 1 + (d2 / d1);
                        for (var i = 0; i < n; i++)
                        {
                            for (var j = 0; j <= i; j++)
                            {
                                h[(i * n) + j] += ((d2 * t[i] * t[j]) - (x[i] * c[j]) - (t[i] * x[j])) / d1;
                            }
                        }
                    }
                    else
                    {
                        ilast = gradCount;
                    }
                }
                else if (ilast < gradCount)
                {
                    count = 0;
                    ilast = gradCount;
                }
            }
            else
            {
                count = 0;
                if (ilast == gradCount)
                {
                    count = n;
                }
                else
                {
                    ilast = gradCount;
                }
            }

            if (iter >= MaxIterations)
            {
                break;
            }

            if (gradCount - ilast > 2 * n)
            {
                ilast = gradCount;
            }
        }
        while (count != n || ilast != gradCount);

        converged = iter < MaxIterations;
        for (var i = 0; i < n; i++)
        {
            start[i] = b[i] * _scale[i];
        }

        return fmin;
    }

    private double Evaluate(double[] scaled)
    {
        for (var i = 0; i < _n; i++)
        {
            _unscaled[i] = scaled[i] * _scale[i];
        }

        Evaluations++;
        return _objective(_unscaled);
    }

    private bool Gradient(double[] scaled, double[] gradient)
    {
        for (var i = 0; i < _n; i++)
        {
            var keep = scaled[i];
            scaled[i] = keep + Step;
            var up = Evaluate(scaled);
            scaled[i] = keep - Step;
            var down = Evaluate(scaled);
            scaled[i] = keep;
            gradient[i] = (up - down) / (2 * Step);
            if (!double.IsFinite(gradient[i]))
            {
                return false;
            }
        }

        return true;
    }
}
