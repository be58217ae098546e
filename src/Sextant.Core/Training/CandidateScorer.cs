using Sextant.Data;
using Sextant.Evaluation;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Training;

/// <summary>
/// Scores candidates the same way for selection: on one validation split of the training rows, or across
/// cross-validation folds, each with its own preprocessing fitted on its fitting rows.
/// </summary>
internal sealed class CandidateScorer
{
    private readonly ProjectTask _task;

    public CandidateScorer(Table train, FeatureSchema schema, double[] y, IReadOnlyList<Fold> folds, ProjectTask task)
    {
        _task = task;
        Folds = [.. folds.Select(f => FoldData.Prepare(train, schema, y, f))];
    }

    public IReadOnlyList<FoldData> Folds { get; }

    /// <summary>Whether candidates are scored across several folds.</summary>
    public bool CrossValidated => Folds.Count > 1;

    /// <summary>Fits <paramref name="candidate"/> on <paramref name="budget"/> of each fold's fitting rows and scores it on the fold's validation rows.</summary>
    public CandidateScore Score(Candidate candidate, double budget = 1, CancellationToken cancellationToken = default)
    {
        var perFold = new List<IReadOnlyDictionary<string, double>>(Folds.Count);
        double fitMs = 0, predictUs = 0;
        Learners.ITabularModel? model = null;
        double[]? predicted = null;
        foreach (var fold in Folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (x, y, rows) = fold.FitSubset(budget);
            (model, var ms) = Trainer.Fit(candidate, x, rows, fold.Preprocessor.Width, y);
            (predicted, var us) = Trainer.Predict(model, fold.XValid, fold.ValidRows);
            perFold.Add(Trainer.Score(_task, fold.YValid, predicted));
            fitMs += ms;
            predictUs += us;
        }

        var metrics = CrossValidated ? CrossValidation.Summarize(perFold) : new Dictionary<string, double>(perFold[0], StringComparer.Ordinal);
        var whole = !CrossValidated && budget >= 1;
        return new CandidateScore(metrics, fitMs / Folds.Count, predictUs / Folds.Count, Math.Min(1, budget), whole ? model : null, whole ? predicted : null);
    }
}
