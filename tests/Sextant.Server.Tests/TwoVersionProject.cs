using Sextant.Data.Ingest;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Registry;
using Sextant.Training;

namespace Sextant.Server.Tests;

/// <summary>A sales project with two registered ridge versions (v2 heavily penalised, so the two predict differently).</summary>
internal static class TwoVersionProject
{
    public const string Record = """{"QUANTITYORDERED":30,"PRICEEACH":95.7,"ORDERLINENUMBER":2,"MSRP":95,"QTR_ID":1,"MONTH_ID":2,"YEAR_ID":2003,"PRODUCTLINE":"Motorcycles","COUNTRY":"USA","DEALSIZE":"Small"}""";

    /// <summary>Writes, ingests and trains; returns the run ids of v1 and v2. With <paramref name="aliases"/>, forces those alias -> version moves.</summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(string root, params (string Alias, int Version)[] aliases)
    {
        var example = ExampleProjects.Create("sales", 800);
        await (example with { Config = example.Config with { Training = example.Config.Training with { Candidates = [new CandidateConfig { Learner = "ridge", L2 = 1 }] } } }).WriteToAsync(root);
        var runs = new List<string>();
        await using (var project = await SextantProject.OpenAsync(root))
        {
            await Ingestion.IngestAsync(project);
            runs.Add((await Trainer.TrainAsync(project, new TrainOptions())).Run!.Id);
        }

        // The second version differs: a penalty so heavy it predicts close to the mean.
        var yaml = Path.Combine(root, ProjectFile.FileName);
        await File.WriteAllTextAsync(yaml, (await File.ReadAllTextAsync(yaml)).Replace("l2: 1", "l2: 100000", StringComparison.Ordinal));
        await using (var project = await SextantProject.OpenAsync(root))
        {
            runs.Add((await Trainer.TrainAsync(project, new TrainOptions())).Run!.Id);
            foreach (var (alias, version) in aliases)
            {
                await new ModelRegistry(project).PromoteAsync(version, alias, "setup", force: true);
            }
        }

        return runs;
    }
}
