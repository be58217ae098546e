using System.Globalization;
using System.Text.Json;
using Sextant.Data.Ingest;
using Sextant.Evaluation;
using Sextant.Export.Onnx;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Registry;
using Sextant.Reports;
using Sextant.Reports.Eda;
using Sextant.Schema;
using Sextant.Storage;
using Sextant.Training;

namespace Sextant.Pipelines;

/// <summary>
/// The built-in stage kinds, each through the same Core code path as its CLI command (ingest, validate, eda, train,
/// evaluate, registry tag/describe, registry promote, export), and the checks that what they produced is still there.
/// </summary>
internal static class BuiltInStages
{
    public static async Task<StageOutput> RunAsync(SextantProject project, PipelineStage stage, PipelineLock current, string inputHash, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var config = stage.Config;
        switch (stage.Kind)
        {
            case "ingest":
            {
                var report = await Ingestion.IngestAsync(project, config.File is null ? null : Resolve(project, config.File), cancellationToken).ConfigureAwait(false);
                return new StageOutput(
                    new Dictionary<string, string> { ["dataset_fingerprint"] = report.Fingerprint },
                    new Dictionary<string, double>(),
                    $"stored {report.RowsStored} rows x {report.ColumnsStored} columns as dataset '{report.Dataset}' v{report.Version}");
            }

            case "validate":
            {
                var validation = await ProjectValidator.ValidateAsync(project, config.File is null ? null : Resolve(project, config.File), cancellationToken).ConfigureAwait(false);
                if (!validation.Passed)
                {
                    throw new SextantException($"{validation.Source} fails validation with {validation.Errors.Count} problem(s): "
                        + string.Join(", ", validation.Report.Summary().Select(s => $"{s.Feature} {s.Type} x{s.Count}")) + ". Run 'sextant validate' for every row.");
                }

                return new StageOutput(
                    new Dictionary<string, string> { ["validated"] = $"{validation.Source}: {validation.Report.RowsChecked} rows" },
                    new Dictionary<string, double>(),
                    $"{validation.Report.RowsChecked} rows of {validation.Source} pass" + (validation.Report.Warnings.Count > 0 ? $" ({validation.Report.Warnings.Count} soft warning(s))" : ""));
            }

            case "train":
            {
                var result = await Trainer.TrainAsync(project, new TrainOptions
                {
                    Progress = progress,
                    RunName = $"pipeline-{stage.Name}",
                    Tags = new Dictionary<string, string> { ["pipeline.stage"] = stage.Name, ["pipeline.input_hash"] = inputHash },
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
                await WriteMetricsAsync(project, config, result.Artifact.Metrics, cancellationToken).ConfigureAwait(false);
                return new StageOutput(
                    new Dictionary<string, string>
                    {
                        ["model_version"] = result.Version.Version.ToString(CultureInfo.InvariantCulture),
                        ["artifact_sha256"] = result.Version.ArtifactSha256,
                    },
                    result.Artifact.Metrics,
                    $"registered '{result.Version.Name}' v{result.Version.Version} ({result.Artifact.Candidate}), {result.PrimaryMetric} {F(result.Artifact.Metrics.GetValueOrDefault(result.PrimaryMetric, double.NaN))}, run {result.Run?.Id}");
            }

            case "evaluate":
            {
                var version = UpstreamVersion(stage, current);
                var file = Resolve(project, config.File ?? project.Config.Split.TestFile!);
                var evaluation = await FileEvaluator.EvaluateAsync(project, file, version, cancellationToken).ConfigureAwait(false);
                await WriteMetricsAsync(project, config, evaluation.Metrics, cancellationToken).ConfigureAwait(false);
                return new StageOutput(
                    new Dictionary<string, string> { ["model_version"] = evaluation.Version.ToString(CultureInfo.InvariantCulture) },
                    evaluation.Metrics,
                    $"v{evaluation.Version} on {evaluation.RowsScored} rows of {config.File ?? project.Config.Split.TestFile}"
                        + (evaluation.RefusedRows.Count > 0 ? $" ({evaluation.RefusedRows.Count} refused)" : "") + ": "
                        + string.Join(", ", evaluation.Metrics.Take(3).Select(kv => $"{kv.Key} {F(kv.Value)}")));
            }

            case "register":
            {
                var version = await VersionOrLatestAsync(project, UpstreamVersion(stage, current), cancellationToken).ConfigureAwait(false);
                var tags = new Dictionary<string, string>(config.Tags) { ["pipeline.stage"] = stage.Name, ["pipeline.input_hash"] = inputHash };
                foreach (var (key, value) in tags)
                {
                    await project.Metadata.SetVersionTagAsync(project.Name, version.Version, key, value, cancellationToken).ConfigureAwait(false);
                }

                if (config.Description is { } description)
                {
                    await project.Metadata.DescribeVersionAsync(project.Name, version.Version, description, cancellationToken).ConfigureAwait(false);
                }

                return new StageOutput(
                    new Dictionary<string, string>
                    {
                        ["model_version"] = version.Version.ToString(CultureInfo.InvariantCulture),
                        ["artifact_sha256"] = version.ArtifactSha256,
                    },
                    new Dictionary<string, double>(),
                    $"tagged v{version.Version} ({string.Join(", ", tags.Keys)})" + (config.Description is null ? "" : " and described it"));
            }

            case "promote":
            {
                var version = await VersionOrLatestAsync(project, UpstreamVersion(stage, current), cancellationToken).ConfigureAwait(false);
                var outcome = await new ModelRegistry(project).PromoteAsync(version.Version, config.To!, ModelRegistry.CurrentActor(), config.Reason ?? "sextant pipeline run", cancellationToken: cancellationToken).ConfigureAwait(false);
                if (outcome.Event is null)
                {
                    throw new SextantException($"the promotion gate refused v{version.Version} for '{config.To}': {outcome.Decision.Reason}");
                }

                return new StageOutput(
                    new Dictionary<string, string> { ["alias"] = config.To!, ["model_version"] = version.Version.ToString(CultureInfo.InvariantCulture) },
                    new Dictionary<string, double>(),
                    $"'{config.To}' -> v{version.Version}: {outcome.Decision.Reason}");
            }

            case "eda":
            {
                var (report, folder) = await ProjectEda.CreateAsync(project, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (config.Output is { } output)
                {
                    await ReportStore.WriteAsync(report, Resolve(project, output), cancellationToken).ConfigureAwait(false);
                }

                var manifest = report.Manifest;
                return new StageOutput(
                    new Dictionary<string, string> { ["report_id"] = manifest.ReportId },
                    new Dictionary<string, double>(),
                    $"report {manifest.ReportId} of {manifest.Dataset} v{manifest.DatasetVersion} ({manifest.Rows:N0} rows x {manifest.Columns} columns, {report.Warnings.Count} warning(s)): "
                        + Path.GetRelativePath(project.Directory, Path.Combine(folder, "report.html")));
            }

            case "export":
            {
                var info = await VersionOrLatestAsync(project, UpstreamVersion(stage, current), cancellationToken).ConfigureAwait(false);
                var predictor = await ModelLoader.LoadAsync(project.Store.Artifacts, info, cancellationToken).ConfigureAwait(false);
                var export = OnnxExporter.Export(predictor.Artifact, predictor.Version);
                var path = await OnnxExporter.WriteFileAsync(export, Resolve(project, config.Output!), cancellationToken).ConfigureAwait(false);
                return new StageOutput(
                    new Dictionary<string, string>
                    {
                        ["model_version"] = predictor.Version.ToString(CultureInfo.InvariantCulture),
                        ["artifact_sha256"] = info.ArtifactSha256,
                        ["schema_sha256"] = export.SchemaSha256,
                    },
                    new Dictionary<string, double>(),
                    $"wrote {Path.GetRelativePath(project.Directory, path)} ({export.Bytes.Length:N0} bytes): v{predictor.Version}, {predictor.Artifact.Learner}, operators {string.Join(", ", export.Operators)}");
            }

            default:
                throw new SextantException($"stage '{stage.Name}': unknown stage kind '{stage.Kind}'.");
        }
    }

    /// <summary>Why what a stage produced in the store no longer holds; null when it does.</summary>
    public static async Task<string?> CheckProductsAsync(SextantProject project, PipelineStage stage, StageLock locked, CancellationToken cancellationToken)
    {
        var products = locked.Products;
        if (products.TryGetValue("dataset_fingerprint", out var fingerprint))
        {
            var latest = (await project.Store.ListDatasetsAsync(project.Name, cancellationToken).ConfigureAwait(false)).LastOrDefault();
            if (latest?.Fingerprint != fingerprint)
            {
                return latest is null ? "no dataset is stored any more" : $"the latest stored dataset (v{latest.Version}) is not the one this stage stored";
            }
        }

        if (products.TryGetValue("model_version", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var version))
        {
            var versions = await project.Metadata.ListVersionsAsync(project.Name, cancellationToken).ConfigureAwait(false);
            var info = versions.FirstOrDefault(v => v.Version == version);
            if (info is null || (products.TryGetValue("artifact_sha256", out var sha) && info.ArtifactSha256 != sha))
            {
                return $"model v{version} is no longer registered with the artifact this stage recorded";
            }
        }

        if (products.TryGetValue("report_id", out var report) && !File.Exists(Path.Combine(new ReportStore(project.Directory).Root, report, "report.html")))
        {
            return $"EDA report {report} is no longer stored";
        }

        if (stage.Kind == "promote" && products.TryGetValue("alias", out var alias) && products.TryGetValue("model_version", out var promoted))
        {
            var aliases = await project.Metadata.GetAliasesAsync(project.Name, cancellationToken).ConfigureAwait(false);
            if (!aliases.TryGetValue(alias, out var holder) || holder.ToString(CultureInfo.InvariantCulture) != promoted)
            {
                return $"alias '{alias}' no longer points to v{promoted}";
            }
        }

        return null;
    }

    private static int? UpstreamVersion(PipelineStage stage, PipelineLock current)
    {
        for (var i = stage.Upstream.Count - 1; i >= 0; i--)
        {
            if (current.Stages.TryGetValue(stage.Upstream[i], out var upstream) && upstream.Products.TryGetValue("model_version", out var text))
            {
                return int.Parse(text, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static async Task<ModelVersionInfo> VersionOrLatestAsync(SextantProject project, int? version, CancellationToken cancellationToken)
    {
        var versions = await project.Metadata.ListVersionsAsync(project.Name, cancellationToken).ConfigureAwait(false);
        return (version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version))
            ?? throw new SextantException(version is null ? $"model '{project.Name}' has no registered version yet; add a train stage or run 'sextant train'." : $"model '{project.Name}' has no version {version}.");
    }

    private static async Task WriteMetricsAsync(SextantProject project, StageConfig config, IReadOnlyDictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        if (config.Metrics is not { } path)
        {
            return;
        }

        var full = Resolve(project, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(metrics, SextantJson.Options), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, full, overwrite: true);
    }

    private static string Resolve(SextantProject project, string path) => Path.IsPathRooted(path) ? path : Path.Combine(project.Directory, path);

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
