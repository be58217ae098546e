namespace Sextant.Learners.Linear;

/// <summary>
/// Fits lasso and elastic-net linear regressions by cyclic coordinate descent, as scikit-learn's <c>ElasticNet</c>
/// and <c>Lasso</c> do, into a <see cref="RidgeModel"/> (the fitted form of every linear regression).
/// </summary>
public static class ElasticNetTrainer
{
    /// <summary>
    /// Minimises <c>sum(w * (y - intercept - x.b)^2) / (2 * sum(w)) + alpha * l1 * |b|_1 + alpha * (1 - l1) / 2 * |b|^2</c>.
    /// Coordinates are updated in column order with soft-thresholding, keeping the residuals current; the loop stops
    /// when the duality gap is within the tolerance (checked once the largest step is small) or after
    /// <see cref="ElasticNetOptions.MaxIterations"/> passes.
    /// </summary>
    /// <param name="features">Row-major feature values, <paramref name="rows"/> x <paramref name="columns"/>; all finite.</param>
    /// <param name="rows">The number of rows; at least 1.</param>
    /// <param name="columns">The number of feature columns; at least 1.</param>
    /// <param name="target">One finite target per row.</param>
    /// <param name="options">The options; validated.</param>
    /// <param name="sampleWeights">Empty for equal weights, else one finite weight &gt;= 0 per row with a positive sum.</param>
    /// <returns>The fitted model; coefficients the L1 penalty removes are exactly zero. The same inputs give bit-identical models.</returns>
    /// <exception cref="ArgumentException">A shape does not match, a value is NaN or infinite, or an option is out of range.</exception>
    public static RidgeModel Fit(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        ElasticNetOptions options,
        ReadOnlySpan<double> sampleWeights = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (weightSum, featureMeans, targetMean) = LinearInputs.Centring(features, rows, columns, target, sampleWeights, options.FitIntercept);

        // Weighted least squares is plain least squares on rows scaled by sqrt(w / sum(w)): the 1/sum(w) of the
        // objective is folded in, so below every sum is already an average. Column-major for the coordinate sweeps.
        var x = new double[rows * columns];
        var residual = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double root = Math.Sqrt(LinearInputs.Weight(sampleWeights, i) / weightSum);
            ReadOnlySpan<double> row = features.Slice(i * columns, columns);
            for (int j = 0; j < columns; j++)
            {
                x[(j * rows) + i] = root * (row[j] - featureMeans[j]);
            }

            residual[i] = root * (target[i] - targetMean);
        }

        double[] coefficients = Solve(x, rows, columns, residual, options);
        double intercept = options.FitIntercept
            ? targetMean - LinearModelParameters.LinearPredictor(0, coefficients, featureMeans)
            : 0;
        return new RidgeModel(intercept, coefficients);
    }

    // Coordinate descent on the scaled problem min |r|^2 / 2 + l1 |b|_1 + l2 / 2 |b|^2 with r = y - X b; 'residual'
    // comes in as y and is kept equal to y - X b.
    private static double[] Solve(double[] x, int rows, int columns, double[] residual, ElasticNetOptions options)
    {
        double l1 = options.Alpha * options.L1Ratio;
        double l2 = options.Alpha * (1 - options.L1Ratio);
        double[] y = (double[])residual.Clone();
        double yNorm2 = Dot(y, y);
        double gapTolerance = options.Tolerance * yNorm2;
        var b = new double[columns];
        var columnNorm2 = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            ReadOnlySpan<double> xj = x.AsSpan(j * rows, rows);
            columnNorm2[j] = Dot(xj, xj);
        }

        if (yNorm2 == 0)
        {
            return b;
        }

        for (int pass = 0; pass < options.MaxIterations; pass++)
        {
            double largestStep = 0;
            double largestCoefficient = 0;
            for (int j = 0; j < columns; j++)
            {
                if (columnNorm2[j] == 0)
                {
                    continue;
                }

                ReadOnlySpan<double> xj = x.AsSpan(j * rows, rows);
                double old = b[j];
                double z = Dot(xj, residual) + (columnNorm2[j] * old);
                double updated = Math.Sign(z) * Math.Max(Math.Abs(z) - l1, 0) / (columnNorm2[j] + l2);
                if (updated != old)
                {
                    Axpy(old - updated, xj, residual);
                    b[j] = updated;
                }

                largestStep = Math.Max(largestStep, Math.Abs(updated - old));
                largestCoefficient = Math.Max(largestCoefficient, Math.Abs(updated));
            }

            if (largestCoefficient == 0 || largestStep / largestCoefficient < options.Tolerance || pass == options.MaxIterations - 1)
            {
                if (DualityGap(x, rows, columns, y, residual, b, l1, l2) <= gapTolerance)
                {
                    break;
                }
            }
        }

        return b;
    }

    /// <summary>The elastic-net duality gap of <paramref name="b"/> (scikit-learn's formula): zero exactly at the optimum.</summary>
    internal static double DualityGap(double[] x, int rows, int columns, double[] y, double[] residual, double[] b, double l1, double l2)
    {
        double dualNorm = 0;
        for (int j = 0; j < columns; j++)
        {
            double xtA = Dot(x.AsSpan(j * rows, rows), residual) - (l2 * b[j]);
            dualNorm = Math.Max(dualNorm, Math.Abs(xtA));
        }

        double residualNorm2 = Dot(residual, residual);
        double scale = 1;
        double gap = residualNorm2;
        if (dualNorm > l1)
        {
            scale = l1 / dualNorm;
            gap = 0.5 * (residualNorm2 + (residualNorm2 * scale * scale));
        }

        double l1Norm = 0;
        double bNorm2 = 0;
        foreach (double v in b)
        {
            l1Norm += Math.Abs(v);
            bNorm2 += v * v;
        }

        return gap + (l1 * l1Norm) - (scale * Dot(residual, y)) + (0.5 * l2 * (1 + (scale * scale)) * bNorm2);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    // y += a * x
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
