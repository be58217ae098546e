using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sextant.Core.Tests.Learners.GradientBoosting;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Export.Onnx;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Core.Tests.Export.Onnx;

/// <summary>Trains a real project, exports it, and scores its held-out test rows with Sextant and with ONNX Runtime.</summary>
internal static class OnnxRoundTrip
{
    /// <summary>An example project's configuration reading a real file of shared/data instead of its synthetic data.</summary>
    public static async Task<(Predictor Predictor, Table HeldOut)> TrainRealAsync(TempDirectory dir, string example, string sharedFile, CandidateConfig candidate, Func<TrainingConfig, TrainingConfig>? training = null)
    {
        var config = ExampleProjects.Create(example, 100).Config;
        config = config with
        {
            Data = config.Data with { Path = SharedDataFiles.PathOf(sharedFile) },
            Training = (training ?? (t => t))(config.Training with { Candidates = [candidate] }),
        };
        await File.WriteAllTextAsync(Path.Combine(dir.Path, ProjectFile.FileName), ProjectWriter.ToYaml(config, "ONNX round trip"));
        return await TrainAsync(dir);
    }

    /// <summary>An example project with its synthetic data (the sales generator).</summary>
    public static async Task<(Predictor Predictor, Table HeldOut)> TrainExampleAsync(TempDirectory dir, string example, int rows, CandidateConfig candidate)
    {
        var created = ExampleProjects.Create(example, rows);
        await (created with { Config = created.Config with { Training = created.Config.Training with { Candidates = [candidate] } } }).WriteToAsync(dir.Path);
        return await TrainAsync(dir);
    }

    /// <summary>Runs the exported file on every row of <paramref name="table"/>: each output by name, as doubles or strings.</summary>
    public static Dictionary<string, object[]> Run(byte[] onnx, FeatureSchema schema, Table table)
    {
        using var options = new SessionOptions();
        using var session = new InferenceSession(onnx, options);
        var inputs = new List<NamedOnnxValue>();
        foreach (var feature in schema.Features.Where(f => f.Type != FeatureKind.Date))
        {
            var column = table[feature.Name];
            if (feature.Type == FeatureKind.Numeric)
            {
                var values = ((NumericColumn)column).Values.ToArray();
                inputs.Add(NamedOnnxValue.CreateFromTensor(feature.Name, new DenseTensor<double>(values, [values.Length, 1])));
            }
            else
            {
                var values = Enumerable.Range(0, table.RowCount).Select(r => column.FormatValue(r) ?? "").ToArray();
                inputs.Add(NamedOnnxValue.CreateFromTensor(feature.Name, new DenseTensor<string>(values, [values.Length, 1])));
            }
        }

        using var results = session.Run(inputs);
        var outputs = new Dictionary<string, object[]>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            outputs[result.Name] = result.Value switch
            {
                Tensor<double> d => [.. d.ToArray().Cast<object>()],
                Tensor<string> s => [.. s.ToArray().Cast<object>()],
                var other => throw new InvalidOperationException($"Output {result.Name} is a {other?.GetType().Name}."),
            };
        }

        return outputs;
    }

    /// <summary>The largest relative difference, |onnx - sextant| / max(|sextant|, |scale|, 1e-12).</summary>
    public static double MaxRelativeDifference(double[] sextant, object[] onnx, double[]? scale = null) =>
        sextant.Select((v, i) => Math.Abs((double)onnx[i] - v) / Math.Max(Math.Max(Math.Abs(v), scale is null ? 0 : Math.Abs(scale[i])), 1e-12)).Max();

    private static async Task<(Predictor Predictor, Table HeldOut)> TrainAsync(TempDirectory dir)
    {
        var project = await SextantProject.OpenAsync(dir.Path);
        await Ingestion.IngestAsync(project);
        await Trainer.TrainAsync(project, new TrainOptions());
        var predictor = await ModelLoader.LoadAsync(project);
        var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
        var data = LabelledData.Prepare(project.Config, project.Schema, table);
        Assert.True(data.TestRows.Length > 100, $"Only {data.TestRows.Length} held-out rows.");
        return (predictor, data.Table.Take(data.TestRows));
    }
}
