namespace Sextant.Forecasting.Risk;

/// <summary>
/// A compact BFGS minimiser for a few unconstrained parameters with an analytic gradient: backtracking Armijo line
/// search that treats a non-finite value as "step too long", curvature-guarded inverse-Hessian updates, and a restart
/// from steepest descent when the direction stops descending. Nothing is allocated per iteration.
/// </summary>
internal static class QuasiNewtonMinimizer
{
    /// <summary>An objective: returns f(x) and writes its gradient; NaN or infinity marks x as outside the domain.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="x"/>, which receives the minimiser.</summary>
    /// <param name="objective">The objective; finite at the start.</param>
    /// <param name="x">The start; overwritten with the result.</param>
    /// <param name="gradientTolerance">Converged when every gradient component is at most this in absolute value.</param>
    /// <param name="maxIterations">The most BFGS iterations.</param>
    /// <returns>The outcome: converged or not, the final value and the iterations used.</returns>
    public static MinimizationResult Minimize(Objective objective, Span<double> x, double gradientTolerance, int maxIterations)
    {
        int d = x.Length;
        var gradient = new double[d];
        var nextGradient = new double[d];
        var next = new double[d];
        var direction = new double[d];
        var s = new double[d];
        var y = new double[d];
        var hy = new double[d];
        var inverseHessian = new double[d * d];
        ResetToIdentity(inverseHessian, d, 1);

        double f = objective(x, gradient);
        if (!double.IsFinite(f))
        {
            return new MinimizationResult(false, f, 0);
        }

        bool identity = true;
        int stalls = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (MaxAbs(gradient) <= gradientTolerance)
            {
                return new MinimizationResult(true, f, iteration);
            }

            double slope = 0;
            for (int i = 0; i < d; i++)
            {
                double sum = 0;
                for (int j = 0; j < d; j++)
                {
                    sum -= inverseHessian[(i * d) + j] * gradient[j];
                }

                direction[i] = sum;
                slope += sum * gradient[i];
            }

            if (!(slope < 0))
            {
                ResetToIdentity(inverseHessian, d, 1);
                identity = true;
                slope = 0;
                for (int i = 0; i < d; i++)
                {
                    direction[i] = -gradient[i];
                    slope -= gradient[i] * gradient[i];
                }
            }

            // The first steepest-descent step is scaled so that it moves no parameter by more than 1.
            double step = identity ? Math.Min(1, 1 / MaxAbs(direction)) : 1;
            double nextValue = double.NaN;
            bool accepted = false;
            for (int trial = 0; trial < 60; trial++)
            {
                for (int i = 0; i < d; i++)
                {
                    next[i] = x[i] + (step * direction[i]);
                }

                nextValue = objective(next, nextGradient);
                if (double.IsFinite(nextValue) && nextValue <= f + (1e-4 * step * slope))
                {
                    accepted = true;
                    break;
                }

                // Quadratic interpolation of the step where the value is finite, halving otherwise; kept in [0.1, 0.5].
                double shrink = 0.5;
                if (double.IsFinite(nextValue))
                {
                    double denominator = 2 * (nextValue - f - (step * slope));
                    if (denominator > 0)
                    {
                        shrink = Math.Clamp(-slope * step / denominator, 0.1, 0.5);
                    }
                }

                step *= shrink;
            }

            if (!accepted)
            {
                if (identity)
                {
                    return new MinimizationResult(false, f, iteration);
                }

                ResetToIdentity(inverseHessian, d, 1);
                identity = true;
                continue;
            }

            double sy = 0, yy = 0, ss = 0;
            for (int i = 0; i < d; i++)
            {
                s[i] = next[i] - x[i];
                y[i] = nextGradient[i] - gradient[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
                ss += s[i] * s[i];
            }

            double change = f - nextValue;
            next.CopyTo(x);
            nextGradient.CopyTo(gradient, 0);
            f = nextValue;

            if (sy > 1e-12 * Math.Sqrt(ss * yy))
            {
                if (identity)
                {
                    // Shanno's scaling of the first inverse Hessian to the curvature just seen.
                    ResetToIdentity(inverseHessian, d, sy / yy);
                    identity = false;
                }

                UpdateInverseHessian(inverseHessian, d, s, y, hy, sy);
            }

            stalls = change <= 1e-15 * (Math.Abs(f) + 1e-300) ? stalls + 1 : 0;
            if (stalls >= 5)
            {
                return new MinimizationResult(MaxAbs(gradient) <= 100 * gradientTolerance, f, iteration + 1);
            }
        }

        return new MinimizationResult(MaxAbs(gradient) <= gradientTolerance, f, maxIterations);
    }

    private static void UpdateInverseHessian(double[] h, int d, double[] s, double[] y, double[] hy, double sy)
    {
        // H+ = H + ((sy + y'Hy) ss') / sy^2 - (Hy s' + s y'H) / sy
        double yhy = 0;
        for (int i = 0; i < d; i++)
        {
            double sum = 0;
            for (int j = 0; j < d; j++)
            {
                sum += h[(i * d) + j] * y[j];
            }

            hy[i] = sum;
            yhy += y[i] * sum;
        }

        double a = (sy + yhy) / (sy * sy);
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                h[(i * d) + j] += (a * s[i] * s[j]) - (((hy[i] * s[j]) + (s[i] * hy[j])) / sy);
            }
        }
    }

    private static void ResetToIdentity(double[] h, int d, double scale)
    {
        Array.Clear(h);
        for (int i = 0; i < d; i++)
        {
            h[(i * d) + i] = scale;
        }
    }

    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
