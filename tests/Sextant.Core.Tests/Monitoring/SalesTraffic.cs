using System.Text.Json.Nodes;
using Sextant.Data;
using Sextant.Examples;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Core.Tests.Monitoring;

/// <summary>
/// Requests a client of the sales model would send, as flat JSON records: order lines drawn (by <c>seed</c>) from a larger
/// run of the sales generator with the training data's seed, so the same products, prices and customers (another seed
/// would draw another catalogue: its prices drift). Drifted traffic has quantities, prices and MSRP 40% higher and every order a
/// large one from the USA: five of the ten features move.
/// </summary>
public static class SalesTraffic
{
    public static readonly string[] DriftedFeatures = ["QUANTITYORDERED", "PRICEEACH", "MSRP", "COUNTRY", "DEALSIZE"];

    private const int Population = 10_000;

    public static async Task<IReadOnlyList<string>> RecordsAsync(SextantProject project, int rows, int seed, bool drifted)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sextant-traffic-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = Population, Seed = 42 }));
        Table table;
        try
        {
            (table, _) = await project.ReadLabelledRowsAsync(path, project.Schema);
        }
        finally
        {
            File.Delete(path);
        }

        var random = new Random(seed);
        var records = new List<string>(rows);
        foreach (var i in Enumerable.Range(0, rows).Select(_ => random.Next(table.RowCount)))
        {
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

        return records;
    }
}
