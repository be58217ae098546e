using System.Globalization;
using Sextant.Learners.GradientBoosting;

namespace Sextant.Learners.RandomForest;

/// <summary>
/// Fits <see cref="RandomForestModel"/>s: bagged histogram trees (the binning and grower of gradient boosting) with
/// bootstrap samples as row weights, a random subset of features at each split, native missing values and an
/// out-of-bag score.
/// </summary>
public static class RandomForestTrainer
{
    /// <summary>
    /// Fits a random forest. Features are binned once into at most <see cref="RandomForestOptions.MaxBins"/> quantile bins
    /// plus a missing-value bin; each tree grows on its own bootstrap sample, minimising squared error (the Gini
    /// criterion for 0/1 labels), and each split learns which side missing values go to.
    /// </summary>
    /// <param name="features">Row-major feature values, <paramref name="rows"/> x <paramref name="columns"/>; NaN means missing, infinities are rejected.</param>
    /// <param name="rows">The number of rows; at least 1.</param>
    /// <param name="columns">The number of feature columns; at least 1.</param>
    /// <param name="target">One finite target per row; exactly 0 or 1 for <see cref="RandomForestTask.Classification"/>.</param>
    /// <param name="options">The options; validated.</param>
    /// <param name="progress">Receives the trees finished (at most once a second), or null.</param>
    /// <param name="cancellationToken">Stops the fit between trees.</param>
    /// <returns>The fitted model. The same inputs, options and seed always give an identical model, whatever the thread count.</returns>
    /// <exception cref="ArgumentException">A shape does not match, a value is invalid, or an option is out of range.</exception>
    public static RandomForestModel Fit(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        RandomForestOptions options,
        IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Fit(features, rows, columns, target, options, TreeWorker.SmallLeafRows, progress, cancellationToken);

    /// <summary>As the public overload; <paramref name="smallLeafRows"/> sets which leaves are split from sorted rows (0: none; for tests).</summary>
    internal static RandomForestModel Fit(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        RandomForestOptions options,
        int smallLeafRows,
        IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default,
        TimeSpan? progressInterval = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TreeInputs.Validate(features, rows, columns, target, options.Task == RandomForestTask.Classification ? "classification" : null);

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        BinnedFeatures data = FeatureBinner.Bin(features, rows, columns, options.MaxBins, options.Seed, parallel);
        return new ForestRun(data, target.ToArray(), options, parallel, smallLeafRows).Run(new FitProgressThrottle(progress, progressInterval), cancellationToken);
    }

}
