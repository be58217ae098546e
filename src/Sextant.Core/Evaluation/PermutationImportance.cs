using Sextant.Data;
using Sextant.Learners;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Evaluation;

/// <summary>How much a model's score drops when one source feature's values are shuffled across the rows.</summary>
/// <param name="Feature">A schema feature; derived features and one-hot columns are shuffled with their source.</param>
/// <param name="Mean">The mean drop of the metric over the repeats (positive: the model relies on the feature).</param>
/// <param name="StandardDeviation">The spread of the drop over the repeats.</param>
public sealed record FeatureImportance(string Feature, double Mean, double StandardDeviation);

/// <summary>
/// Permutation feature importance (Breiman; scikit-learn's <c>permutation_importance</c>) for any model: each source
/// feature is shuffled in turn, derived features are recomputed from the shuffled values, and the drop of the metric
/// against the unshuffled score is averaged over seeded repeats.
/// </summary>
public static class PermutationImportance
{
    /// <summary>Scores every source feature of <paramref name="schema"/> on the rows of <paramref name="table"/>.</summary>
    /// <param name="table">Held-out rows with the schema's source features (derived features are added here).</param>
    /// <param name="target">The label of each row (0/1 for classification).</param>
    /// <param name="schema">The feature schema the model was trained on.</param>
    /// <param name="preprocessor">The fitted preprocessing of the model.</param>
    /// <param name="model">The fitted model.</param>
    /// <param name="task">Regression or classification: which metrics apply.</param>
    /// <param name="metric">The metric whose drop is measured, e.g. <c>rmse</c> or <c>roc_auc</c>.</param>
    /// <param name="repeats">Shuffles per feature; at least 1.</param>
    /// <param name="seed">The seed of the shuffles.</param>
    /// <param name="maxRows">At most this many rows are used (a seeded sample), to bound the cost.</param>
    /// <returns>One entry per source feature, most important first.</returns>
    public static IReadOnlyList<FeatureImportance> Compute(
        Table table,
        IReadOnlyList<double> target,
        FeatureSchema schema,
        Preprocessor preprocessor,
        ITabularModel model,
        ProjectTask task,
        string metric,
        int repeats = 5,
        int seed = 0,
        int maxRows = 10_000)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(preprocessor);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (target.Count != table.RowCount)
        {
            throw new ArgumentException($"target has {target.Count} values for {table.RowCount} rows.", nameof(target));
        }

        var random = new Random(seed);
        var y = target.ToArray();
        if (table.RowCount > maxRows)
        {
            var sample = Enumerable.Range(0, table.RowCount).ToArray();
            random.Shuffle(sample);
            sample = [.. sample[..maxRows].Order()];
            table = table.Take(sample);
            y = [.. sample.Select(i => target[i])];
        }

        var lowerIsBetter = Trainer.LowerIsBetter(metric);
        var baseline = Score(table);
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        var result = new List<FeatureImportance>(schema.Features.Count);
        foreach (var feature in schema.Features)
        {
            if (!table.TryGetColumn(feature.Name, out var column))
            {
                continue;
            }

            var drops = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                random.Shuffle(order);
                var shuffled = Score(table.With(column.Take(order)));
                drops[r] = lowerIsBetter ? shuffled - baseline : baseline - shuffled;
            }

            var mean = drops.Average();
            var spread = Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / repeats);
            result.Add(new FeatureImportance(feature.Name, mean, spread));
        }

        return [.. result.OrderByDescending(f => f.Mean).ThenBy(f => f.Feature, StringComparer.Ordinal)];

        double Score(Table rows)
        {
            var x = preprocessor.Transform(DerivedFeatures.AddTo(rows, schema));
            var predicted = new double[rows.RowCount];
            model.ScoreBatch(x, rows.RowCount, predicted);
            return Trainer.Score(task, y, predicted)[metric];
        }
    }
}
