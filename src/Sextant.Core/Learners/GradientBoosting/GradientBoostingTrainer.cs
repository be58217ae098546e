using System.Globalization;

namespace Sextant.Learners.GradientBoosting;

/// <summary>
/// Fits <see cref="GradientBoostingModel"/>s: histogram gradient boosting with leaf-wise trees, native missing values,
/// row and feature subsampling and early stopping on a held-out fraction.
/// </summary>
public static class GradientBoostingTrainer
{
    /// <summary>
    /// Fits a gradient boosted tree ensemble. Features are binned once into at most <see cref="GradientBoostingOptions.MaxBins"/>
    /// quantile bins plus a missing-value bin; each round grows one tree on the gradients of the loss, and each split
    /// learns which side missing values go to.
    /// </summary>
    /// <param name="features">Row-major feature values, <paramref name="rows"/> x <paramref name="columns"/>; NaN means missing, infinities are rejected.</param>
    /// <param name="rows">The number of rows; at least 1.</param>
    /// <param name="columns">The number of feature columns; at least 1.</param>
    /// <param name="target">One finite target per row; exactly 0 or 1 for <see cref="GradientBoostingLoss.LogLoss"/>.</param>
    /// <param name="options">The options; validated.</param>
    /// <param name="sampleWeights">Empty for equal weights, else one finite weight &gt;= 0 per row with a positive sum.</param>
    /// <param name="progress">Receives the round reached (at most once a second), or null.</param>
    /// <param name="cancellationToken">Stops the fit between rounds.</param>
    /// <returns>The fitted model. The same inputs, options and seed always give an identical model, whatever the thread count.</returns>
    /// <exception cref="ArgumentException">A shape does not match, a value is invalid, or an option is out of range.</exception>
    public static GradientBoostingModel Fit(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        GradientBoostingOptions options,
        ReadOnlySpan<double> sampleWeights = default,
        IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Fit(features, rows, columns, target, options, sampleWeights, subtractHistograms: true, progress, cancellationToken);

    /// <summary>
    /// As the public overload, for tests: <paramref name="subtractHistograms"/> false builds both children's histograms,
    /// <paramref name="carryRootHistogram"/> false builds every root histogram from the rows.
    /// </summary>
    internal static GradientBoostingModel Fit(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        GradientBoostingOptions options,
        ReadOnlySpan<double> sampleWeights,
        bool subtractHistograms,
        IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default,
        TimeSpan? progressInterval = null,
        bool carryRootHistogram = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ValidateInputs(features, rows, columns, target, options.Loss, sampleWeights);

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        foreach (int f in options.CategoricalFeatures)
        {
            if (f >= columns)
            {
                throw new ArgumentException(Format($"CategoricalFeatures names column {f}, but there are {columns} columns."), nameof(options));
            }
        }

        // Quantised gradients live in each row's record next to its bins (see TreeGrower.Quantised).
        bool quantised = options.QuantisedGradients && sampleWeights.IsEmpty && options.Loss != GradientBoostingLoss.LogLoss;
        BinnedFeatures data = FeatureBinner.Bin(
            features, rows, columns, options.MaxBins, options.Seed, parallel, [.. options.CategoricalFeatures], rowValues: quantised);
        double[] y = target.ToArray();
        double[]? weights = sampleWeights.IsEmpty ? null : sampleWeights.ToArray();
        var boosting = new BoostingRun(data, y, weights, options, parallel, subtractHistograms, carryRootHistogram);
        return boosting.Run(new FitProgressThrottle(progress, progressInterval), cancellationToken);
    }

    private static void ValidateInputs(
        ReadOnlySpan<double> features,
        int rows,
        int columns,
        ReadOnlySpan<double> target,
        GradientBoostingLoss loss,
        ReadOnlySpan<double> sampleWeights)
    {
        TreeInputs.Validate(features, rows, columns, target, loss == GradientBoostingLoss.LogLoss ? "log_loss" : null);

        if (sampleWeights.IsEmpty)
        {
            return;
        }

        if (sampleWeights.Length != rows)
        {
            throw new ArgumentException(
                Format($"sampleWeights has {sampleWeights.Length} values but there are {rows} rows (pass none for equal weights)."),
                nameof(sampleWeights));
        }

        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            double w = sampleWeights[i];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException(Format($"sampleWeights contains {w} at row {i} (zero-based); every weight must be finite and >= 0."), nameof(sampleWeights));
            }

            sum += w;
        }

        if (!(sum > 0) || !double.IsFinite(sum))
        {
            throw new ArgumentException("sampleWeights must have a finite, positive sum.", nameof(sampleWeights));
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
