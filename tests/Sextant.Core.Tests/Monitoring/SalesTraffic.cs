using System.Text.Json;
using System.Text.Json.Nodes;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Models;
using Sextant.Monitoring;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Core.Tests.Monitoring;

/// <summary>
/// Requests a client of the sales model would send, as flat JSON records: rows drawn (by <c>seed</c>, with replacement)
/// from the project's stored dataset, so from the distribution the model was trained on (a fresh run of the generator
/// would not do: its catalogue and date spread follow its seed and size). Drifted traffic has quantities, prices and
/// MSRP 40% higher and every order a large one from the USA: five of the ten features move.
/// </summary>
public static class SalesTraffic
{
    public static readonly string[] DriftedFeatures = ["QUANTITYORDERED", "PRICEEACH", "MSRP", "COUNTRY", "DEALSIZE"];

    /// <summary>The sales example in <paramref name="directory"/>, ingested and trained with one ridge candidate (fast), and its model.</summary>
    public static async Task<(SextantProject Project, Predictor Predictor)> TrainedProjectAsync(string directory)
    {
        var example = ExampleProjects.Create("sales");
        await (example with { Config = example.Config with { Training = example.Config.Training with { Candidates = [new CandidateConfig { Learner = "ridge", L2 = 1 }] } } }).WriteToAsync(directory);
        var project = await SextantProject.OpenAsync(directory);
        await Ingestion.IngestAsync(project);
        await Trainer.TrainAsync(project, new TrainOptions());
        return (project, await ModelLoader.LoadAsync(project));
    }

    public static async Task<IReadOnlyList<string>> RecordsAsync(SextantProject project, int rows, int seed, bool drifted) =>
        (await SampleAsync(project, rows, seed, drifted)).Records;

    /// <summary>The records and, for each, the actual SALES of the row it was drawn from.</summary>
    public static async Task<(IReadOnlyList<string> Records, IReadOnlyList<double> Actuals)> SampleAsync(SextantProject project, int rows, int seed, bool drifted)
    {
        var (_, table) = await project.Store.LoadDatasetAsync(project.Name);
        var random = new Random(seed);
        var records = new List<string>(rows);
        var actuals = new List<double>(rows);
        var target = (NumericColumn)table[project.Config.Target];
        foreach (var i in Enumerable.Range(0, rows).Select(_ => random.Next(table.RowCount)))
        {
            actuals.Add(target[i]);
            var record = new JsonObject();
            foreach (var feature in project.Schema.Features.Where(f => f.Type != FeatureKind.Date))
            {
                var column = table[feature.Name];
                if (column is NumericColumn numbers)
                {
                    var value = numbers[i];
                    record[feature.Name] = drifted && feature.Name is "QUANTITYORDERED" or "PRICEEACH" or "MSRP" ? Math.Round(value * 1.4, 2) : value;
                }
                else
                {
                    var text = column.FormatValue(i);
                    record[feature.Name] = !drifted ? text : feature.Name switch
                    {
                        "COUNTRY" => "USA",
                        "DEALSIZE" => "Large",
                        _ => text,
                    };
                }
            }

            records.Add(record.ToJsonString());
        }

        return (records, actuals);
    }

    /// <summary>Scores the records as the server would and logs them, one second apart from <paramref name="from"/>, as served by <paramref name="predictor"/>.</summary>
    public static async Task<IReadOnlyList<PredictionRecord>> LogAsync(SextantProject project, Predictor predictor, IReadOnlyList<string> records, DateTimeOffset from)
    {
        var logged = new List<PredictionRecord>();
        for (var i = 0; i < records.Count; i++)
        {
            using var json = JsonDocument.Parse(records[i]);
            var (report, prediction) = predictor.Predict(json.RootElement);
            if (prediction is null)
            {
                throw new InvalidOperationException(string.Join("; ", report.Errors.Select(e => e.Message)));
            }

            logged.Add(new PredictionRecord(Guid.NewGuid().ToString("N"), project.Name, predictor.Version, predictor.Alias, from.AddSeconds(i), records[i], prediction.Value, 1.0)
            {
                Lower = prediction.Lower,
                Upper = prediction.Upper,
            });
        }

        foreach (var chunk in logged.Chunk(500))
        {
            await project.Metadata.LogPredictionsAsync(chunk);
        }

        return logged;
    }
}
