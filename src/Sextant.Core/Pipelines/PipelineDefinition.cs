using Sextant.Projects;

namespace Sextant.Pipelines;

/// <summary>
/// A project's pipeline resolved from its configuration: every stage with its inputs (declared ones and those its kind
/// implies), its upstream stages and its outputs, in topological order (ties keep the declaration order).
/// </summary>
public sealed class PipelineDefinition
{
    private PipelineDefinition(IReadOnlyList<PipelineStage> stages) => Stages = stages;

    /// <summary>The stages, each after every stage it depends on.</summary>
    public IReadOnlyList<PipelineStage> Stages { get; }

    /// <summary>The stage of that name, or null.</summary>
    public PipelineStage? Find(string name) => Stages.FirstOrDefault(s => s.Name == name);

    /// <summary>Resolves a checked configuration's pipeline.</summary>
    /// <exception cref="ConfigException">The pipeline is not valid (cannot happen for a configuration <see cref="ProjectFile"/> loaded).</exception>
    public static PipelineDefinition From(ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<(object? At, string Message)>();
        var definition = Build(config, problems);
        return problems.Count == 0
            ? definition
            : throw new ConfigException(ProjectFile.FileName, [.. problems.Select(p => new ConfigProblem(1, 1, p.Message))]);
    }

    /// <summary>
    /// Resolves the pipeline and collects every problem with the object it concerns (for its line in the file):
    /// unknown kinds and dependencies, options that do not apply, outputs declared twice, and cycles.
    /// </summary>
    internal static PipelineDefinition Build(ProjectConfig config, List<(object? At, string Message)> problems)
    {
        var declared = config.Pipeline.Stages;
        var names = declared.Keys.ToList();
        var sections = ConfigSectionNames();
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, stage) in declared)
        {
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c is ':' or '/'))
            {
                problems.Add((stage, $"pipeline stage name '{name}' may not be empty or hold spaces, ':' or '/'."));
            }

            var kind = stage.Kind ?? (stage.Cmd is not null ? StageKinds.Command : name);
            if (!StageKinds.All.Contains(kind))
            {
                problems.Add((stage, stage.Kind is null
                    ? $"pipeline stage '{name}': unknown stage kind '{name}' (taken from its name). Set 'kind' to one of {string.Join(", ", StageKinds.All)}, or 'cmd' to a shell command."
                    : $"pipeline stage '{name}': unknown stage kind '{stage.Kind}'. Kinds: {string.Join(", ", StageKinds.All)}."));
                continue;
            }

            kinds[name] = kind;
            if (kind == StageKinds.Command && string.IsNullOrWhiteSpace(stage.Cmd))
            {
                problems.Add((stage, $"pipeline stage '{name}': kind 'cmd' needs 'cmd', the shell command to run."));
            }

            foreach (var (option, set) in new (string, bool)[]
            {
                ("cmd", stage.Cmd is not null), ("file", stage.File is not null), ("to", stage.To is not null), ("reason", stage.Reason is not null),
                ("tags", stage.Tags.Count > 0), ("description", stage.Description is not null), ("metrics", stage.Metrics is not null),
                ("output", stage.Output is not null),
            })
            {
                if (set && !StageKinds.Takes(kind, option))
                {
                    problems.Add((stage, $"pipeline stage '{name}': '{option}' does not apply to a '{kind}' stage."));
                }
            }

            if (kind == "promote" && string.IsNullOrWhiteSpace(stage.To))
            {
                problems.Add((stage, $"pipeline stage '{name}': a promote stage needs 'to', the alias to move (e.g. staging or prod)."));
            }

            if (kind == "export" && string.IsNullOrWhiteSpace(stage.Output))
            {
                problems.Add((stage, $"pipeline stage '{name}': an export stage needs 'output', the ONNX file to write (e.g. model.onnx)."));
            }

            if (kind == "evaluate" && stage.File is null && config.Split.TestFile is null)
            {
                problems.Add((stage, $"pipeline stage '{name}': an evaluate stage needs 'file', a labelled CSV (or split.test_file)."));
            }
        }

        // Who writes which file, to make its readers depend on it.
        var writers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, stage) in declared)
        {
            foreach (var output in Outputs(stage))
            {
                if (output.Length == 0)
                {
                    problems.Add((stage, $"pipeline stage '{name}': an output path is empty."));
                }
                else if (!writers.TryAdd(output, name) && writers[output] != name)
                {
                    problems.Add((stage, $"pipeline stage '{name}': output '{output}' is also written by stage '{writers[output]}'; each file has one writer."));
                }
            }
        }

        var resolved = new Dictionary<string, PipelineStage>(StringComparer.Ordinal);
        foreach (var (name, stage) in declared)
        {
            if (!kinds.TryGetValue(name, out var kind))
            {
                continue;
            }

            var inputs = new List<StageInput> { new(StageInputKind.Definition, ""), new(StageInputKind.Code, "") };
            var upstream = new List<string>();
            void AddInput(StageInput input)
            {
                if (!inputs.Contains(input))
                {
                    inputs.Add(input);
                }
            }

            void AddUpstream(string other)
            {
                if (!upstream.Contains(other))
                {
                    upstream.Add(other);
                }

                AddInput(new StageInput(StageInputKind.Stage, other));
            }

            foreach (var section in StageKinds.ConfigSections(kind))
            {
                AddInput(new StageInput(StageInputKind.Config, section));
            }

            foreach (var file in ImpliedFiles(kind, stage, config))
            {
                AddInput(new StageInput(StageInputKind.File, file));
            }

            foreach (var followed in StageKinds.Follows(kind))
            {
                foreach (var other in names.Where(n => n != name && kinds.GetValueOrDefault(n) == followed))
                {
                    AddUpstream(other);
                }
            }

            foreach (var dep in stage.Deps)
            {
                if (string.IsNullOrWhiteSpace(dep))
                {
                    problems.Add((stage, $"pipeline stage '{name}': a dependency is empty."));
                }
                else if (dep.StartsWith("stage:", StringComparison.Ordinal))
                {
                    var other = dep["stage:".Length..];
                    if (!declared.ContainsKey(other))
                    {
                        problems.Add((stage, $"pipeline stage '{name}': unknown dependency '{dep}': no stage named '{other}'. Stages: {string.Join(", ", names)}."));
                    }
                    else
                    {
                        AddUpstream(other);
                    }
                }
                else if (dep.StartsWith("config:", StringComparison.Ordinal))
                {
                    var section = dep["config:".Length..];
                    if (!sections.Contains(section.Split('.')[0]))
                    {
                        problems.Add((stage, $"pipeline stage '{name}': unknown dependency '{dep}': sextant.yaml has no section '{section.Split('.')[0]}'. Sections: {string.Join(", ", sections)}."));
                    }
                    else
                    {
                        AddInput(new StageInput(StageInputKind.Config, section));
                    }
                }
                else
                {
                    var file = NormalizePath(dep);
                    AddInput(new StageInput(StageInputKind.File, file));
                    if (writers.TryGetValue(file, out var writer) && writer != name)
                    {
                        AddUpstream(writer);
                    }
                }
            }

            resolved[name] = new PipelineStage(name, kind, stage, inputs, upstream, Outputs(stage));
        }

        return new PipelineDefinition(Order(resolved, names, declared, problems));
    }

    /// <summary>A path as the lock file records it: relative paths with forward slashes and no <c>./</c>.</summary>
    internal static string NormalizePath(string path)
    {
        var unified = path.Trim().Replace('\\', '/');
        if (unified.Length == 0 || Path.IsPathRooted(unified))
        {
            return unified;
        }

        const string Root = "/r";
        var full = Path.GetFullPath(Path.Combine(Root, unified));
        return Path.GetRelativePath(Root, full).Replace('\\', '/');
    }

    private static List<string> Outputs(StageConfig stage)
    {
        var outs = stage.Outs.Select(NormalizePath).ToList();
        foreach (var written in (string?[])[stage.Metrics, stage.Output])
        {
            if (written is not null && !outs.Contains(NormalizePath(written)))
            {
                outs.Add(NormalizePath(written));
            }
        }

        return outs;
    }

    private static IEnumerable<string> ImpliedFiles(string kind, StageConfig stage, ProjectConfig config)
    {
        switch (kind)
        {
            case "ingest":
                var source = stage.File ?? config.Data.Path;
                if (!string.IsNullOrWhiteSpace(source))
                {
                    yield return NormalizePath(source);
                }

                break;
            case "validate" when stage.File is not null:
                yield return NormalizePath(stage.File);
                break;
            case "train" when config.Split.TestFile is not null:
                yield return NormalizePath(config.Split.TestFile);
                break;
            case "evaluate" when (stage.File ?? config.Split.TestFile) is { } file:
                yield return NormalizePath(file);
                break;
        }
    }

    private static List<PipelineStage> Order(Dictionary<string, PipelineStage> stages, List<string> names, IReadOnlyDictionary<string, StageConfig> declared, List<(object? At, string Message)> problems)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<PipelineStage>();
        var pending = names.Where(stages.ContainsKey).ToList();
        while (pending.Count > 0)
        {
            // Kahn's algorithm, always taking the first declared stage that is ready.
            var next = pending.FirstOrDefault(n => stages[n].Upstream.All(u => done.Contains(u) || !stages.ContainsKey(u)));
            if (next is null)
            {
                var cycle = FindCycle(stages, pending);
                problems.Add((declared[cycle[0]], $"pipeline has a cycle: {string.Join(" -> ", cycle)}."));
                return order;
            }

            pending.Remove(next);
            done.Add(next);
            order.Add(stages[next]);
        }

        return order;
    }

    private static List<string> FindCycle(Dictionary<string, PipelineStage> stages, List<string> pending)
    {
        // Every pending stage waits for another pending one, so walking upstream from any of them must come back.
        var path = new List<string> { pending[0] };
        while (true)
        {
            var next = stages[path[^1]].Upstream.First(u => pending.Contains(u));
            var seen = path.IndexOf(next);
            if (seen >= 0)
            {
                var cycle = path.Skip(seen).Reverse().ToList();
                cycle.Add(cycle[0]);
                return cycle;
            }

            path.Add(next);
        }
    }

    private static List<string> ConfigSectionNames() =>
        [.. typeof(ProjectConfig).GetProperties().Select(p => YamlBinder.ToSnake(p.Name))];
}
