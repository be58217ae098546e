using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Export.Onnx;
using Sextant.Models;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Bench;

/// <summary>
/// ONNX Runtime scoring an exported model beside Sextant's native scorer, on California's held-out rows (real
/// housing.csv from shared/data): a batch of every held-out row, and one row at a time; preprocessing included on both sides.
/// </summary>
internal static class OnnxBenchmarks
{
    public static async Task<int> RunAsync(string[] args)
    {
        _ = args;
        Print($"Sextant ONNX scoring benchmarks: {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, ONNX Runtime 1.32.0 (CPU, intra-op threads 1)");
        foreach (var candidate in new[] { new CandidateConfig { Learner = "gbm", Rounds = 200 }, new CandidateConfig { Learner = "ridge" } })
        {
            var directory = Directory.CreateTempSubdirectory("sextant-onnx-bench");
            try
            {
                var (predictor, heldOut) = await TrainAsync(directory.FullName, candidate).ConfigureAwait(false);
                Measure($"california {candidate.Learner}", predictor, heldOut);
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }

        return 0;
    }

    private static void Measure(string name, Predictor predictor, Table heldOut)
    {
        var export = OnnxExporter.Export(predictor.Artifact, predictor.Version);
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(export.Bytes, options);
        var schema = predictor.Schema;
        var batch = Inputs(schema, heldOut, 0, heldOut.RowCount);
        double sink = 0;
        var rows = heldOut.RowCount;

        // Batch: every held-out row at once.
        const int Repeats = 30;
        for (var i = 0; i < 3; i++)
        {
            sink += predictor.PredictTable(heldOut)[0];
            using var warm = session.Run(batch);
        }

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Repeats; i++)
        {
            sink += predictor.PredictTable(heldOut)[0];
        }

        var nativeBatch = stopwatch.Elapsed.TotalMicroseconds / Repeats / rows;
        stopwatch.Restart();
        for (var i = 0; i < Repeats; i++)
        {
            using var results = session.Run(batch);
            sink += results.First().AsTensor<double>()[0, 0];
        }

        var onnxBatch = stopwatch.Elapsed.TotalMicroseconds / Repeats / rows;

        // One row at a time: the native record path (Predictor.Predict of a validated record) and a one-row ONNX run.
        var records = Enumerable.Range(0, rows).Select(r => Record(schema, heldOut, r)).ToArray();
        var singles = Enumerable.Range(0, Math.Min(rows, 2_000)).Select(r => Inputs(schema, heldOut, r, 1)).ToArray();
        var calls = 20_000;
        for (var i = 0; i < 2_000; i++)
        {
            sink += predictor.Predict(records[i % rows]).Value;
        }

        stopwatch.Restart();
        for (var i = 0; i < calls; i++)
        {
            sink += predictor.Predict(records[i % rows]).Value;
        }

        var nativeOne = stopwatch.Elapsed.TotalMicroseconds / calls;
        for (var i = 0; i < 2_000; i++)
        {
            using var warm = session.Run(singles[i % singles.Length]);
        }

        stopwatch.Restart();
        for (var i = 0; i < calls; i++)
        {
            using var results = session.Run(singles[i % singles.Length]);
            sink += results.First().AsTensor<double>()[0, 0];
        }

        var onnxOne = stopwatch.Elapsed.TotalMicroseconds / calls;
        Print($"{name} ({predictor.Artifact.Candidate}), {rows:N0} held-out rows, {export.Bytes.Length:N0}-byte file: batch native {nativeBatch:F2} us/row, onnx {onnxBatch:F2} us/row; one row native {nativeOne:F1} us, onnx {onnxOne:F1} us{(double.IsNaN(sink) ? " (NaN)" : "")}");
    }

    private static List<NamedOnnxValue> Inputs(FeatureSchema schema, Table table, int start, int count)
    {
        var inputs = new List<NamedOnnxValue>();
        foreach (var feature in schema.Features.Where(f => f.Type != FeatureKind.Date))
        {
            var column = table[feature.Name];
            if (feature.Type == FeatureKind.Numeric)
            {
                var values = ((NumericColumn)column).Values.Slice(start, count).ToArray();
                inputs.Add(NamedOnnxValue.CreateFromTensor(feature.Name, new DenseTensor<double>(values, [count, 1])));
            }
            else
            {
                var values = Enumerable.Range(start, count).Select(r => column.FormatValue(r) ?? "").ToArray();
                inputs.Add(NamedOnnxValue.CreateFromTensor(feature.Name, new DenseTensor<string>(values, [count, 1])));
            }
        }

        return inputs;
    }

    private static FeatureRecord Record(FeatureSchema schema, Table table, int row)
    {
        var record = new FeatureRecord(schema.Features.Count);
        for (var f = 0; f < schema.Features.Count; f++)
        {
            var column = table[schema.Features[f].Name];
            if (column is NumericColumn numeric)
            {
                record.Numbers[f] = numeric.Values[row];
            }
            else
            {
                record.Texts[f] = column.FormatValue(row);
            }
        }

        return record;
    }

    private static async Task<(Predictor Predictor, Table HeldOut)> TrainAsync(string directory, CandidateConfig candidate)
    {
        var config = ExampleProjects.Create("housing", 100).Config;
        config = config with
        {
            Data = config.Data with { Path = SharedFile("california_housing/housing.csv") },
            Training = config.Training with { Candidates = [candidate] },
        };
        await File.WriteAllTextAsync(Path.Combine(directory, ProjectFile.FileName), ProjectWriter.ToYaml(config, "ONNX benchmark")).ConfigureAwait(false);
        var project = await SextantProject.OpenAsync(directory).ConfigureAwait(false);
        await using (project.ConfigureAwait(false))
        {
            await Ingestion.IngestAsync(project).ConfigureAwait(false);
            await Trainer.TrainAsync(project, new TrainOptions()).ConfigureAwait(false);
            var predictor = await ModelLoader.LoadAsync(project).ConfigureAwait(false);
            var (_, table) = await project.Store.LoadDatasetAsync(project.Name).ConfigureAwait(false);
            var data = LabelledData.Prepare(project.Config, project.Schema, table);
            return (predictor, data.Table.Take(data.TestRows));
        }
    }

    private static void Print(FormattableString message) => Console.WriteLine(message.ToString(CultureInfo.InvariantCulture));

    private static string SharedFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"shared/data/{relative} was not found above {AppContext.BaseDirectory}.");
    }
}
