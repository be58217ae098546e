using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Schema;
using Sextant.Storage;
using Sextant.Storage.Artifacts;

namespace Sextant.Projects;

/// <summary>An opened project: its folder, its checked configuration, its schema and its store.</summary>
public sealed class SextantProject : IAsyncDisposable
{
    private SextantProject(string directory, ProjectConfig config, ProjectStore store, IMetadataStore metadata, IReadOnlyList<string> notices)
    {
        Directory = directory;
        Config = config;
        Notices = notices;
        Store = store;
        Metadata = metadata;
        Schema = FeatureSchema.FromConfig(config);
    }

    public string Directory { get; }

    public ProjectConfig Config { get; }

    public FeatureSchema Schema { get; }

    /// <summary>Notes about the configuration to show its user (<see cref="ProjectFile.Notices"/>); empty when none.</summary>
    public IReadOnlyList<string> Notices { get; }

    /// <summary>Datasets and artifacts.</summary>
    public ProjectStore Store { get; }

    /// <summary>Runs and the model registry.</summary>
    public IMetadataStore Metadata { get; }

    /// <summary>The SQL-safe name under which data and models are stored.</summary>
    public string Name => ProjectStore.SqlName(Config.Name);

    /// <summary>The absolute path of the data source.</summary>
    public string DataPath => Path.GetFullPath(Path.Combine(Directory, Config.Data.Path));

    /// <summary>Opens the project in <paramref name="directory"/> (loads and checks <c>sextant.yaml</c>, opens the store).</summary>
    public static async Task<SextantProject> OpenAsync(string directory, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(directory);
        var config = ProjectFile.Load(full);
        var notices = ProjectFile.ReadText(full) is { } text ? ProjectFile.Notices(text, config) : [];
        var url = StoreLocation.Resolve(config.Store);
        var store = await ProjectStore.OpenAsync(full, time, StoreLocation.SqlitePath(url, full), ArtifactLocation.Resolve(config.Artifacts), cancellationToken).ConfigureAwait(false);
        var metadata = await StoreLocation.OpenAsync(url, full, store.DatabasePath, time, cancellationToken).ConfigureAwait(false);
        return new SextantProject(full, config, store, metadata, notices);
    }

    public ValueTask DisposeAsync() => Metadata.DisposeAsync();

    /// <summary>
    /// Reads <c>split.test_file</c> (relative to the project folder) with <see cref="ReadLabelledFileAsync"/>; null when
    /// none is declared.
    /// </summary>
    /// <exception cref="SextantException">The file is missing, unreadable or fails validation; the message names it.</exception>
    public async Task<Table?> ReadTestFileAsync(CancellationToken cancellationToken = default) =>
        Config.Split.TestFile is not { } file
            ? null
            : await ReadLabelledFileAsync(Path.IsPathRooted(file) ? file : Path.Combine(Directory, file), Schema, "split.test_file ", cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Reads a labelled CSV (features and <paramref name="schema"/>'s target) like the data source; every row must
    /// pass <paramref name="schema"/>'s validation. <paramref name="what"/> starts the error message, e.g. <c>split.test_file </c>.
    /// </summary>
    /// <exception cref="SextantException">The file is missing, unreadable or fails validation; the message names it.</exception>
    public async Task<Table> ReadLabelledFileAsync(string path, FeatureSchema schema, string what = "", CancellationToken cancellationToken = default)
    {
        var (table, report) = await ReadLabelledRowsAsync(path, schema, cancellationToken).ConfigureAwait(false);
        if (!report.Passed)
        {
            var summary = string.Join(", ", report.Summary().Select(s => $"{s.Feature} {s.Type} x{s.Count}"));
            throw new SextantException($"{what}{path} fails validation ({report.Errors.Count} problem(s): {summary}). Run 'sextant validate --file {path}' for every row.");
        }

        return table;
    }

    /// <summary>
    /// Reads a labelled CSV like the data source and validates it against <paramref name="schema"/> without refusing
    /// anything: the caller decides what to do with rows that break a declared rule (the report's errors, with rows).
    /// </summary>
    /// <exception cref="SextantException">The file is missing or unreadable.</exception>
    public async Task<(Table Table, ValidationReport Report)> ReadLabelledRowsAsync(string path, FeatureSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var options = ReadOptions(forScoring: true);
        options = options with { RequiredColumns = new Dictionary<string, string>(options.RequiredColumns) { [schema.Target] = "target" } };
        var table = (await CsvTableReader.ReadAsync(path, options, cancellationToken).ConfigureAwait(false)).Table;
        return (table, DatasetValidator.Validate(table, schema));
    }

    /// <summary>
    /// How to read this project's CSV files: declared features, target and column types are forced; the rest inferred.
    /// For scoring (<paramref name="forScoring"/>) only the features are required: no target, no cleaning columns.
    /// </summary>
    public CsvReadOptions ReadOptions(bool forScoring = false)
    {
        var types = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        var required = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in Config.Features)
        {
            types[feature.Name] = feature.Type switch
            {
                FeatureKind.Numeric => ColumnType.Numeric,
                FeatureKind.Date => ColumnType.Date,
                _ => ColumnType.Text,
            };
            required[feature.Name] = "features";
        }

        if (!string.IsNullOrEmpty(Config.Target))
        {
            if (Config.Task == ProjectTask.Regression)
            {
                types[Config.Target] = ColumnType.Numeric;
            }

            if (!forScoring)
            {
                required[Config.Target] = "target";
            }
        }

        foreach (var (column, type) in Config.Data.Columns)
        {
            types[column] = Enum.Parse<ColumnType>(type, ignoreCase: true);
        }

        if (!forScoring)
        {
            foreach (var column in Config.Cleaning.Fill.Keys.Concat(Config.Cleaning.DropMissing).Concat(Config.Cleaning.Outliers?.Columns ?? []))
            {
                required.TryAdd(column, "cleaning");
            }
        }

        return new CsvReadOptions
        {
            Delimiter = Config.Data.Delimiter[0],
            Encoding = Config.Data.Encoding,
            DateFormats = Schema.DateFormats,
            NullTokens = Config.Data.NullTokens,
            Trim = Config.Data.Trim,
            ColumnTypes = types,
            RequiredColumns = required,
        };
    }
}
