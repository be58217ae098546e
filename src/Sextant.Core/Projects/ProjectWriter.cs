using System.Globalization;
using System.Text;

namespace Sextant.Projects;

/// <summary>Writes a <see cref="ProjectConfig"/> as a readable <c>sextant.yaml</c> that <see cref="ProjectFile"/> reads back unchanged.</summary>
public static class ProjectWriter
{
    public static string ToYaml(ProjectConfig config, string? headerComment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sb = new StringBuilder();
        if (headerComment is not null)
        {
            foreach (var line in headerComment.Split('\n'))
            {
                sb.Append("# ").AppendLine(line.TrimEnd());
            }
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"name: {Q(config.Name)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"task: {YamlBinder.ToSnake(config.Task.ToString())}");
        sb.AppendLine("data:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  path: {Q(config.Data.Path)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  delimiter: {Q(config.Data.Delimiter)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  encoding: {Q(config.Data.Encoding)}");
        if (config.Data.DateFormats.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  date_formats: {List(config.Data.DateFormats)}");
        }

        sb.AppendLine("  # Only these exact values (after trimming) are missing: NA stays a value unless listed.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  null_tokens: {List(config.Data.NullTokens)}");
        Map(sb, "  columns", config.Data.Columns);

        var cleaning = config.Cleaning;
        sb.AppendLine("cleaning:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  drop_columns: {List(cleaning.DropColumns)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  deduplicate: {(cleaning.Deduplicate ? "true" : "false")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  drop_missing: {List(cleaning.DropMissing)}");
        Map(sb, "  fill", cleaning.Fill);
        if (cleaning.Outliers is { } outliers)
        {
            sb.AppendLine("  outliers:");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    method: {outliers.Method}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    factor: {N(outliers.Factor)}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    columns: {List(outliers.Columns)}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"target: {Q(config.Target)}");
        if (config.PositiveClass is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"positive_class: {Q(config.PositiveClass)}");
        }

        sb.AppendLine("features:");
        foreach (var f in config.Features)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  - name: {Q(f.Name)}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    type: {YamlBinder.ToSnake(f.Type.ToString())}");
            if (f.Min is { } min)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    min: {N(min)}");
            }

            if (f.Max is { } max)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    max: {N(max)}");
            }

            if (f.Allowed is { } allowed)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    allowed: {List(allowed)}");
            }

            if (f.ObservedMin is { } observedMin)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    observed_min: {N(observedMin)}");
            }

            if (f.ObservedMax is { } observedMax)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    observed_max: {N(observedMax)}");
            }

            if (f.ObservedValues is { } observed)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    observed_values: {List(observed)}");
            }

            if (!f.Required)
            {
                sb.AppendLine("    required: false");
            }

            if (f.Nullable)
            {
                sb.AppendLine("    nullable: true");
            }

            if (f.Description is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    description: {Q(f.Description)}");
            }
        }

        if (config.Derived.Count > 0)
        {
            sb.AppendLine("derived:");
            foreach (var d in config.Derived)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  - name: {Q(d.Name)}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"    kind: {d.Kind}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"    inputs: {List(d.Inputs)}");
                if (d.Part is not null)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"    part: {d.Part}");
                }
            }
        }

        sb.AppendLine("split:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  test_fraction: {N(config.Split.TestFraction)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  seed: {config.Split.Seed}");
        if (config.Split.TimeColumn is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  time_column: {Q(config.Split.TimeColumn)}");
        }

        if (config.Split.TestFile is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  test_file: {Q(config.Split.TestFile)}");
        }

        if (config.Split.Stratify is { } stratify)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  stratify: {(stratify ? "true" : "false")}");
        }
        else if (config.Task == ProjectTask.Classification && config.Split.TimeColumn is null)
        {
            sb.AppendLine("  # Classification splits keep the class ratio (stratify: true) unless turned off.");
        }

        sb.AppendLine("training:");
        if (config.Training.PrimaryMetric is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  primary_metric: {config.Training.PrimaryMetric}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"  interval_coverage: {N(config.Training.IntervalCoverage)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  interval_method: {config.Training.IntervalMethod}   # split_conformal (same width) or cqr (adaptive width)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  calibration: {config.Training.Calibration}   # classification probabilities: auto, platt, isotonic or none");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  decision_threshold: {config.Training.DecisionThreshold}   # classification: a probability in (0, 1), or auto (best F1 on held-out training rows)");
        if (config.Training.Cv is { } cv)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  cv: {{folds: {cv.Folds}}}");
        }

        if (config.Training.Search != new SearchConfig() || config.Training.Candidates.Any(c => c.Search is not null))
        {
            var search = config.Training.Search;
            sb.AppendLine("  # Tuning of candidates with 'search' ranges, used by 'sextant train --selection tuned|both'.");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  search: {{trials: {search.Trials}, seed: {search.Seed}, method: {YamlBinder.ToSnake(search.Method.ToString())}}}");
        }

        sb.AppendLine("  # Empty: linear models with a few penalties and gradient boosting, chosen on a validation split.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  candidates: {(config.Training.Candidates.Count == 0 ? "[]" : "")}");
        foreach (var c in config.Training.Candidates)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"    - learner: {c.Learner}");
            Optional(sb, "name", c.Name is null ? null : Q(c.Name));
            Optional(sb, "l2", c.L2 is { } l2 ? N(l2) : null);
            Optional(sb, "alpha", c.Alpha is { } alpha ? N(alpha) : null);
            Optional(sb, "l1_ratio", c.L1Ratio is { } l1Ratio ? N(l1Ratio) : null);
            Optional(sb, "rounds", c.Rounds?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "learning_rate", c.LearningRate is { } lr ? N(lr) : null);
            Optional(sb, "max_leaves", c.MaxLeaves?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "max_depth", c.MaxDepth?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "min_samples_leaf", c.MinSamplesLeaf?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "loss", c.Loss);
            Optional(sb, "categorical", c.Categorical);
            Optional(sb, "row_subsample", c.RowSubsample is { } rows ? N(rows) : null);
            Optional(sb, "feature_subsample", c.FeatureSubsample is { } features ? N(features) : null);
            Optional(sb, "max_bins", c.MaxBins?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "quantised_gradients", c.QuantisedGradients is { } quantised ? (quantised ? "true" : "false") : null);
            Optional(sb, "cat_smooth", c.CatSmooth is { } catSmooth ? N(catSmooth) : null);
            Optional(sb, "max_cat_to_onehot", c.MaxCatToOnehot?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "max_cat_threshold", c.MaxCatThreshold?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "min_data_per_group", c.MinDataPerGroup?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "cat_l2", c.CatL2 is { } catL2 ? N(catL2) : null);
            Optional(sb, "trees", c.Trees?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "max_features", c.MaxFeatures is null ? null : Q(c.MaxFeatures));
            Optional(sb, "bootstrap", c.Bootstrap is { } bootstrap ? (bootstrap ? "true" : "false") : null);
            Optional(sb, "seed", c.Seed?.ToString(CultureInfo.InvariantCulture));
            Optional(sb, "search", c.Search is null ? null : "{" + string.Join(", ", c.Search.Select(kv => $"{Q(kv.Key)}: {List(kv.Value)}")) + "}");
        }

        sb.AppendLine("serving:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  urls: {Q(config.Serving.Urls)}");
        var gate = config.Promotion;
        sb.AppendLine("# The gate for 'sextant registry promote': judged against the alias's current model on the same held-out rows.");
        sb.AppendLine("promotion:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  min_improvement: {N(gate.MinImprovement)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  min_relative_improvement: {N(gate.MinRelativeImprovement)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  guard_metrics: {(gate.GuardMetrics.Count == 0 ? "{}" : "")}");
        foreach (var (metric, worsening) in gate.GuardMetrics)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"    {metric}: {N(worsening)}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"  max_latency_ratio: {N(gate.MaxLatencyRatio)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  require_validation: {(gate.RequireValidation ? "true" : "false")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  require_compatible_signature: {(gate.RequireCompatibleSignature ? "true" : "false")}");
        WriteMonitoring(sb, config.Monitoring);
        if (config.Forecast is { } forecast)
        {
            WriteForecast(sb, forecast);
        }
        if (config.Store is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"store: {Q(config.Store)}");
        }
        else
        {
            sb.AppendLine("# Runs and the registry: the project's .sextant/sextant.db unless set (SEXTANT_STORE wins), e.g.");
            sb.AppendLine("# store: postgres://user:password@localhost:5432/sextant");
        }

        if (config.Artifacts is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"artifacts: {Q(config.Artifacts)}");
        }
        else
        {
            sb.AppendLine("# Model artifacts: the project's .sextant/artifacts unless set (SEXTANT_ARTIFACTS wins), e.g.");
            sb.AppendLine("# artifacts: s3://bucket/prefix   (AWS_ENDPOINT_URL for an S3-compatible server; AWS_* credentials)");
        }

        return sb.ToString();
    }

    private static void WriteMonitoring(StringBuilder sb, MonitoringConfig m)
    {
        sb.AppendLine("# Drift monitoring of the served model: 'sextant monitor', 'sextant alerts', and scheduled checks in 'sextant serve'.");
        sb.AppendLine("monitoring:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  reference_rows: {m.ReferenceRows}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  min_sample: {m.MinSample}");
        if (m.Alias is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  alias: {Q(m.Alias)}");
        }

        sb.AppendLine("  window:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    duration: {Q(m.Window.Duration ?? "none")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    last: {m.Window.Last}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  p_value_threshold: {N(m.PValueThreshold)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  distance_threshold: {N(m.DistanceThreshold)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  small_reference: {m.SmallReference}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  dataset_rule: {Q(m.DatasetRule)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  family_alpha: {N(m.FamilyAlpha)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  dataset_drift_share: {N(m.DatasetDriftShare)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  dataset_drift_features: {m.DatasetDriftFeatures}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  schema_violation_share: {N(m.SchemaViolationShare)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  features: {(m.Features.Count == 0 ? "{}" : "")}");
        foreach (var (name, feature) in m.Features)
        {
            var parts = new List<string>();
            if (feature.Method is not null)
            {
                parts.Add($"method: {Q(feature.Method)}");
            }

            if (feature.Threshold is { } threshold)
            {
                parts.Add($"threshold: {N(threshold)}");
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"    {Q(name)}: {{{string.Join(", ", parts)}}}");
        }

        var performance = m.Performance;
        sb.AppendLine("  performance:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    min_labels: {performance.MinLabels}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    tolerances: {{{string.Join(", ", performance.Tolerances.Select(kv => $"{Q(kv.Key)}: {N(kv.Value)}"))}}}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    coverage_tolerance: {N(performance.CoverageTolerance)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    missing_share_increase: {N(performance.MissingShareIncrease)}");

        if (m.Schedule is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  schedule: {Q(m.Schedule)}");
        }

        if (m.Webhook is { } webhook)
        {
            sb.AppendLine("  webhook:");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    url: {Q(webhook.Url)}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    retries: {webhook.Retries}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    timeout_seconds: {N(webhook.TimeoutSeconds)}");
        }

        if (m.Retrain is { } retrain)
        {
            sb.AppendLine("  retrain:");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    source: {Q(retrain.Source)}");
            if (retrain.File is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    file: {Q(retrain.File)}");
            }

            if (retrain.Query is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    query: {Q(retrain.Query)}");
            }

            if (retrain.Alias is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    alias: {Q(retrain.Alias)}");
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"    automatic: {(retrain.Automatic ? "true" : "false")}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    kinds: {List(retrain.Kinds)}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    cooldown: {Q(retrain.Cooldown)}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    min_new_rows: {retrain.MinNewRows}");
        }
    }

    private static void WriteForecast(StringBuilder sb, ForecastConfig f)
    {
        sb.AppendLine("# The project's time series: 'sextant forecast -p' registers forecast versions, POST /forecast serves them.");
        sb.AppendLine("forecast:");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  time: {Q(f.Time)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  value: {Q(f.Value)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  segments: {List(f.Segments)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  filters: {{{string.Join(", ", f.Filters.Select(kv => $"{Q(kv.Key)}: {Q(kv.Value)}"))}}}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  aggregation: {Q(f.Aggregation)}");
        if (f.Frequency is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  frequency: {Q(f.Frequency)}");
        }

        if (f.Season is { } season)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  season: {season}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"  missing: {Q(f.Missing)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  horizon: {f.Horizon}");
        if (f.Holdout is { } holdout)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  holdout: {holdout}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"  method: {Q(f.Method)}");
        if (f.Lambda is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  lambda: {Q(f.Lambda)}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"  levels: [{string.Join(", ", f.Levels.Select(N))}]");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  metric: {Q(f.Metric)}");
    }

    private static void Optional(StringBuilder sb, string key, string? value)
    {
        if (value is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"      {key}: {value}");
        }
    }

    private static void Map(StringBuilder sb, string key, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{key}: {{}}");
            return;
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"{key}:");
        var indent = new string(' ', key.Length - key.TrimStart().Length + 2);
        foreach (var (k, v) in map)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{indent}{Q(k)}: {Q(v)}");
        }
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Q)) + "]";

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A double-quoted YAML scalar.</summary>
    private static string Q(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\u00A0", "\\_", StringComparison.Ordinal) + "\"";
}
