using System.Text.RegularExpressions;
using Sextant.Models;
using Sextant.Projects;

namespace Sextant.Registry;

/// <summary>
/// The governed registry of a project's model: promotion through the gate, rollback through the alias history,
/// and "which version held this alias at time T". Every change is a stored event; every promotion attempt a stored decision.
/// </summary>
public sealed partial class ModelRegistry
{
    private readonly SextantProject _project;
    private readonly TimeProvider _time;
    private readonly string _model;

    /// <param name="project">The project.</param>
    /// <param name="time">The clock of decisions and events.</param>
    /// <param name="forecast">The project's forecast model (<c>{project}_forecast</c>, gated on its holdout) instead of its tabular model.</param>
    public ModelRegistry(SextantProject project, TimeProvider? time = null, bool forecast = false)
    {
        ArgumentNullException.ThrowIfNull(project);
        _project = project;
        _time = time ?? TimeProvider.System;
        _model = forecast ? Forecasting.Registry.ForecastVersions.ModelName(project) : project.Name;
    }

    /// <summary>The registered model this registry governs.</summary>
    public string Model => _model;

    /// <summary>Who is acting: <c>SEXTANT_ACTOR</c> when set, else the OS user.</summary>
    public static string CurrentActor() =>
        Environment.GetEnvironmentVariable("SEXTANT_ACTOR") is { Length: > 0 } actor ? actor : Environment.UserName;

    /// <summary>
    /// Runs the gate for <paramref name="version"/> against the alias's current holder, stores the decision, and moves
    /// the alias when every criterion passed or <paramref name="force"/> is set (recorded as forced).
    /// </summary>
    public async Task<PromotionOutcome> PromoteAsync(int version, string alias, string actor, string? reason = null, bool force = false, CancellationToken cancellationToken = default)
    {
        CheckAlias(alias);
        var model = _model;
        var aliases = await _project.Metadata.GetAliasesAsync(model, cancellationToken).ConfigureAwait(false);
        int? championVersion = aliases.TryGetValue(alias, out var held) ? held : null;
        if (championVersion == version)
        {
            throw new SextantException($"Alias '{alias}' already points to v{version}.");
        }

        var (criteria, evaluatedOn) = await EvaluateAsync(version, championVersion, cancellationToken).ConfigureAwait(false);
        var failed = criteria.Where(x => !x.Passed).ToList();
        var promoted = failed.Count == 0 || force;
        var because = failed.Count == 0
            ? championVersion is null ? $"first version to hold '{alias}'" : $"v{version} passed every criterion against v{championVersion}"
            : $"failed {string.Join("; ", failed.Select(f => $"{f.Name}: {f.Detail}"))}";
        var text = (promoted ? (failed.Count > 0 ? "Promoted by force; " : "Promoted: ") : "Not promoted: ") + because + (reason is null ? "" : $". Reason given: {reason}");
        var decision = await _project.Metadata.RecordDecisionAsync(
            new PromotionDecision(0, model, alias, version, championVersion, promoted, force, criteria, text, evaluatedOn, actor, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (!promoted)
        {
            return new PromotionOutcome(decision, null);
        }

        var moved = await _project.Metadata.MoveAliasAsync(
            new AliasChange(model, alias, version, championVersion, "promote", actor, reason, force, decision.Id), cancellationToken).ConfigureAwait(false);
        return new PromotionOutcome(decision, moved);
    }

    // The gate of the governed model: tabular versions through PromotionGate, forecast versions through ForecastGate.
    private async Task<(IReadOnlyList<GateCriterion> Criteria, string EvaluatedOn)> EvaluateAsync(int version, int? championVersion, CancellationToken cancellationToken)
    {
        if (_model != _project.Name)
        {
            var (_, candidateForecast) = await Forecasting.Registry.ForecastVersions.LoadAsync(_project, version, cancellationToken).ConfigureAwait(false);
            var championForecast = championVersion is { } f ? (await Forecasting.Registry.ForecastVersions.LoadAsync(_project, f, cancellationToken).ConfigureAwait(false)).Artifact : null;
            return Forecasting.Registry.ForecastGate.Evaluate(candidateForecast, championForecast, _project.Config.Promotion);
        }

        var candidate = await ModelLoader.LoadAsync(_project, version, cancellationToken).ConfigureAwait(false);
        var champion = championVersion is { } c ? await ModelLoader.LoadAsync(_project, c, cancellationToken).ConfigureAwait(false) : null;
        return await PromotionGate.EvaluateAsync(_project, candidate, champion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the alias back to where it pointed before its last change, <paramref name="steps"/> times: each step reverts
    /// the newest change not yet reverted, so repeated rollbacks walk back through history rather than swapping two versions.
    /// </summary>
    public async Task<IReadOnlyList<AliasEvent>> RollbackAsync(string alias, string actor, int steps = 1, string? reason = null, CancellationToken cancellationToken = default)
    {
        CheckAlias(alias);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var events = new List<AliasEvent>();
        for (var step = 0; step < steps; step++)
        {
            var history = await _project.Metadata.AliasHistoryAsync(_model, alias, cancellationToken).ConfigureAwait(false);
            if (history.Count == 0)
            {
                throw new SextantException($"Alias '{alias}' has never been set; nothing to roll back.");
            }

            var undone = history.Where(e => e.UndoesEventId is not null).Select(e => e.UndoesEventId!.Value).ToHashSet();
            var last = history.LastOrDefault(e => e.Action != "rollback" && !undone.Contains(e.Id));
            if (last?.FromVersion is not { } target)
            {
                throw new SextantException(events.Count == 0
                    ? $"Alias '{alias}' has no earlier version to roll back to (it has been rolled back to its first version)."
                    : $"Rolled back {events.Count} step(s) to v{events[^1].ToVersion}; there is no earlier version of '{alias}'.");
            }

            var current = history[^1].ToVersion;
            events.Add(await _project.Metadata.MoveAliasAsync(
                new AliasChange(_model, alias, target, current, "rollback", actor, reason ?? $"rollback of event {last.Id} (v{last.FromVersion} -> v{last.ToVersion})", UndoesEventId: last.Id),
                cancellationToken).ConfigureAwait(false));
        }

        return events;
    }

    /// <summary>The version an alias pointed to at <paramref name="at"/> (null: it did not exist yet).</summary>
    public static int? VersionAt(IEnumerable<AliasEvent> history, string alias, DateTimeOffset at) =>
        history.Where(e => e.Alias == alias && e.At <= at).OrderBy(e => e.Id).LastOrDefault()?.ToVersion;

    private static void CheckAlias(string alias)
    {
        if (string.IsNullOrWhiteSpace(alias) || !AliasPattern().IsMatch(alias) || alias == "latest")
        {
            throw new SextantException($"'{alias}' is not a usable alias: use letters, digits, '-' or '_' (up to 40, starting with a letter), e.g. staging, prod, champion; 'latest' is reserved.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,39}$")]
    private static partial Regex AliasPattern();
}
