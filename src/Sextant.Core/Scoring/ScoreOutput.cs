using System.Globalization;
using Sextant.Data;
using Sextant.Models;
using Sextant.Schema;
using Sextant.Storage.Columnar;

namespace Sextant.Scoring;

/// <summary>
/// The predictions file (Parquet or CSV: <c>row</c>, the kept columns, <c>prediction</c>, <c>label</c> for
/// classification, the interval bounds, <c>model_version</c>) and the refusals CSV (<c>row</c>, <c>feature</c>,
/// <c>rule</c>, <c>message</c>, <c>value</c>), each written to a temporary file beside its target and renamed by
/// <see cref="CompleteAsync"/>; disposed before that, both temporary files are deleted.
/// </summary>
internal sealed class ScoreOutput(Predictor predictor, BatchScoreOptions options) : IAsyncDisposable
{
    private readonly string _outputTemp = TempBeside(options.Output);
    private readonly string _rejectsTemp = TempBeside(options.RejectsPath);
    private ParquetTableWriter? _parquet;
    private CsvTableWriter.Writer? _csv;
    private CsvTableWriter.Writer? _rejects;
    private bool _completed;

    /// <summary>Appends the predictions of <paramref name="scored"/> (input rows <paramref name="rows"/>, 1-based) and the refusals of the chunk.</summary>
    public async Task WriteAsync(Table scored, long[] rows, Table source, IReadOnlyList<ValidationIssue> refusals, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var predictions = Predictions(scored, rows, source);
        if (_parquet is not null)
        {
            await _parquet.WriteAsync(predictions, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _csv!.WriteAsync(predictions, cancellationToken).ConfigureAwait(false);
        }

        await _rejects!.WriteAsync(Refusals(refusals), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finishes both files and moves them to their names.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (_parquet is not null)
        {
            await _parquet.CompleteAsync(new Dictionary<string, string>
            {
                ["sextant.model"] = predictor.Artifact.Name,
                ["sextant.model_version"] = predictor.Version.ToString(CultureInfo.InvariantCulture),
                ["sextant.partition"] = options.Partition.ToString(),
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _csv!.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await _rejects!.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
        File.Move(_outputTemp, options.Output, overwrite: true);
        File.Move(_rejectsTemp, options.RejectsPath, overwrite: true);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        if (!_completed)
        {
            File.Delete(_outputTemp);
            File.Delete(_rejectsTemp);
        }
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_rejects is not null)
        {
            return;
        }

        var empty = Predictions(new Table([.. predictor.Schema.Features.Select(f => (Column)new NumericColumn(f.Name, []))]), [], new Table([.. options.Keep.Select(k => (Column)new TextColumn(k, []))]), empty: true);
        if (options.OutputFormat == "csv")
        {
            _csv = CsvTableWriter.Create(_outputTemp, empty.ColumnNames);
        }
        else
        {
            _parquet = await ParquetTableWriter.CreateAsync(_outputTemp, empty.Columns, cancellationToken).ConfigureAwait(false);
        }

        _rejects = CsvTableWriter.Create(_rejectsTemp, ["row", "feature", "rule", "message", "value"]);
    }

    private async Task CloseAsync()
    {
        if (_parquet is not null)
        {
            await _parquet.DisposeAsync().ConfigureAwait(false);
            _parquet = null;
        }

        foreach (var writer in new[] { _csv, _rejects })
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }

        _csv = _rejects = null;
    }

    private Table Predictions(Table scored, long[] rows, Table source, bool empty = false)
    {
        var columns = new List<Column> { new NumericColumn("row", Array.ConvertAll(rows, r => (double)r)) };
        columns.AddRange(options.Keep.Select(k => (Column)new TextColumn(k, [.. Enumerable.Range(0, source.RowCount).Select(source[k].FormatValue)])));
        var (values, lower, upper) = empty || scored.RowCount == 0 ? ([], null, null) : predictor.PredictTableWithIntervals(scored);
        columns.Add(new NumericColumn("prediction", values));
        if (predictor.Schema.Task == Projects.ProjectTask.Classification)
        {
            columns.Add(new TextColumn("label", Array.ConvertAll(values, predictor.LabelOf)));
        }

        if (predictor.Artifact.Interval is { } interval)
        {
            columns.Add(new NumericColumn(interval.LowerName, lower ?? new double[values.Length]));
            columns.Add(new NumericColumn(interval.UpperName, upper ?? new double[values.Length]));
        }

        columns.Add(new NumericColumn("model_version", Enumerable.Repeat((double)predictor.Version, values.Length).ToArray()));
        return new Table(columns);
    }

    private static Table Refusals(IReadOnlyList<ValidationIssue> issues) => new(
    [
        new NumericColumn("row", [.. issues.Select(i => (double)(i.Row ?? 0))]),
        new TextColumn("feature", [.. issues.Select(i => i.Feature)]),
        new TextColumn("rule", [.. issues.Select(i => i.Type)]),
        new TextColumn("message", [.. issues.Select(i => i.Message)]),
        new TextColumn("value", [.. issues.Select(i => i.Received)]),
    ]);

    private static string TempBeside(string path) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
}
