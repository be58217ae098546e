using Sextant.Data;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Training;

namespace Sextant.Evaluation;

/// <summary>Scores a labelled CSV with a registered model: every row that can be scored is, the rest are listed.</summary>
public static class FileEvaluator
{
    /// <summary>
    /// Loads model <paramref name="version"/> (default: the latest), reads <paramref name="path"/> like the project's
    /// data, leaves out rows that break a declared rule of the model's schema and computes the task's metrics.
    /// </summary>
    /// <exception cref="SextantException">No such model, the file is unreadable, lacks a column, or no row can be scored.</exception>
    public static async Task<FileEvaluation> EvaluateAsync(SextantProject project, string path, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(path);
        var predictor = await ModelLoader.LoadAsync(project, version, cancellationToken).ConfigureAwait(false);
        var (read, report) = await project.ReadLabelledRowsAsync(path, predictor.Schema, cancellationToken).ConfigureAwait(false);
        if (report.Errors.Where(e => e.Row is null).ToList() is { Count: > 0 } fileErrors)
        {
            // A missing or mistyped column: no row can be scored.
            throw new SextantException($"{path} cannot be scored against model v{predictor.Version}'s schema: " + string.Join("; ", fileErrors.Select(e => $"{e.Feature}: {e.Message}")));
        }

        var refused = report.RowsWithErrors();
        var refusedSet = refused.ToHashSet();
        int[] kept = [.. Enumerable.Range(1, read.RowCount).Where(r => !refusedSet.Contains(r)).Select(r => r - 1)];
        if (kept.Length == 0)
        {
            throw new SextantException($"Every one of the {read.RowCount} rows of {path} breaks a declared rule of model v{predictor.Version}'s schema; nothing to score. Run 'sextant validate --file {path}' for every problem.");
        }

        var table = refused.Count == 0 ? read : read.Take(kept);
        var (scores, lower, upper) = predictor.PredictTableWithIntervals(table);
        var target = table[predictor.Schema.Target];
        var actual = predictor.Schema.Task == ProjectTask.Classification
            ? Enumerable.Range(0, table.RowCount).Select(r => target.FormatValue(r) == predictor.Artifact.ClassLabels![0] ? 1.0 : 0.0).ToArray()
            : ((NumericColumn)target).Values.ToArray();
        var metrics = Trainer.Score(predictor.Schema.Task, actual, scores, predictor.Artifact.DecisionThreshold);
        if (lower is not null && upper is not null)
        {
            metrics["interval_coverage"] = PredictionInterval.CoverageOf(actual, lower, upper);
            metrics["interval_width"] = Enumerable.Range(0, lower.Length).Average(i => upper[i] - lower[i]);
        }

        return new FileEvaluation(predictor.Artifact.Name, predictor.Version, Path.GetFullPath(path), table.RowCount, read.RowCount, report, metrics);
    }
}
