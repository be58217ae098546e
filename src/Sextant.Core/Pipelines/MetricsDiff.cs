using System.Globalization;
using Sextant.Projects;

namespace Sextant.Pipelines;

/// <summary>
/// Compares the metrics of two runs, model versions or pipeline lock states, like <c>dvc metrics diff</c>. A side is
/// a run id (or unique prefix), <c>vN</c> (a registered version), <c>lock</c> (the project's <c>sextant.lock</c>),
/// <c>lock:STAGE</c> (one stage of it, metric names without the stage) or the path of a lock file.
/// </summary>
public static class MetricsDiff
{
    /// <summary>Every metric of either side, by name, with both values.</summary>
    public static IReadOnlyList<MetricChange> Compare(MetricsSnapshot old, MetricsSnapshot @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        return [.. old.Metrics.Keys.Union(@new.Metrics.Keys).Order(StringComparer.Ordinal)
            .Select(k => new MetricChange(k, old.Metrics.TryGetValue(k, out var a) ? a : null, @new.Metrics.TryGetValue(k, out var b) ? b : null))];
    }

    /// <summary>The two sides: as given, or by default the project's latest two finished runs (older first).</summary>
    /// <exception cref="SextantException">A side names nothing, or there are fewer than two runs to default to.</exception>
    public static async Task<(MetricsSnapshot Old, MetricsSnapshot New)> ResolveAsync(SextantProject project, string? a, string? b, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (a is not null && b is not null)
        {
            return (await ResolveAsync(project, a, cancellationToken).ConfigureAwait(false), await ResolveAsync(project, b, cancellationToken).ConfigureAwait(false));
        }

        var runs = (await project.Metadata.SearchRunsAsync(project.Name, "status = 'finished'", "start_time DESC", 2, cancellationToken).ConfigureAwait(false)).ToList();
        if (a is not null)
        {
            // One side given: compare it with the latest run.
            if (runs.Count == 0)
            {
                throw new SextantException($"no finished run to compare '{a}' with; name both sides.");
            }

            return (await ResolveAsync(project, a, cancellationToken).ConfigureAwait(false), new MetricsSnapshot($"run {runs[0].Id}", runs[0].Metrics));
        }

        if (runs.Count < 2)
        {
            throw new SextantException($"'{project.Name}' has {runs.Count} finished run(s); a diff of the latest two needs two. Name the sides: a run id, vN, lock, lock:STAGE or a lock file.");
        }

        return (new MetricsSnapshot($"run {runs[1].Id}", runs[1].Metrics), new MetricsSnapshot($"run {runs[0].Id}", runs[0].Metrics));
    }

    private static async Task<MetricsSnapshot> ResolveAsync(SextantProject project, string side, CancellationToken cancellationToken)
    {
        if (side.Length > 1 && side[0] == 'v' && int.TryParse(side.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            var versions = await project.Metadata.ListVersionsAsync(project.Name, cancellationToken).ConfigureAwait(false);
            var info = versions.FirstOrDefault(v => v.Version == version)
                ?? throw new SextantException($"model '{project.Name}' has no version {version}; versions: {string.Join(", ", versions.Select(v => v.Version))}.");
            return new MetricsSnapshot($"v{version}", info.Metrics);
        }

        if (side == "lock" || side.StartsWith("lock:", StringComparison.Ordinal))
        {
            var path = LockFile.PathOf(project.Directory);
            return FromLock(await LockFile.ReadAsync(path, cancellationToken).ConfigureAwait(false), LockFile.FileName, side == "lock" ? null : side[5..]);
        }

        if (File.Exists(side))
        {
            return FromLock(await LockFile.ReadAsync(side, cancellationToken).ConfigureAwait(false), side, null);
        }

        var run = await project.Metadata.GetRunAsync(side, cancellationToken).ConfigureAwait(false)
            ?? throw new SextantException($"'{side}' is not a run id (or prefix) in {project.Metadata.Location}, a version (vN), 'lock', 'lock:STAGE' or a lock file.");
        return new MetricsSnapshot($"run {run.Id}", run.Metrics);
    }

    private static MetricsSnapshot FromLock(PipelineLock value, string source, string? stage)
    {
        if (stage is not null)
        {
            return value.Stages.TryGetValue(stage, out var entry)
                ? new MetricsSnapshot($"{source} stage '{stage}'", entry.Metrics)
                : throw new SextantException($"{source} has no stage '{stage}'; stages: {string.Join(", ", value.Stages.Keys)}.");
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, entry) in value.Stages)
        {
            foreach (var (metric, v) in entry.Metrics)
            {
                metrics[$"{name}.{metric}"] = v;
            }
        }

        return new MetricsSnapshot(source, metrics);
    }
}
