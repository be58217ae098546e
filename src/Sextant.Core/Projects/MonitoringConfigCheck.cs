using Sextant.Monitoring.Drift;
using YamlDotNet.Core;

namespace Sextant.Projects;

/// <summary>The semantic checks of <c>monitoring:</c>, each a <see cref="ConfigProblem"/> at the key's line.</summary>
internal static class MonitoringConfigCheck
{
    /// <summary>The alert kinds, as configuration and the alerts table spell them.</summary>
    internal static readonly string[] AlertKinds = [.. Enum.GetValues<Monitoring.Alerts.AlertKind>().Select(Monitoring.Alerts.AlertNames.Of)];

    /// <summary>The realised metrics a performance tolerance can name, per task.</summary>
    internal static readonly string[] RegressionMetricNames = ["rmse", "mae", "mape", "smape", "r2"];

    internal static readonly string[] ClassificationMetricNames = ["roc_auc", "accuracy", "log_loss", "brier", "f1", "precision", "recall", "pr_auc"];

    public static void Check(ProjectConfig config, YamlBinder binder, Mark root)
    {
        var monitoring = config.Monitoring;
        Mark At(object o) => binder.MarkOf(o) ?? binder.MarkOf(monitoring) ?? root;

        if (monitoring.ReferenceRows < 1)
        {
            binder.Report(At(monitoring), $"'monitoring.reference_rows' must be at least 1; found {monitoring.ReferenceRows}.");
        }

        if (monitoring.MinSample < 1)
        {
            binder.Report(At(monitoring), $"'monitoring.min_sample' must be at least 1; found {monitoring.MinSample}.");
        }

        if (monitoring.Window.Duration is { } duration && !MonitoringWindowConfig.IsUnbounded(duration) && !ConfigDuration.TryParse(duration, out _))
        {
            binder.Report(At(monitoring.Window), $"'monitoring.window.duration' must be a duration such as 30m, 24h or 7d; found '{duration}'.");
        }

        if (monitoring.Window.Last < 0)
        {
            binder.Report(At(monitoring.Window), $"'monitoring.window.last' must be 0 (all rows) or more; found {monitoring.Window.Last}.");
        }

        if (!(monitoring.PValueThreshold is > 0 and < 1))
        {
            binder.Report(At(monitoring), $"'monitoring.p_value_threshold' must be strictly between 0 and 1; found {monitoring.PValueThreshold}.");
        }

        if (!(monitoring.DistanceThreshold > 0 && double.IsFinite(monitoring.DistanceThreshold)))
        {
            binder.Report(At(monitoring), $"'monitoring.distance_threshold' must be a number > 0; found {monitoring.DistanceThreshold}.");
        }

        if (monitoring.DatasetDriftShare is < 0 or > 1)
        {
            binder.Report(At(monitoring), $"'monitoring.dataset_drift_share' must be in (0, 1], or 0 to turn the share rule off; found {monitoring.DatasetDriftShare}.");
        }

        if (monitoring.DatasetDriftFeatures < 0)
        {
            binder.Report(At(monitoring), $"'monitoring.dataset_drift_features' must be at least 1, or 0 to turn the count rule off; found {monitoring.DatasetDriftFeatures}.");
        }

        var corrected = monitoring.DatasetRule == "corrected";
        if (!MonitoringConfig.DatasetRules.Contains(monitoring.DatasetRule))
        {
            binder.Report(At(monitoring), $"'monitoring.dataset_rule' must be one of {string.Join(", ", MonitoringConfig.DatasetRules)}; found '{monitoring.DatasetRule}'.");
        }

        if (!(monitoring.FamilyAlpha is > 0 and < 1))
        {
            binder.Report(At(monitoring), $"'monitoring.family_alpha' must be strictly between 0 and 1 (0.05 = at most 5% false alarms); found {monitoring.FamilyAlpha}.");
        }

        if (!corrected && monitoring.DatasetDriftShare == 0 && monitoring.DatasetDriftFeatures == 0)
        {
            binder.Report(At(monitoring), "'monitoring.dataset_drift_share' and 'monitoring.dataset_drift_features' are both 0: the dataset decision needs a rule.");
        }

        var features = new Dictionary<string, Schema.FeatureDefinition>(StringComparer.Ordinal);
        foreach (var feature in config.Features)
        {
            features.TryAdd(feature.Name ?? "", feature);
        }

        foreach (var (name, feature) in monitoring.Features)
        {
            var at = binder.MarkOf(feature!) ?? binder.MarkOf(monitoring.Features) ?? At(monitoring);
            if (!features.TryGetValue(name, out var declared))
            {
                var known = string.Join(", ", config.Features.Where(f => f.Type != Schema.FeatureKind.Date).Select(f => f.Name));
                binder.Report(at, $"'monitoring.features.{name}': no feature '{name}' in 'features' (monitored features: {known}).");
                continue;
            }

            if (feature is null)
            {
                continue;
            }

            if (declared.Type == Schema.FeatureKind.Date)
            {
                binder.Report(at, $"'monitoring.features.{name}': date features are not tested for drift.");
                continue;
            }

            DriftMethod? method = null;
            if (feature.Method is { } text)
            {
                try
                {
                    method = DriftMethods.Parse(text);
                }
                catch (SextantException ex)
                {
                    binder.Report(at, $"'monitoring.features.{name}.method': {ex.Message}");
                }
            }

            if (method is DriftMethod.Ks or DriftMethod.Wasserstein && declared.Type == Schema.FeatureKind.Categorical)
            {
                binder.Report(at, $"'monitoring.features.{name}.method': {feature.Method} needs a numeric feature; '{name}' is categorical.");
            }

            if (corrected && method is { } distance && !distance.IsTest())
            {
                binder.Report(at, $"'monitoring.features.{name}.method': {feature.Method} is a distance; 'monitoring.dataset_rule: corrected' needs a p-value test (ks, chisquare, z) or no method.");
            }

            if (corrected && feature.Threshold is not null)
            {
                binder.Report(at, $"'monitoring.features.{name}.threshold': 'monitoring.dataset_rule: corrected' compares every feature's Holm-adjusted p-value with 'monitoring.family_alpha'; remove the threshold.");
            }
            else if (feature.Threshold is { } threshold)
            {
                if (method is { } m && m.IsTest() && threshold is not (> 0 and < 1))
                {
                    binder.Report(at, $"'monitoring.features.{name}.threshold': a p-value threshold must be strictly between 0 and 1; found {threshold}.");
                }
                else if (!(threshold > 0 && double.IsFinite(threshold)))
                {
                    binder.Report(at, $"'monitoring.features.{name}.threshold' must be a number > 0; found {threshold}.");
                }
            }
        }

        if (monitoring.Schedule is { } schedule)
        {
            if (!Scheduling.CronSchedule.TryParse(schedule, out _, out var error))
            {
                binder.Report(At(monitoring), $"'monitoring.schedule' is not a cron expression ({Scheduling.CronSchedule.Form}): {error}");
            }
        }

        if (monitoring.Webhook is { } webhook)
        {
            if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                binder.Report(At(webhook), $"'monitoring.webhook.url' must be an absolute http(s) URL; found '{webhook.Url}'.");
            }

            if (webhook.Retries is < 0 or > 10)
            {
                binder.Report(At(webhook), $"'monitoring.webhook.retries' must be between 0 and 10; found {webhook.Retries}.");
            }

            if (!(webhook.TimeoutSeconds > 0 && webhook.TimeoutSeconds <= 300))
            {
                binder.Report(At(webhook), $"'monitoring.webhook.timeout_seconds' must be in (0, 300]; found {webhook.TimeoutSeconds}.");
            }
        }

        if (monitoring.SchemaViolationShare is < 0 or > 1)
        {
            binder.Report(At(monitoring), $"'monitoring.schema_violation_share' must be in (0, 1], or 0 to turn the rule off; found {monitoring.SchemaViolationShare}.");
        }

        var performance = monitoring.Performance;
        if (performance.MinLabels < 1)
        {
            binder.Report(At(performance), $"'monitoring.performance.min_labels' must be at least 1; found {performance.MinLabels}.");
        }

        var metrics = config.Task == ProjectTask.Classification ? ClassificationMetricNames : RegressionMetricNames;
        foreach (var (metric, tolerance) in performance.Tolerances)
        {
            if (!metrics.Contains(metric))
            {
                binder.Report(At(performance), $"'monitoring.performance.tolerances': '{metric}' is not a realised {config.Task.ToString().ToLowerInvariant()} metric; use one of {string.Join(", ", metrics)}.");
            }
            else if (!(tolerance >= 0 && double.IsFinite(tolerance)))
            {
                binder.Report(At(performance), $"'monitoring.performance.tolerances.{metric}' must be a relative worsening of 0 or more (0.1 = 10% worse); found {tolerance}.");
            }
        }

        if (performance.CoverageTolerance is < 0 or >= 1)
        {
            binder.Report(At(performance), $"'monitoring.performance.coverage_tolerance' must be in [0, 1), 0 to turn the coverage rule off; found {performance.CoverageTolerance}.");
        }

        if (performance.MissingShareIncrease is < 0 or > 1)
        {
            binder.Report(At(performance), $"'monitoring.performance.missing_share_increase' must be in [0, 1], 0 to turn the missing-values rule off; found {performance.MissingShareIncrease}.");
        }

        if (monitoring.Retrain is { } retrain)
        {
            if (!RetrainConfig.Sources.Contains(retrain.Source))
            {
                binder.Report(At(retrain), $"'monitoring.retrain.source' must be one of {string.Join(", ", RetrainConfig.Sources)}; found '{retrain.Source}'.");
            }
            else if (retrain.Source == "query" && string.IsNullOrWhiteSpace(retrain.Query))
            {
                binder.Report(At(retrain), "'monitoring.retrain.source' is query but 'monitoring.retrain.query' is empty: give the SQL that selects the fresh rows.");
            }

            foreach (var kind in retrain.Kinds)
            {
                if (!AlertKinds.Contains(kind))
                {
                    binder.Report(At(retrain), $"'monitoring.retrain.kinds': unknown alert kind '{kind}'; kinds: {string.Join(", ", AlertKinds)}.");
                }
            }

            if (!ConfigDuration.TryParse(retrain.Cooldown, out _))
            {
                binder.Report(At(retrain), $"'monitoring.retrain.cooldown' must be a duration such as 30m, 24h or 7d; found '{retrain.Cooldown}'.");
            }

            if (retrain.MinNewRows < 0)
            {
                binder.Report(At(retrain), $"'monitoring.retrain.min_new_rows' must be 0 or more; found {retrain.MinNewRows}.");
            }
        }
    }
}
