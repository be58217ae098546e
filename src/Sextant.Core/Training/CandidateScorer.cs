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
    private readonly IProgress<string>? _progress;
    private readonly ProjectTask _task;
    private readonly Table _train;
    private readonly FeatureSchema _schema;
    private readonly double[] _y;
    private readonly IReadOnlyList<Fold> _folds;
    private readonly Dictionary<CategoricalEncoding, IReadOnlyList<FoldData>> _prepared = [];

    public CandidateScorer(Table train, FeatureSchema schema, double[] y, IReadOnlyList<Fold> folds, ProjectTask task, IProgress<string>? progress = null)
    {
        _progress = progress;
        _task = task;
        _train = train;
        _schema = schema;
        _y = y;
        _folds = folds;
    }

    /// <summary>The folds, each with its preprocessing fitted (one-hot encoding).</summary>
    public IReadOnlyList<FoldData> Folds => FoldsFor(CategoricalEncoding.OneHot);

    /// <summary>Whether candidates are scored across several folds.</summary>
    public bool CrossValidated => _folds.Count > 1;

    /// <summary>The folds prepared with <paramref name="encoding"/>, prepared on first use (candidates are scored one at a time).</summary>
    public IReadOnlyList<FoldData> FoldsFor(CategoricalEncoding encoding)
    {
        if (!_prepared.TryGetValue(encoding, out var folds))
        {
            folds = [.. _folds.Select(f => FoldData.Prepare(_train, _schema, _y, f, encoding))];
            _prepared[encoding] = folds;
        }

        return folds;
    }

    /// <summary>Fits <paramref name="candidate"/> on <paramref name="budget"/> of each fold's fitting rows and scores it on the fold's validation rows.</summary>
    public CandidateScore Score(Candidate candidate, double budget = 1, CancellationToken cancellationToken = default)
    {
        var folds = FoldsFor(candidate.Encoding);
        var perFold = new List<IReadOnlyDictionary<string, double>>(folds.Count);
        double fitMs = 0, predictUs = 0;
        Learners.ITabularModel? model = null;
        double[]? predicted = null;
        foreach (var fold in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (x, y, rows) = fold.FitSubset(budget);
            (model, var ms) = Trainer.Fit(candidate, x, rows, fold.Preprocessor, y, _progress, cancellationToken);
            (predicted, var us) = Trainer.Predict(model, fold.XValid, fold.ValidRows);
            perFold.Add(Trainer.Score(_task, fold.YValid, predicted));
            fitMs += ms;
            predictUs += us;
        }

        var metrics = CrossValidated ? CrossValidation.Summarize(perFold) : new Dictionary<string, double>(perFold[0], StringComparer.Ordinal);
        var whole = !CrossValidated && budget >= 1;
        return new CandidateScore(metrics, fitMs / folds.Count, predictUs / folds.Count, Math.Min(1, budget), whole ? model : null, whole ? predicted : null);
    }
}
