using System.Globalization;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Storage.Columnar;

namespace Sextant.Scoring;

/// <summary>
/// Scores a CSV or Parquet input with a registered model, streamed: the input is read chunk by chunk (CSV: 131,072 rows,
/// parsed one chunk ahead of scoring; Parquet: one row group), each chunk's rows of the <see cref="Partition"/> are
/// checked against the model's schema and scored, and the predictions are appended to the output, so memory holds one
/// or two chunks whatever the input's size. A row the schema refuses (a value that is not a number, a missing required
/// value, a value out of its declared range or set) is listed with every reason in the refusals file and the others go
/// on. Output and refusals are written to temporary files and renamed at the end: a failed run leaves neither.
/// </summary>
public static class BatchScorer
{
    private const int FirstRefusalsKept = 20;

    // Rows per CSV chunk: every column of a chunk is held as typed arrays (text as strings), and up to three chunks are
    // alive at once (parsing, queued, scoring); a quarter of ingest's chunk keeps a wide file's peak memory low at no
    // measurable cost in speed (docs/BENCHMARKS.md).
    private const int CsvChunkRows = 32_768;

    /// <summary>Scores <paramref name="options"/>' input with <paramref name="predictor"/>; <paramref name="project"/> says how its CSV files are read.</summary>
    /// <exception cref="SextantException">The input is missing or unreadable, or a kept column is absent.</exception>
    public static async Task<BatchScoreResult> RunAsync(SextantProject project, Predictor predictor, BatchScoreOptions options, IProgress<BatchScoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(options);
        var files = InputFiles(options.Input);
        var totalBytes = files.Sum(f => new FileInfo(f).Length);
        var readOptions = TextFeatureOptions(project.ReadOptions(forScoring: true), predictor.Schema, options.Keep);
        var output = new ScoreOutput(predictor, options);
        var run = new Run(predictor, options, output);
        try
        {
            long bytesBefore = 0;
            foreach (var file in files)
            {
                long fileRows = 0, skip = 0;
                async ValueTask OnChunkAsync(Table chunk, CancellationToken token)
                {
                    if (skip > 0)
                    {
                        // The reader started the file again (other types for a column that is neither a feature nor kept):
                        // the rows already scored come again, identical in every column that is used, and are passed over.
                        var passed = (int)Math.Min(skip, chunk.RowCount);
                        skip -= passed;
                        chunk = chunk.Take([.. Enumerable.Range(passed, chunk.RowCount - passed)]);
                    }

                    await run.ScoreAsync(chunk, token).ConfigureAwait(false);
                    fileRows += chunk.RowCount;
                    progress?.Report(run.Progress(bytesBefore + run.FileBytes, totalBytes));
                }

                if (file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
                {
                    await foreach (var group in ParquetTables.ReadRowGroupsAsync(file, cancellationToken).ConfigureAwait(false))
                    {
                        await OnChunkAsync(group, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    await CsvTableReader.StreamAsync(file, readOptions, OnChunkAsync, () =>
                    {
                        skip = fileRows;
                        fileRows = 0;
                        return ValueTask.CompletedTask;
                    }, cancellationToken, bytes => run.FileBytes = bytes, CsvChunkRows).ConfigureAwait(false);
                }

                bytesBefore += new FileInfo(file).Length;
                run.FileBytes = 0;
                progress?.Report(run.Progress(bytesBefore, totalBytes));
            }

            await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await output.DisposeAsync().ConfigureAwait(false);
        }

        return new BatchScoreResult(predictor.Artifact.Name, predictor.Version, options.Partition, files, run.RowsRead, run.RowsInPartition, run.RowsScored, run.RowsRefused,
            run.FirstRefusals, Path.GetFullPath(options.Output), Path.GetFullPath(options.RejectsPath));
    }

    /// <summary>The input's files: the file itself, or a folder's CSV and Parquet files by name.</summary>
    private static List<string> InputFiles(string input)
    {
        if (File.Exists(input))
        {
            return [Path.GetFullPath(input)];
        }

        if (!Directory.Exists(input))
        {
            throw new SextantException($"The input {input} does not exist.");
        }

        var files = Directory.EnumerateFiles(input)
            .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(Path.GetFullPath)
            .ToList();
        return files.Count > 0 ? files : throw new SextantException($"The folder {input} holds no .csv or .parquet file.");
    }

    // Features and kept columns are read as text and typed here, row by row: a value that is not a number refuses its
    // row instead of failing the file, and no column's type can change between chunks.
    private static CsvReadOptions TextFeatureOptions(CsvReadOptions options, FeatureSchema schema, IReadOnlyList<string> keep)
    {
        var types = new Dictionary<string, ColumnType>(options.ColumnTypes);
        var required = new Dictionary<string, string>(options.RequiredColumns);
        foreach (var name in schema.Features.Select(f => f.Name))
        {
            types[name] = ColumnType.Text;
        }

        foreach (var name in keep)
        {
            types[name] = ColumnType.Text;
            required[name] = "--keep";
        }

        return options with { ColumnTypes = types, RequiredColumns = required };
    }

    /// <summary>The state of one run: counts, the rows' numbering across chunks and files, and the refusals.</summary>
    private sealed class Run(Predictor predictor, BatchScoreOptions options, ScoreOutput output)
    {
        private readonly List<ValidationIssue> _first = [];

        public long RowsRead { get; private set; }

        public long RowsInPartition { get; private set; }

        public long RowsScored { get; private set; }

        public long RowsRefused { get; private set; }

        public IReadOnlyList<ValidationIssue> FirstRefusals => _first;

        /// <summary>Bytes of the current file read so far (set from the reader's thread).</summary>
        public long FileBytes { get; set; }

        public BatchScoreProgress Progress(long bytes, long total) => new(Math.Min(bytes, total), total, RowsRead, RowsScored, RowsRefused);

        public async Task ScoreAsync(Table chunk, CancellationToken cancellationToken)
        {
            var first = RowsRead;
            RowsRead += chunk.RowCount;
            var mine = new List<int>(chunk.RowCount / options.Partition.Count + 1);
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (options.Partition.Contains(first + r))
                {
                    mine.Add(r);
                }
            }

            if (mine.Count == 0)
            {
                return;
            }

            RowsInPartition += mine.Count;
            var part = chunk.Take([.. mine]);
            var rowNumbers = mine.Select(r => first + r + 1).ToArray();
            var (typed, problems) = Typed(part, predictor.Schema);
            var report = DatasetValidator.Validate(typed, predictor.Schema, checkTarget: false);
            // A value that could not be typed is already refused; the validator would only add that it is missing.
            var untyped = problems.Select(p => (p.Row, p.Feature)).ToHashSet();
            problems.AddRange(report.Errors.Where(e => !untyped.Contains((e.Row, e.Feature))));
            var refused = new bool[part.RowCount];
            var issues = new List<ValidationIssue>(problems.Count);
            foreach (var problem in problems.OrderBy(p => p.Row ?? 0))
            {
                if (problem.Row is not { } row)
                {
                    // A whole-column problem (an absent feature) refuses every row; the reader requires the columns, so this is a guard.
                    throw new SextantException($"{problem.Feature}: {problem.Message}");
                }

                refused[row - 1] = true;
                issues.Add(problem with { Row = checked((int)rowNumbers[row - 1]) });
            }

            var keep = Array.ConvertAll(refused, r => !r);
            var scored = typed.Where(keep);
            var numbers = rowNumbers.Where((_, i) => keep[i]).ToArray();
            RowsScored += scored.RowCount;
            RowsRefused += refused.Count(r => r);
            _first.AddRange(issues.Take(FirstRefusalsKept - _first.Count));
            await output.WriteAsync(scored, numbers, part.Where(keep), issues, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The chunk with each feature in its schema type, and a problem for every value that is not of it.</summary>
        private static (Table Table, List<ValidationIssue> Problems) Typed(Table part, FeatureSchema schema)
        {
            var problems = new List<ValidationIssue>();
            var columns = new List<Column>(part.Columns.Count);
            foreach (var column in part.Columns)
            {
                var feature = schema.Features.FirstOrDefault(f => f.Name == column.Name);
                columns.Add(feature is null || column is not TextColumn text ? column : feature.Type switch
                {
                    FeatureKind.Numeric => Numbers(text, problems),
                    FeatureKind.Date => Dates(text, schema.DateFormats, problems),
                    _ => column,
                });
            }

            return (new Table(columns), problems);
        }

        private static NumericColumn Numbers(TextColumn text, List<ValidationIssue> problems)
        {
            var values = new double[text.Length];
            for (var r = 0; r < values.Length; r++)
            {
                if (text[r] is not { } raw)
                {
                    values[r] = double.NaN;
                }
                else if (!CsvTableReader.TryParseNumber(raw, out values[r]))
                {
                    values[r] = double.NaN;
                    problems.Add(new ValidationIssue(text.Name, "type", "not a number.", raw, r + 1));
                }
            }

            return new NumericColumn(text.Name, values);
        }

        private static DateColumn Dates(TextColumn text, IReadOnlyList<string> formats, List<ValidationIssue> problems)
        {
            var patterns = formats.ToArray();
            var values = new DateTime?[text.Length];
            for (var r = 0; r < values.Length; r++)
            {
                if (text[r] is not { } raw)
                {
                    continue;
                }

                if (DateTime.TryParseExact(raw, patterns, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
                {
                    values[r] = date;
                }
                else
                {
                    problems.Add(new ValidationIssue(text.Name, "type", $"not a date in the formats {string.Join(", ", patterns)}.", raw, r + 1));
                }
            }

            return new DateColumn(text.Name, values);
        }
    }
}
