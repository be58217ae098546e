using Sextant.Pipelines;
using Sextant.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sextant.Projects;

/// <summary>Reads and checks a project's <c>sextant.yaml</c>.</summary>
public static class ProjectFile
{
    /// <summary>The file name of a project's configuration.</summary>
    public const string FileName = "sextant.yaml";

    private static readonly string[] s_derivedKinds = ["date_part", "ratio", "product", "difference", "sum", "log"];
    private static readonly string[] s_dateParts = ["year", "quarter", "month", "day", "day_of_week", "day_of_year", "hour"];
    private static readonly string[] s_columnTypes = ["numeric", "text", "date"];

    /// <summary>Loads <c>sextant.yaml</c> from a project folder; every problem is reported in one <see cref="ConfigException"/>.</summary>
    public static ProjectConfig Load(string projectDirectory)
    {
        var path = Path.Combine(projectDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new SextantException($"No {FileName} in '{Path.GetFullPath(projectDirectory)}'. Create one with 'sextant init DIR --example sales' or 'sextant init DIR --data FILE.csv --target COLUMN', or pass --project DIR.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The text of a project's <c>sextant.yaml</c>, as recorded with each run; null when absent.</summary>
    public static string? ReadText(string projectDirectory)
    {
        var path = Path.Combine(projectDirectory, FileName);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>The first words of the header that <c>sextant init --data</c> writes.</summary>
    internal const string InferredHeader = "# Inferred from ";

    /// <summary>
    /// Notes about a configuration that is valid but probably not what its user wants; empty when none. Today: a file
    /// written by an older <c>sextant init --data</c>, whose observed extremes became hard <c>min</c>/<c>max</c>/<c>allowed</c>
    /// that refuse rows a hair outside the training file. The file is not changed.
    /// </summary>
    public static IReadOnlyList<string> Notices(string yaml, ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(config);
        var inferred = yaml.StartsWith(InferredHeader, StringComparison.Ordinal);
        var hard = config.Features.Count(f => f.Min is not null || f.Max is not null || f.Allowed is not null);
        var soft = config.Features.Any(f => f.ObservedMin is not null || f.ObservedMax is not null || f.ObservedValues is not null);
        return inferred && hard > 0 && !soft
            ? [$"hint: {FileName} was inferred by an older 'sextant init', whose min/max/allowed of {hard} feature(s) are hard limits that refuse rows outside the training file; rename them observed_min/observed_max/observed_values to score such rows with a warning (or rerun 'sextant init --data ... --force')."]
            : [];
    }

    /// <summary>Parses configuration text; <paramref name="fileName"/> is used in messages.</summary>
    public static ProjectConfig Parse(string yaml, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException(fileName, [new ConfigProblem((int)ex.Start.Line, (int)ex.Start.Column, "not valid YAML: " + ex.Message)]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reports some unterminated structures (an unclosed '[' or quote) without a position.
            throw new ConfigException(fileName, [new ConfigProblem(1, 1, "not valid YAML: a bracket, brace or quote is never closed.")]);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ConfigException(fileName, [new ConfigProblem(1, 1, "the file is empty.")]);
        }

        var binder = new YamlBinder();
        var config = binder.Bind<ProjectConfig>(stream.Documents[0].RootNode, "");
        Check(config, binder, stream.Documents[0].RootNode.Start);
        if (binder.Problems.Count > 0)
        {
            throw new ConfigException(fileName, [.. binder.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column)]);
        }

        return config;
    }

    private static void Check(ProjectConfig config, YamlBinder binder, Mark root)
    {
        Mark At(object o) => binder.MarkOf(o) ?? root;

        if (string.IsNullOrWhiteSpace(config.Name))
        {
            binder.Report(root, "'name' is required.");
        }

        if (string.IsNullOrWhiteSpace(config.Data.Path))
        {
            binder.Report(At(config.Data), "'data.path' is required: the CSV file to read.");
        }

        if (config.Data.Delimiter.Length != 1)
        {
            binder.Report(At(config.Data), $"'data.delimiter' must be one character; found '{config.Data.Delimiter}'.");
        }

        foreach (var (column, type) in config.Data.Columns)
        {
            if (!s_columnTypes.Contains(type))
            {
                binder.Report(At(config.Data), $"'data.columns.{column}' must be one of {string.Join(", ", s_columnTypes)}; found '{type}'.");
            }
        }

        if (config.Task != ProjectTask.Forecast && string.IsNullOrWhiteSpace(config.Target))
        {
            binder.Report(root, "'target' is required: the column to predict.");
        }

        if (config.Features.Count == 0 && config.Task != ProjectTask.Forecast)
        {
            binder.Report(root, "'features' must list at least one feature.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in config.Features)
        {
            if (string.IsNullOrWhiteSpace(feature.Name))
            {
                binder.Report(At(feature), "a feature needs a 'name'.");
                continue;
            }

            if (!names.Add(feature.Name))
            {
                binder.Report(At(feature), $"feature '{feature.Name}' is declared twice.");
            }

            if (feature.Min > feature.Max)
            {
                binder.Report(At(feature), $"feature '{feature.Name}': min {feature.Min} is greater than max {feature.Max}.");
            }

            if (feature.Allowed is not null && feature.Type != FeatureKind.Categorical)
            {
                binder.Report(At(feature), $"feature '{feature.Name}': 'allowed' applies to categorical features only.");
            }

            if ((feature.Min is not null || feature.Max is not null) && feature.Type != FeatureKind.Numeric)
            {
                binder.Report(At(feature), $"feature '{feature.Name}': 'min'/'max' apply to numeric features only.");
            }

            if (feature.ObservedMin > feature.ObservedMax)
            {
                binder.Report(At(feature), $"feature '{feature.Name}': observed_min {feature.ObservedMin} is greater than observed_max {feature.ObservedMax}.");
            }

            if ((feature.ObservedMin is not null || feature.ObservedMax is not null) && feature.Type != FeatureKind.Numeric)
            {
                binder.Report(At(feature), $"feature '{feature.Name}': 'observed_min'/'observed_max' apply to numeric features only.");
            }

            if (feature.ObservedValues is not null && feature.Type != FeatureKind.Categorical)
            {
                binder.Report(At(feature), $"feature '{feature.Name}': 'observed_values' applies to categorical features only.");
            }
        }

        foreach (var derived in config.Derived)
        {
            if (string.IsNullOrWhiteSpace(derived.Name))
            {
                binder.Report(At(derived), "a derived feature needs a 'name'.");
                continue;
            }

            if (!names.Add(derived.Name))
            {
                binder.Report(At(derived), $"derived feature '{derived.Name}' has the name of another feature.");
            }

            if (!s_derivedKinds.Contains(derived.Kind))
            {
                binder.Report(At(derived), $"derived feature '{derived.Name}': kind must be one of {string.Join(", ", s_derivedKinds)}; found '{derived.Kind}'.");
                continue;
            }

            var arity = derived.Kind is "date_part" or "log" ? 1 : 2;
            if (derived.Inputs.Count != arity)
            {
                binder.Report(At(derived), $"derived feature '{derived.Name}': kind '{derived.Kind}' takes {arity} input(s); found {derived.Inputs.Count}.");
            }

            if (derived.Kind == "date_part" && (derived.Part is null || !s_dateParts.Contains(derived.Part)))
            {
                binder.Report(At(derived), $"derived feature '{derived.Name}': 'part' must be one of {string.Join(", ", s_dateParts)}.");
            }
        }

        if (config.Split.TestFraction is <= 0 or >= 1)
        {
            binder.Report(At(config.Split), $"'split.test_fraction' must be between 0 and 1 (exclusive); found {config.Split.TestFraction}.");
        }

        if (config.Split.Stratify == true && config.Task != ProjectTask.Classification)
        {
            binder.Report(At(config.Split), "'split.stratify' keeps class ratios, so it applies to classification only.");
        }

        if (config.Split.TestFile is not null && config.Split.TimeColumn is not null)
        {
            binder.Report(At(config.Split), "'split.test_file' and 'split.time_column' both choose the test rows; keep one.");
        }

        if (config.Split.Stratify == true && config.Split.TimeColumn is not null)
        {
            binder.Report(At(config.Split), "'split.stratify' cannot be combined with 'split.time_column': a time-ordered split holds out the latest rows.");
        }

        if (config.Training.IntervalMethod is not ("split_conformal" or "cqr"))
        {
            binder.Report(At(config.Training), $"'training.interval_method' must be split_conformal or cqr; found '{config.Training.IntervalMethod}'.");
        }

        if (config.Training.DecisionThreshold != "auto"
            && !(double.TryParse(config.Training.DecisionThreshold, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var threshold) && threshold > 0 && threshold < 1))
        {
            binder.Report(At(config.Training), $"'training.decision_threshold' must be a probability between 0 and 1 (exclusive) or auto; found '{config.Training.DecisionThreshold}'.");
        }

        if (config.Training.Calibration is not ("auto" or "platt" or "isotonic" or "none"))
        {
            binder.Report(At(config.Training), $"'training.calibration' must be auto, platt, isotonic or none; found '{config.Training.Calibration}'.");
        }

        if (config.Training.IntervalCoverage is < 0 or >= 1)
        {
            binder.Report(At(config.Training), $"'training.interval_coverage' must be 0 (off) or between 0 and 1; found {config.Training.IntervalCoverage}.");
        }

        if (config.Training.Cv is { Folds: < 2 } cv)
        {
            binder.Report(At(cv), $"'training.cv.folds' must be at least 2; found {cv.Folds}.");
        }

        if (config.Training.Search.Trials < 1)
        {
            binder.Report(At(config.Training.Search), $"'training.search.trials' must be at least 1; found {config.Training.Search.Trials}.");
        }

        for (var i = 0; i < config.Training.Candidates.Count; i++)
        {
            CheckSearch(config.Training.Candidates[i], $"training.candidates[{i}].search", binder, root);
        }

        var pipelineProblems = new List<(object? At, string Message)>();
        _ = PipelineDefinition.Build(config, pipelineProblems);
        foreach (var (at, message) in pipelineProblems)
        {
            binder.Report(at is null ? At(config.Pipeline) : binder.KeyMarkOf(at) ?? At(at), message);
        }
        MonitoringConfigCheck.Check(config, binder, root);
        if (config.Forecast is { } forecast)
        {
            CheckForecast(forecast, binder.MarkOf(forecast) ?? root, binder);
        }

        if (config.Cleaning.Outliers is { } outliers)
        {
            if (outliers.Method != "iqr")
            {
                binder.Report(At(outliers), $"'cleaning.outliers.method' must be 'iqr'; found '{outliers.Method}'.");
            }

            if (outliers.Factor <= 0)
            {
                binder.Report(At(outliers), "'cleaning.outliers.factor' must be positive.");
            }
        }
    }

    private static void CheckSearch(CandidateConfig candidate, string path, YamlBinder binder, Mark root)
    {
        if (candidate.Search is not { } search)
        {
            return;
        }

        var at = binder.MarkOf(search) ?? binder.MarkOf(candidate) ?? root;
        if (search.Count == 0)
        {
            binder.Report(at, $"'{path}' lists no ranges; remove it or add one, e.g. {{l2: [0.01, 100, log]}}.");
            return;
        }

        var searchable = SearchRange.SearchableBy(candidate.Learner).ToList();
        foreach (var (key, items) in search)
        {
            var itemsAt = binder.MarkOf(items) ?? at;
            if (!searchable.Contains(key))
            {
                var known = searchable.Count == 0 ? "none (unknown learner)" : string.Join(", ", searchable);
                binder.Report(itemsAt, $"unknown search key '{path}.{key}' for learner '{candidate.Learner}'. Searchable: {known}.");
                continue;
            }

            if (SearchRange.IsSet(candidate, key))
            {
                binder.Report(itemsAt, $"'{path}.{key}': '{key}' is both set and searched on this candidate; keep one.");
                continue;
            }

            if (!SearchRange.TryParse(key, items, out _, out var problem))
            {
                binder.Report(itemsAt, $"'{path}.{key}': {problem}");
            }
        }
    }

    private static void CheckForecast(ForecastConfig forecast, Mark at, YamlBinder binder)
    {
        if (string.IsNullOrWhiteSpace(forecast.Time) || string.IsNullOrWhiteSpace(forecast.Value))
        {
            binder.Report(at, "'forecast' needs 'time' (the time column) and 'value' (the numeric column to forecast).");
        }

        void OneOf(string key, string? value, IReadOnlyList<string> allowed)
        {
            if (value is not null && !allowed.Contains(value))
            {
                binder.Report(at, $"'forecast.{key}' must be one of {string.Join(", ", allowed)}; found '{value}'.");
            }
        }

        OneOf("aggregation", forecast.Aggregation, ForecastConfig.Aggregations);
        OneOf("frequency", forecast.Frequency, ForecastConfig.Frequencies);
        OneOf("missing", forecast.Missing, ForecastConfig.MissingPolicies);
        OneOf("metric", forecast.Metric, ForecastConfig.Metrics);
        try
        {
            Forecasting.Selection.ForecastMethods.Parse(forecast.Method);
        }
        catch (FormatException ex)
        {
            binder.Report(at, $"'forecast.method': {ex.Message}");
        }

        try
        {
            Forecasting.Transforms.BoxCox.Parse(forecast.Lambda);
        }
        catch (SextantException ex)
        {
            binder.Report(at, $"'forecast.lambda': {ex.Message}");
        }

        if (forecast.Horizon < 1)
        {
            binder.Report(at, $"'forecast.horizon' must be at least 1; found {forecast.Horizon}.");
        }

        if (forecast.Holdout is < 1)
        {
            binder.Report(at, $"'forecast.holdout' must be at least 1; found {forecast.Holdout}.");
        }

        if (forecast.Season is < 1)
        {
            binder.Report(at, $"'forecast.season' must be at least 1; found {forecast.Season}.");
        }

        foreach (var level in forecast.Levels.Where(l => !(l > 0 && l < 100)))
        {
            binder.Report(at, $"'forecast.levels': {level} is not a percentage strictly between 0 and 100.");
        }
    }
}
