using System.Runtime.CompilerServices;
using System.Buffers;

namespace Sextant.Learners.Linear;

/// <summary>Fits <see cref="RidgeModel"/>s in closed form: ridge regression, or ordinary least squares when L2 is 0.</summary>
public static class RidgeTrainer
{
    /// <summary>
    /// Fits a linear regression minimising <c>sum(w * (y - intercept - x.b)^2) + L2 * |b|^2</c>.
    /// With an intercept the features and target are centred (weighted) first, so the intercept is never penalised.
    /// L2 &gt; 0 solves the normal equations <c>(X'WX + L2 I) b = X'Wy</c> by Cholesky; L2 = 0 solves the least-squares
    /// problem by QR with an SVD pseudo-inverse fallback, giving the minimum-norm coefficients when columns are
    /// collinear (for example one-hot columns that sum to one).
    /// </summary>
    /// <param name="features">Row-major feature values, <paramref name="rows"/> x <paramref name="columns"/>; all finite.</param>
    /// <param name="rows">The number of rows; at least 1.</param>
    /// <param name="columns">The number of feature columns; at least 1.</param>
    /// <param name="target">One finite target per row.</param>
    /// <param name="options">The options; validated.</param>
    /// <param name="sampleWeights">Empty for equal weights, else one finite weight &gt;= 0 per row with a positive sum.</param>
    /// <returns>The fitted model. The same inputs always give bit-identical models.</returns>
    /// <exception cref="ArgumentException">A shape does not match, a value is NaN or infinite, or an option is out of range.</exception>
    public static RidgeModel Fit(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        RidgeOptions options,
        ReadOnlySpan<double> sampleWeights = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (_, featureMeans, targetMean) = LinearInputs.Centring(features, rows, columns, target, sampleWeights, options.FitIntercept);

        double[] coefficients = options.L2 > 0
            ? SolveRidge(features, rows, columns, target, options.L2, sampleWeights, featureMeans, targetMean)
            : SolveLeastSquares(features, rows, columns, target, sampleWeights, featureMeans, targetMean);

        double intercept = options.FitIntercept
            ? targetMean - LinearModelParameters.LinearPredictor(0, coefficients, featureMeans)
            : 0;
        return new RidgeModel(intercept, coefficients);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe double[] SolveRidge(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        double l2,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> featureMeans,
        double targetMean)
    {
        var gram = new double[columns * columns];
        var rhs = new double[columns];

        // Blocks of rows, column-major and scaled by sqrt(w): the Gram matrix and X'y as dot products of columns.
        int blockRows = Math.Min(GramKernel.BlockRows, rows);
        double[] block = ArrayPool<double>.Shared.Rent(blockRows * (columns + 1));
        try
        {
            fixed (double* x = features, y = target, w = sampleWeights, means = featureMeans)
            {
                var system = new CentredSystem(x, y, sampleWeights.IsEmpty ? null : w, means, targetMean, columns);
                for (int start = 0; start < rows; start += blockRows)
                {
                    int count = Math.Min(blockRows, rows - start);
                    Span<double> z = block.AsSpan(0, count * (columns + 1));
                    system.WriteBlock(start, z);
                    GramKernel.AddUpperGram(z, count, columns, gram, columns);
                    GramKernel.AddProducts(z, count, columns, z.Slice(columns * count, count), rhs);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(block);
        }

        for (int j = 0; j < columns; j++)
        {
            gram[(j * columns) + j] += l2;
            for (int k = j + 1; k < columns; k++)
            {
                gram[(k * columns) + j] = gram[(j * columns) + k];
            }
        }

        // With L2 > 0 the matrix is positive definite in exact arithmetic; a tiny L2 against huge feature
        // scales can still defeat Cholesky numerically, and then the pseudo-inverse gives the stable answer.
        return LinearSolver.TrySolveCholesky(gram, rhs, columns)
            ?? LinearSolver.PseudoInverseSolve(gram, columns, columns, rhs);
    }

    // Least squares over more rows than twice this is solved by QR of blocks of rows (see LinearSolver.SolveLeastSquaresByBlocks).
    private const int LeastSquaresBlockRows = 16_384;

    private static unsafe double[] SolveLeastSquares(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> featureMeans,
        double targetMean)
    {
        int blocks = rows / Math.Max(LeastSquaresBlockRows, 4 * (columns + 1));
        if (blocks >= 2)
        {
            // Tall data: QR block by block (the whole design and its Q at 1M x 20 took 2.4 s and 320 MB).
            fixed (double* x = features, y = target, w = sampleWeights, means = featureMeans)
            {
                var system = new CentredSystem(x, y, sampleWeights.IsEmpty ? null : w, means, targetMean, columns);
                return LinearSolver.SolveLeastSquaresByBlocks(rows, blocks, columns, system.WriteBlock, new ParallelOptions());
            }
        }

        // Weighted least squares is ordinary least squares on rows scaled by sqrt(w). Column-major for MathNet.
        var design = new double[rows * columns];
        var rhs = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double root = Math.Sqrt(LinearInputs.Weight(sampleWeights, i));
            ReadOnlySpan<double> row = features.Slice(i * columns, columns);
            for (int j = 0; j < columns; j++)
            {
                design[(j * rows) + i] = root * (row[j] - featureMeans[j]);
            }

            rhs[i] = root * (target[i] - targetMean);
        }

        return LinearSolver.SolveLeastSquares(design, rows, columns, rhs);
    }

    /// <summary>
    /// The centred, weighted least-squares system over pinned inputs (the caller keeps them fixed while it is used):
    /// rows of <c>sqrt(w) (x - mean)</c> and <c>sqrt(w) (y - mean)</c>, written a block at a time.
    /// </summary>
    private readonly unsafe struct CentredSystem(double* features, double* target, double* weights, double* means, double targetMean, int columns)
    {
        /// <summary>
        /// Writes the rows from <paramref name="start"/> into <paramref name="destination"/>, column-major
        /// <c>[A | b]</c>: as many rows as it holds <c>columns + 1</c> values each.
        /// </summary>
        public void WriteBlock(int start, Span<double> destination)
        {
            int count = destination.Length / (columns + 1);
            for (int i = 0; i < count; i++)
            {
                int row = start + i;
                double root = weights is null ? 1 : Math.Sqrt(weights[row]);
                double* values = features + ((long)row * columns);
                for (int j = 0; j < columns; j++)
                {
                    destination[(j * count) + i] = root * (values[j] - means[j]);
                }

                destination[(columns * count) + i] = root * (target[row] - targetMean);
            }
        }
    }
}
