using System.Diagnostics;
using Sextant.Projects;
using YamlDotNet.RepresentationModel;

namespace Sextant.Pipelines;

/// <summary>
/// Runs a project's pipeline like <c>dvc repro</c>: stages in dependency order, each skipped as "up to date" when the
/// hash of its inputs matches <c>sextant.lock</c> and its outputs are still what it wrote. A stage's lock entry is
/// written (atomically) as soon as it succeeds; a failed stage stops the run and the next run resumes there.
/// </summary>
public static class PipelineRunner
{
    /// <summary>Runs (or, with <see cref="PipelineRunOptions.DryRun"/>, plans) the pipeline of an opened project.</summary>
    /// <exception cref="SextantException">The project declares no pipeline, or a forced or targeted stage does not exist.</exception>
    public static async Task<PipelineRunResult> RunAsync(SextantProject project, PipelineRunOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var definition = PipelineDefinition.From(project.Config);
        var stages = Select(definition, options);
        foreach (var name in options.Force.Where(n => definition.Find(n) is null))
        {
            throw new SextantException($"--force {name}: the pipeline has no stage '{name}'. Stages: {string.Join(", ", definition.Stages.Select(s => s.Name))}.");
        }

        var lockPath = LockFile.PathOf(project.Directory);
        var current = await LockFile.ReadAsync(lockPath, cancellationToken).ConfigureAwait(false);
        var yaml = PipelineHasher.Parse(ProjectFile.ReadText(project.Directory));
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<StageResult>();
        var failed = false;
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            void Report(string message, StageOutcome? outcome = null) => options.Progress?.Report(new PipelineEvent(i + 1, stages.Count, stage.Name, message, outcome));
            if (failed)
            {
                results.Add(new StageResult(stage.Name, stage.Kind, StageOutcome.NotRun, ["an earlier stage failed"]));
                Report("not run (an earlier stage failed)", StageOutcome.NotRun);
                continue;
            }

            var (inputs, reasons) = await AssessAsync(project, stage, yaml, current, pending, options.Force.Contains(stage.Name), cancellationToken).ConfigureAwait(false);
            current.Stages.TryGetValue(stage.Name, out var previous);
            if (reasons.Count == 0)
            {
                results.Add(new StageResult(stage.Name, stage.Kind, StageOutcome.UpToDate, []) { Summary = previous?.Summary, Metrics = previous?.Metrics ?? new Dictionary<string, double>() });
                Report("up to date", StageOutcome.UpToDate);
                continue;
            }

            pending.Add(stage.Name);
            if (options.DryRun)
            {
                results.Add(new StageResult(stage.Name, stage.Kind, StageOutcome.Stale, reasons));
                Report("would run: " + string.Join("; ", reasons), StageOutcome.Stale);
                continue;
            }

            Report("running: " + string.Join("; ", reasons));
            var watch = Stopwatch.StartNew();
            try
            {
                var inputHash = PipelineHasher.Combine(inputs!);
                var progress = new LineProgress(line => Report(line));
                var output = stage.Kind == StageKinds.Command
                    ? await CommandStage.RunAsync(project.Directory, stage, progress, cancellationToken).ConfigureAwait(false)
                    : await BuiltInStages.RunAsync(project, stage, current, inputHash, progress, cancellationToken).ConfigureAwait(false);
                var outputs = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var path in stage.Outs)
                {
                    outputs["file:" + path] = await PipelineHasher.OfPathAsync(project.Directory, path, cancellationToken).ConfigureAwait(false)
                        ?? throw new SextantException($"stage '{stage.Name}' did not write its declared output '{path}'.");
                }

                var entry = new StageLock
                {
                    Kind = stage.Kind,
                    InputHash = inputHash,
                    Inputs = inputs!,
                    Outputs = outputs,
                    Products = output.Products,
                    Metrics = output.Metrics,
                    OutputHash = PipelineHasher.Combine(outputs.Concat(output.Products.Select(p => new KeyValuePair<string, string?>("product:" + p.Key, p.Value)))),
                    CodeVersion = PipelineHasher.CodeVersion,
                    Summary = output.Summary,
                    CompletedAt = time.GetUtcNow(),
                    DurationMs = watch.ElapsedMilliseconds,
                };
                current = current with { Stages = new Dictionary<string, StageLock>(current.Stages, StringComparer.Ordinal) { [stage.Name] = entry } };
                await LockFile.WriteAsync(lockPath, current, cancellationToken).ConfigureAwait(false);
                pending.Remove(stage.Name);
                results.Add(new StageResult(stage.Name, stage.Kind, StageOutcome.Ran, reasons) { Summary = output.Summary, DurationMs = watch.ElapsedMilliseconds, Metrics = output.Metrics });
                Report($"done in {watch.Elapsed.TotalSeconds:F1} s: {output.Summary}", StageOutcome.Ran);
            }
            catch (Exception ex) when (ex is SextantException or IOException or UnauthorizedAccessException)
            {
                failed = true;
                results.Add(new StageResult(stage.Name, stage.Kind, StageOutcome.Failed, reasons) { Error = ex.Message, DurationMs = watch.ElapsedMilliseconds });
                Report("FAILED: " + ex.Message, StageOutcome.Failed);
            }
        }

        return new PipelineRunResult(lockPath, results);
    }

    /// <summary>What is stale and why, without running anything: a dry run.</summary>
    public static Task<PipelineRunResult> StatusAsync(SextantProject project, CancellationToken cancellationToken = default) =>
        RunAsync(project, new PipelineRunOptions { DryRun = true }, cancellationToken: cancellationToken);

    private static List<PipelineStage> Select(PipelineDefinition definition, PipelineRunOptions options)
    {
        if (definition.Stages.Count == 0)
        {
            throw new SextantException($"{ProjectFile.FileName} declares no pipeline. Add e.g.{Environment.NewLine}pipeline:{Environment.NewLine}  stages:{Environment.NewLine}    ingest: {{}}{Environment.NewLine}    validate: {{}}{Environment.NewLine}    train: {{}}");
        }

        if (options.Targets.Count == 0)
        {
            return [.. definition.Stages];
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Stack<string>();
        foreach (var target in options.Targets)
        {
            if (definition.Find(target) is null)
            {
                throw new SextantException($"the pipeline has no stage '{target}'. Stages: {string.Join(", ", definition.Stages.Select(s => s.Name))}.");
            }

            queue.Push(target);
        }

        while (queue.Count > 0)
        {
            var name = queue.Pop();
            if (wanted.Add(name))
            {
                foreach (var upstream in definition.Find(name)!.Upstream)
                {
                    queue.Push(upstream);
                }
            }
        }

        return [.. definition.Stages.Where(s => wanted.Contains(s.Name))];
    }

    /// <summary>
    /// The stage's current input hashes (null when an upstream stage is pending, so they are not known yet) and every
    /// reason it must run; no reasons means up to date.
    /// </summary>
    private static async Task<(Dictionary<string, string?>? Inputs, List<string> Reasons)> AssessAsync(
        SextantProject project, PipelineStage stage, YamlNode? yaml, PipelineLock current, HashSet<string> pending, bool forced, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        if (forced)
        {
            reasons.Add("forced (--force)");
        }

        var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
        var known = true;
        foreach (var input in stage.Inputs)
        {
            switch (input.Kind)
            {
                case StageInputKind.Definition:
                    inputs[input.Key] = PipelineHasher.OfSection(yaml, "pipeline.stages." + stage.Name);
                    break;
                case StageInputKind.Code:
                    inputs[input.Key] = PipelineHasher.OfText(PipelineHasher.CodeVersion);
                    break;
                case StageInputKind.Config:
                    inputs[input.Key] = PipelineHasher.OfSection(yaml, input.Name);
                    break;
                case StageInputKind.File:
                    inputs[input.Key] = await PipelineHasher.OfPathAsync(project.Directory, input.Name, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    if (pending.Contains(input.Name))
                    {
                        reasons.Add($"upstream stage '{input.Name}' runs first");
                        known = false;
                    }
                    else
                    {
                        inputs[input.Key] = current.Stages.TryGetValue(input.Name, out var upstream) ? upstream.OutputHash : null;
                    }

                    break;
            }
        }

        if (!current.Stages.TryGetValue(stage.Name, out var locked))
        {
            reasons.Insert(0, $"never run (not in {LockFile.FileName})");
            return (known ? inputs : null, reasons);
        }

        foreach (var (key, hash) in inputs)
        {
            var input = StageInput.FromKey(key)!.Value;
            if (!locked.Inputs.TryGetValue(key, out var before))
            {
                reasons.Add($"new input: {input.Describe()}");
            }
            else if (hash is null && input.Kind == StageInputKind.File)
            {
                reasons.Add($"{input.Describe()} is missing");
            }
            else if (hash != before)
            {
                reasons.Add(input.Kind == StageInputKind.Code && locked.CodeVersion is { } old
                    ? $"{input.Describe()} changed ({old} -> {PipelineHasher.CodeVersion})"
                    : $"{input.Describe()} changed");
            }
        }

        foreach (var key in locked.Inputs.Keys.Where(k => !inputs.ContainsKey(k) && !(StageInput.FromKey(k) is { Kind: StageInputKind.Stage } s && pending.Contains(s.Name))))
        {
            reasons.Add($"{StageInput.FromKey(key)?.Describe() ?? key} is no longer an input");
        }

        foreach (var path in stage.Outs)
        {
            var hash = await PipelineHasher.OfPathAsync(project.Directory, path, cancellationToken).ConfigureAwait(false);
            if (hash is null)
            {
                reasons.Add($"output '{path}' is missing");
            }
            else if (!locked.Outputs.TryGetValue("file:" + path, out var written) || written != hash)
            {
                reasons.Add($"output '{path}' changed since the stage wrote it");
            }
        }

        if (await BuiltInStages.CheckProductsAsync(project, stage, locked, cancellationToken).ConfigureAwait(false) is { } gone)
        {
            reasons.Add(gone);
        }

        return (known ? inputs : null, reasons);
    }

    /// <summary>Reports at once on the caller's thread, so lines keep their order.</summary>
    private sealed class LineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
