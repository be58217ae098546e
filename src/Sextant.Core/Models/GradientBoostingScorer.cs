using Sextant.Learners;
using Sextant.Learners.GradientBoosting;

namespace Sextant.Models;

/// <summary>Scores with a boosting model: the prediction (regression) or the positive-class probability (log loss).</summary>
internal sealed class GradientBoostingScorer(GradientBoostingModel model) : ITabularModel
{
    public GradientBoostingModel Model => model;

    public int FeatureCount => model.FeatureCount;

    public double Score(ReadOnlySpan<double> row) => model.Predict(row);

    public void ScoreBatch(ReadOnlySpan<double> features, int rows, Span<double> destination) => model.PredictBatch(features, rows, destination);
}
