using System.Globalization;
using Sextant.Models;
using Sextant.Monitoring.Alerts;
using Sextant.Monitoring.Drift;
using Sextant.Monitoring.Performance;
using Sextant.Monitoring.Window;
using Sextant.Projects;

namespace Sextant.Monitoring.Checks;

/// <summary>
/// One monitoring check: reads the window of logged predictions, tests it against the version's reference profile and
/// turns the findings into alerts (one active per model and kind: opened, updated, or resolved when a check comes
/// back clean). Below the configured minimum sample the check says "not enough data" and changes no alert.
/// </summary>
public static class MonitoringCheck
{
    /// <summary>Runs a check now.</summary>
    /// <exception cref="SextantException">
    /// No such version or alias, the window holds no logged prediction (<see cref="EmptyWindowException"/>), or the drift options do not fit the profile;
    /// nothing is changed.
    /// </exception>
    public static async Task<MonitoringCheckResult> RunAsync(SextantProject project, MonitoringCheckRequest request, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(request);
        time ??= TimeProvider.System;
        var config = project.Config.Monitoring;
        var now = time.GetUtcNow();
        var (version, alias) = await ResolveVersionAsync(project, request, cancellationToken).ConfigureAwait(false);
        var query = WindowQuery(project.Name, version, config.Window, request, now);

        var window = await project.Metadata.ReadPredictionWindowAsync(query, cancellationToken).ConfigureAwait(false);
        // Refused requests of the same window: a time window as asked, a "last N" window from its oldest row on.
        var refused = await project.Metadata.CountRefusedAsync(query with { Last = null, Since = query.Last is null ? query.Since : window.First ?? query.Since }, cancellationToken).ConfigureAwait(false);
        if (window.Rows == 0 && refused.Count == 0)
        {
            throw new EmptyWindowException($"No logged predictions in the window ({query.Describe()}); nothing was checked. Serve the model and send traffic, or widen the window (--since, --last).");
        }

        var profile = await VersionReference.GetOrBuildAsync(project, version, cancellationToken).ConfigureAwait(false);
        var columns = profile.Features.Select(f => window.Column(f.Name, f.Kind) ?? Missing(f.Name, f.Kind, window.Rows)).ToList();
        var report = DriftDetector.Check(profile, columns, config.ToDriftOptions(), window.PredictionColumn());

        // The version's test metrics are in its artifact: no second registry read.
        var predictor = await ModelLoader.LoadAsync(project, version, cancellationToken).ConfigureAwait(false);
        var labelled = await project.Metadata.ReadLabelledPredictionsAsync(query, cancellationToken).ConfigureAwait(false);
        var performance = PerformanceMonitor.Evaluate(predictor, predictor.Artifact.Metrics, Training.Trainer.PrimaryMetric(project.Config), config.Performance, labelled, window.Predictions);

        var changes = new List<AlertChange>();
        var where = $"{query.Describe()}, {window.Rows} rows";
        if (request.UpdateAlerts && report.Status == DriftCheckStatus.Checked)
        {
            await ApplyAsync(project, request.Actor, AlertKind.DataDrift, report.DatasetDrift ? DataDriftSignal(project.Name, version, report, where) : null, changes, cancellationToken).ConfigureAwait(false);
            if (report.Prediction is { } prediction)
            {
                await ApplyAsync(project, request.Actor, AlertKind.PredictionDrift, prediction.Drifted ? PredictionDriftSignal(project.Name, version, prediction, where) : null, changes, cancellationToken).ConfigureAwait(false);
            }

            if (config.Performance.MissingShareIncrease > 0)
            {
                await ApplyAsync(project, request.Actor, AlertKind.MissingValues, MissingValuesSignal(project.Name, version, report, config.Performance.MissingShareIncrease, where), changes, cancellationToken).ConfigureAwait(false);
            }
        }

        var requests = window.Rows + refused.Count;
        if (request.UpdateAlerts && config.SchemaViolationShare > 0 && requests >= config.MinSample)
        {
            var share = (double)refused.Count / requests;
            await ApplyAsync(project, request.Actor, AlertKind.SchemaViolations, share >= config.SchemaViolationShare ? SchemaViolationsSignal(project.Name, version, refused, share, where) : null, changes, cancellationToken).ConfigureAwait(false);
        }

        if (request.UpdateAlerts && performance.Status == "checked")
        {
            await ApplyAsync(project, request.Actor, AlertKind.Performance, performance.Degraded.Count > 0 ? PerformanceSignal(project.Name, version, performance, where) : null, changes, cancellationToken).ConfigureAwait(false);
        }

        return new MonitoringCheckResult
        {
            Model = project.Name,
            Version = version,
            Alias = alias,
            CheckedAt = now,
            Window = query.Describe(),
            WindowRows = window.Rows,
            First = window.First,
            Last = window.Last,
            Drift = report,
            Performance = performance,
            Refused = refused,
            Alerts = changes,
        };
    }

    // A finding opens or updates the alert of its kind; a clean result resolves the active one.
    private static async Task ApplyAsync(SextantProject project, string actor, AlertKind kind, AlertSignal? signal, List<AlertChange> changes, CancellationToken cancellationToken)
    {
        var change = signal is not null
            ? await project.Metadata.RaiseAlertAsync(signal, cancellationToken).ConfigureAwait(false)
            : await project.Metadata.ResolveActiveAlertAsync(project.Name, kind, actor, cancellationToken).ConfigureAwait(false);
        if (change is not null)
        {
            changes.Add(change);
        }
    }

    private static async Task<(int Version, string? Alias)> ResolveVersionAsync(SextantProject project, MonitoringCheckRequest request, CancellationToken cancellationToken)
    {
        if (request.Version is not null && request.Alias is not null)
        {
            throw new SextantException("Give a version or an alias to check, not both.");
        }

        var alias = request.Version is null ? request.Alias ?? project.Config.Monitoring.Alias : null;
        if (alias is null)
        {
            return ((await ModelLoader.FindAsync(project.Metadata, project.Name, request.Version, cancellationToken).ConfigureAwait(false)).Version, null);
        }

        return (await ModelLoader.FindAliasAsync(project.Metadata, project.Name, alias, cancellationToken).ConfigureAwait(false), alias);
    }

    private static PredictionWindowQuery WindowQuery(string model, int version, MonitoringWindowConfig window, MonitoringCheckRequest request, DateTimeOffset now)
    {
        if (request.Last is <= 0)
        {
            throw new SextantException($"The window's last rows must be at least 1; got {request.Last}.");
        }

        var explicitWindow = request.Since is not null || request.Until is not null || request.Last is not null;
        return new PredictionWindowQuery
        {
            Model = model,
            Version = version,
            Since = explicitWindow ? request.Since : window.RollingDuration is { } duration ? now - duration : null,
            Until = request.Until,
            Last = explicitWindow ? request.Last : window.Last > 0 ? window.Last : null,
        };
    }

    // A feature never logged in the window (e.g. optional and never sent) is all missing, not an error.
    private static DriftColumn Missing(string name, DriftFeatureKind kind, int rows) => kind == DriftFeatureKind.Numeric
        ? DriftColumn.Numeric(name, Enumerable.Repeat(double.NaN, rows).ToArray())
        : DriftColumn.Categorical(name, new string?[rows]);

    private static AlertSignal DataDriftSignal(string model, int version, DriftReport report, string where)
    {
        var drifted = report.Features.Where(f => f.Drifted).OrderByDescending(f => f.Psi).ToList();
        var scores = drifted.ToDictionary(f => f.Name, f => f.Score);
        scores["drifted_share"] = report.DriftedShare;
        scores["drifted_features"] = report.DriftedFeatures;
        return new AlertSignal
        {
            Model = model,
            Version = version,
            Kind = AlertKind.DataDrift,
            Severity = drifted.Any(f => f.PsiBand == PsiBand.Major) ? AlertSeverity.Critical : AlertSeverity.Warning,
            Features = [.. drifted.Select(f => f.Name)],
            Scores = scores,
            Message = Invariant($"{report.Message}; drifted: {string.Join(", ", drifted.Select(Describe))}; window: {where}"),
        };
    }

    // Features whose missing share rose by at least the configured points over the reference.
    private static AlertSignal? MissingValuesSignal(string model, int version, DriftReport report, double increase, string where)
    {
        var risen = report.Features.Where(f => f.CurrentMissingShare - f.ReferenceMissingShare >= increase).OrderByDescending(f => f.CurrentMissingShare - f.ReferenceMissingShare).ToList();
        return risen.Count == 0 ? null : new AlertSignal
        {
            Model = model,
            Version = version,
            Kind = AlertKind.MissingValues,
            Severity = risen.Any(f => f.CurrentMissingShare - f.ReferenceMissingShare >= 0.5) ? AlertSeverity.Critical : AlertSeverity.Warning,
            Features = [.. risen.Select(f => f.Name)],
            Scores = risen.ToDictionary(f => f.Name, f => f.CurrentMissingShare),
            Message = Invariant($"missing more often than in training: {string.Join(", ", risen.Select(f => Invariant($"{f.Name} {f.CurrentMissingShare:P1} (reference {f.ReferenceMissingShare:P1})")))}; window: {where}"),
        };
    }

    private static AlertSignal SchemaViolationsSignal(string model, int version, Feedback.RefusedRequests refused, double share, string where)
    {
        var features = refused.ByFeature.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var scores = features.ToDictionary(kv => kv.Key.Length == 0 ? "(record)" : kv.Key, kv => (double)kv.Value);
        scores["refused_share"] = share;
        scores["refused"] = refused.Count;
        return new AlertSignal
        {
            Model = model,
            Version = version,
            Kind = AlertKind.SchemaViolations,
            Severity = share >= 0.25 ? AlertSeverity.Critical : AlertSeverity.Warning,
            Features = [.. features.Select(kv => kv.Key).Where(k => k.Length > 0)],
            Scores = scores,
            Message = Invariant($"{refused.Count} request(s) refused for breaking declared schema rules ({share:P1} of the window's requests): {string.Join(", ", features.Take(5).Select(kv => $"{(kv.Key.Length == 0 ? "(record)" : kv.Key)} x{kv.Value}"))}; window: {where}"),
        };
    }

    private static AlertSignal PerformanceSignal(string model, int version, PerformanceReport performance, string where) => new()
    {
        Model = model,
        Version = version,
        Kind = AlertKind.Performance,
        Severity = performance.Degraded.Any(d => d.Worsening >= 2 * ToleranceOf(d)) ? AlertSeverity.Critical : AlertSeverity.Warning,
        Features = [.. performance.Degraded.Select(d => d.Metric)],
        Scores = performance.Degraded.ToDictionary(d => d.Metric, d => d.Value),
        Message = Invariant($"{performance.Message}; window: {where}"),
    };

    // Twice the tolerance off is critical.
    private static double ToleranceOf(MetricDegradation d) =>
        d.Metric == "coverage" ? d.Limit : Math.Abs(d.Limit - d.Reference) / Math.Max(Math.Abs(d.Reference), 1e-12);

    private static AlertSignal PredictionDriftSignal(string model, int version, FeatureDrift prediction, string where) => new()
    {
        Model = model,
        Version = version,
        Kind = AlertKind.PredictionDrift,
        Severity = prediction.PsiBand == PsiBand.Major ? AlertSeverity.Critical : AlertSeverity.Warning,
        Features = [prediction.Name],
        Scores = new Dictionary<string, double> { [prediction.Name] = prediction.Score, ["psi"] = prediction.Psi },
        Message = Invariant($"the predictions drifted: {Describe(prediction)}; window: {where}"),
    };

    private static string Describe(FeatureDrift f) =>
        Invariant($"{f.Name} ({AlertNames.Of(f.Method)} {(f.PValue is { } p ? $"p={p:G3}" : $"{f.Score:G3}")}, PSI {f.Psi:F2})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
