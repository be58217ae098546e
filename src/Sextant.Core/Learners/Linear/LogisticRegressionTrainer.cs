using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Sextant.Learners.Linear;

/// <summary>Fits <see cref="LogisticRegressionModel"/>s by Newton's method (iteratively reweighted least squares).</summary>
public static class LogisticRegressionTrainer
{
    // Armijo sufficient-decrease constant and the most step halvings before giving up on a direction.
    private const double SufficientDecrease = 1e-4;
    private const int MaxHalvings = 60;

    // When no halving decreases the objective, the point is optimal to rounding if the Newton decrement is this small.
    private const double NegligibleDecrement = 1e-10;

    /// <summary>
    /// Fits a binary logistic regression minimising <c>sum(w * logloss) + L2 / 2 * |b|^2</c> (the intercept is not penalised).
    /// Each Newton step solves the Hessian system by Cholesky and is halved until the objective decreases, so the fit
    /// never diverges; without a penalty on separable data it runs to <see cref="LogisticRegressionOptions.MaxIterations"/>
    /// and returns large but finite coefficients with <see cref="LogisticRegressionModel.Converged"/> false.
    /// </summary>
    /// <param name="features">Row-major feature values, <paramref name="rows"/> x <paramref name="columns"/>; all finite.</param>
    /// <param name="rows">The number of rows; at least 1.</param>
    /// <param name="columns">The number of feature columns; at least 1.</param>
    /// <param name="labels">One label per row, exactly 0 or 1; both classes must be present (with positive weight).</param>
    /// <param name="options">The options; validated.</param>
    /// <param name="sampleWeights">Empty for equal weights, else one finite weight &gt;= 0 per row with a positive sum.</param>
    /// <returns>The fitted model. The same inputs always give bit-identical models.</returns>
    /// <exception cref="ArgumentException">A shape does not match, a value is not finite, a label is not 0 or 1, only one class is present, or an option is out of range.</exception>
    public static LogisticRegressionModel Fit(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> labels,
        LogisticRegressionOptions options,
        ReadOnlySpan<double> sampleWeights = default) =>
        Fit(features, rows, columns, labels, options, sampleWeights, new ParallelOptions());

    /// <summary>As the public overload, with a thread limit (for tests: the model must not depend on it).</summary>
    internal static unsafe LogisticRegressionModel Fit(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> labels,
        LogisticRegressionOptions options,
        ReadOnlySpan<double> sampleWeights,
        ParallelOptions parallel)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        double weightSum = LinearInputs.Validate(features, rows, columns, labels, nameof(labels), sampleWeights);
        (double positiveWeight, double negativeWeight) = ClassWeights(labels, sampleWeights);

        var means = new double[columns];
        if (options.FitIntercept)
        {
            LinearInputs.ColumnMeans(features, rows, columns, sampleWeights, weightSum, means);
        }

        // Pinned for the whole fit: the objective and its derivatives are summed over blocks of rows in parallel.
        fixed (double* x = features, y = labels, w = sampleWeights)
        {
            var problem = new Problem((nint)x, rows, columns, (nint)y, sampleWeights.IsEmpty ? 0 : (nint)w, means, options.L2, options.FitIntercept, parallel);
            return Newton(problem, columns, options, positiveWeight, negativeWeight, means);
        }
    }

    private static LogisticRegressionModel Newton(
        Problem problem, int columns, LogisticRegressionOptions options, double positiveWeight, double negativeWeight, double[] means)
    {
        int size = problem.ParameterCount;

        // theta = [b_0 .. b_{p-1}, intercept of the centred features]; start from the base rate.
        var theta = new double[size];
        if (options.FitIntercept)
        {
            theta[columns] = Math.Log(positiveWeight / negativeWeight);
        }

        var gradient = new double[size];
        var hessian = new double[size * size];
        var negativeGradient = new double[size];
        var candidate = new double[size];
        double objective = problem.Objective(theta);
        int iterations = 0;
        bool converged = false;

        while (iterations < options.MaxIterations)
        {
            iterations++;
            problem.GradientAndHessian(theta, gradient, hessian);
            if (MaxAbs(gradient) == 0)
            {
                converged = true;
                break;
            }

            for (int j = 0; j < size; j++)
            {
                negativeGradient[j] = -gradient[j];
            }

            double[]? step = SolveNewtonSystem(hessian, negativeGradient, size);
            if (step is null)
            {
                break;
            }

            double slope = Dot(gradient, step);
            if (MaxAbs(step) <= options.Tolerance * (1 + MaxAbs(theta)))
            {
                for (int j = 0; j < size; j++)
                {
                    theta[j] += step[j];
                }

                converged = true;
                break;
            }

            double t = 1;
            bool accepted = false;
            for (int halving = 0; halving < MaxHalvings; halving++)
            {
                for (int j = 0; j < size; j++)
                {
                    candidate[j] = theta[j] + (t * step[j]);
                }

                double candidateObjective = problem.Objective(candidate);
                if (candidateObjective <= objective + (SufficientDecrease * t * slope))
                {
                    candidate.AsSpan().CopyTo(theta);
                    objective = candidateObjective;
                    accepted = true;
                    break;
                }

                t *= 0.5;
            }

            if (!accepted)
            {
                converged = -slope <= NegligibleDecrement * (1 + Math.Abs(objective));
                break;
            }
        }

        var coefficients = new double[columns];
        Array.Copy(theta, coefficients, columns);
        double intercept = options.FitIntercept
            ? theta[columns] - LinearModelParameters.LinearPredictor(0, coefficients, means)
            : 0;
        return new LogisticRegressionModel(intercept, coefficients, iterations, converged);
    }

    private static (double Positive, double Negative) ClassWeights(ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights)
    {
        double positive = 0;
        double negative = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double label = labels[i];
            double w = LinearInputs.Weight(sampleWeights, i);
            if (label == 1)
            {
                positive += w;
            }
            else if (label == 0)
            {
                negative += w;
            }
            else
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"labels contains {label} at row {i} (zero-based); every label must be 0 or 1."),
                    nameof(labels));
            }
        }

        if (positive == 0 || negative == 0)
        {
            string present = positive == 0 ? "0" : "1";
            throw new ArgumentException(
                $"labels contain only class {present} (among rows with positive weight); logistic regression needs both 0 and 1.",
                nameof(labels));
        }

        return (positive, negative);
    }

    // Cholesky on the Hessian; when it is numerically singular (no penalty, separated or collinear data),
    // a growing multiple of the identity is added, trading a little Newton for a defined, descending step.
    private static double[]? SolveNewtonSystem(double[] hessian, double[] rhs, int size)
    {
        double[]? step = LinearSolver.TrySolveCholesky(hessian, rhs, size);
        if (step is not null)
        {
            return step;
        }

        double largestDiagonal = 0;
        for (int j = 0; j < size; j++)
        {
            largestDiagonal = Math.Max(largestDiagonal, hessian[(j * size) + j]);
        }

        if (!(largestDiagonal > 0))
        {
            return null;
        }

        var damped = new double[hessian.Length];
        double damping = largestDiagonal * 1e-12;
        for (int attempt = 0; attempt < 8 && step is null; attempt++)
        {
            hessian.AsSpan().CopyTo(damped);
            for (int j = 0; j < size; j++)
            {
                damped[(j * size) + j] += damping;
            }

            step = LinearSolver.TrySolveCholesky(damped, rhs, size);
            damping *= 100;
        }

        return step;
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

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>
    /// The penalised negative log-likelihood over centred features, and its derivatives: sums over fixed blocks of
    /// <see cref="BlockRows"/> rows, run in parallel and added in block order, so the model does not depend on the
    /// thread count. The inputs are pinned by the caller for the problem's lifetime.
    /// </summary>
    private readonly unsafe struct Problem
    {
        private const int BlockRows = 16_384;

        private readonly nint _features;
        private readonly nint _labels;
        private readonly nint _weights;
        private readonly double[] _means;
        private readonly int _rows;
        private readonly int _columns;
        private readonly double _l2;
        private readonly bool _fitIntercept;
        private readonly ParallelOptions _parallel;

        public Problem(nint features, int rows, int columns, nint labels, nint weights, double[] means, double l2, bool fitIntercept, ParallelOptions parallel)
        {
            _parallel = parallel;
            _features = features;
            _rows = rows;
            _columns = columns;
            _labels = labels;
            _weights = weights;
            _means = means;
            _l2 = l2;
            _fitIntercept = fitIntercept;
        }

        public int ParameterCount => _columns + (_fitIntercept ? 1 : 0);

        private int Blocks => (_rows + BlockRows - 1) / BlockRows;

        public double Objective(double[] theta)
        {
            ReadOnlySpan<double> beta = theta.AsSpan(0, _columns);
            double offset = _fitIntercept ? theta[_columns] - LinearModelParameters.LinearPredictor(0, beta, _means) : 0;
            var partial = new double[Blocks];
            Problem problem = this;
            Parallel.For(0, partial.Length, _parallel, b => partial[b] = problem.BlockLoss(b, theta, offset));
            double loss = 0;
            foreach (double value in partial)
            {
                loss += value;
            }

            double penalty = 0;
            foreach (double b in beta)
            {
                penalty += b * b;
            }

            return loss + (0.5 * _l2 * penalty);
        }

        public void GradientAndHessian(double[] theta, Span<double> gradient, Span<double> hessian)
        {
            int size = ParameterCount;
            int p = _columns;
            int stride = size + (size * size);
            var partials = new double[Blocks * stride];
            Problem problem = this;
            Parallel.For(0, Blocks, _parallel, b => problem.BlockDerivatives(b, theta, partials.AsSpan(b * stride, stride)));

            gradient.Clear();
            hessian.Clear();
            for (int b = 0; b < Blocks; b++)
            {
                ReadOnlySpan<double> block = partials.AsSpan(b * stride, stride);
                for (int j = 0; j < size; j++)
                {
                    gradient[j] += block[j];
                }

                for (int k = 0; k < size * size; k++)
                {
                    hessian[k] += block[size + k];
                }
            }

            for (int j = 0; j < p; j++)
            {
                gradient[j] += _l2 * theta[j];
                hessian[(j * size) + j] += _l2;
            }

            for (int j = 0; j < size; j++)
            {
                for (int k = j + 1; k < size; k++)
                {
                    hessian[(k * size) + j] = hessian[(j * size) + k];
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double BlockLoss(int block, double[] theta, double offset)
        {
            ReadOnlySpan<double> beta = theta.AsSpan(0, _columns);
            int start = block * BlockRows;
            int end = Math.Min(_rows, start + BlockRows);
            double loss = 0;
            for (int i = start; i < end; i++)
            {
                double w = _weights == 0 ? 1.0 : ((double*)_weights)[i];
                if (w == 0)
                {
                    continue;
                }

                var row = new ReadOnlySpan<double>((double*)_features + ((long)i * _columns), _columns);
                double eta = LinearModelParameters.LinearPredictor(offset, beta, row);
                loss += w * LogisticFunction.Softplus(((double*)_labels)[i] == 1 ? -eta : eta);
            }

            return loss;
        }

        /// <summary>One block's gradient (the first <c>size</c> values) and upper Hessian triangle (the rest, row-major).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BlockDerivatives(int block, double[] theta, Span<double> sums)
        {
            int size = ParameterCount;
            int p = _columns;
            ReadOnlySpan<double> beta = theta.AsSpan(0, p);
            double intercept = _fitIntercept ? theta[p] : 0;
            Span<double> gradient = sums[..size];
            Span<double> hessian = sums[size..];
            int start = block * BlockRows;
            int end = Math.Min(_rows, start + BlockRows);

            // The Hessian a sub-block of rows at a time: Z holds sqrt(curvature) x the centred row (and sqrt(curvature)
            // itself for the intercept), column-major, and the Hessian adds Z'Z by dot products of its columns.
            int width = size;
            double[] z = ArrayPool<double>.Shared.Rent(GramKernel.BlockRows * width);
            try
            {
                for (int subStart = start; subStart < end; subStart += GramKernel.BlockRows)
                {
                    int count = Math.Min(GramKernel.BlockRows, end - subStart);
                    for (int r = 0; r < count; r++)
                    {
                        int i = subStart + r;
                        double w = _weights == 0 ? 1.0 : ((double*)_weights)[i];
                        double* row = (double*)_features + ((long)i * p);
                        double eta = intercept;
                        for (int j = 0; j < p; j++)
                        {
                            eta += beta[j] * (row[j] - _means[j]);
                        }

                        // p - y without cancellation: for y = 1 it is -(1 - sigmoid(eta)) = -sigmoid(-eta).
                        double residual = w == 0 ? 0 : w * (((double*)_labels)[i] == 1 ? -LogisticFunction.Sigmoid(-eta) : LogisticFunction.Sigmoid(eta));
                        double root = w == 0 ? 0 : Math.Sqrt(w * LogisticFunction.SigmoidDerivative(eta));
                        for (int j = 0; j < p; j++)
                        {
                            double centred = row[j] - _means[j];
                            gradient[j] += residual * centred;
                            z[(j * count) + r] = root * centred;
                        }

                        if (_fitIntercept)
                        {
                            gradient[p] += residual;
                            z[(p * count) + r] = root;
                        }
                    }

                    GramKernel.AddUpperGram(z.AsSpan(0, count * width), count, width, hessian, size);
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(z);
            }
        }
    }
}
