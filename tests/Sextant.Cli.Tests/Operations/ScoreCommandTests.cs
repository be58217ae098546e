using System.Globalization;
using Sextant.Storage.Columnar;

namespace Sextant.Cli.Tests.Operations;

/// <summary>
/// <c>sextant score</c>: a folder of CSV files scored whole and in N partitions gives the same predictions and the same
/// refusals row for row; rows the schema refuses are listed with every reason and the rest is scored.
/// </summary>
public sealed class ScoreCommandTests(SalesProjectFixture sales) : IClassFixture<SalesProjectFixture>, IDisposable
{
    private const string Header = "ID,QUANTITYORDERED,PRICEEACH,ORDERLINENUMBER,MSRP,QTR_ID,MONTH_ID,YEAR_ID,PRODUCTLINE,COUNTRY,DEALSIZE";

    // Row 2 has a word for a number, row 4 a product line outside the declared set and a quantity above its max, row 5 no country.
    private static readonly string[] s_records =
    [
        "a1,30,95.7,2,95,1,2,2003,Motorcycles,USA,Small",
        "a2,thirty,95.7,2,95,1,2,2003,Motorcycles,USA,Small",
        "a3,41,80.5,5,88,3,8,2004,Classic Cars,France,Medium",
        "a4,5000,80.5,5,88,3,8,2004,Spaceships,France,Medium",
        "a5,12,70,1,77,4,11,2005,Trains,,Small",
        "a6,50,100,3,120,2,5,2004,Ships,Japan,Large",
    ];

    private readonly TempFolder _folder = new("sextant-score");

    [Fact]
    public async Task Partitions_TogetherEqualOneUnpartitionedRun_RowForRow()
    {
        var input = Directory.CreateDirectory(_folder.Combine("in")).FullName;
        File.Copy(Path.Combine(sales.Project, "data", "sales_data_sample.csv"), Path.Combine(input, "a.csv"));
        await File.WriteAllLinesAsync(Path.Combine(input, "b.csv"), [Header, .. s_records]);

        var whole = (await Cli.RunAsync("score", "-p", sales.Project, "--input", input, "-o", _folder.Combine("whole.csv"), "--format", "json")).ShouldExit(0).Json();
        var parts = new List<System.Text.Json.JsonElement>();
        for (var k = 0; k < 3; k++)
        {
            parts.Add((await Cli.RunAsync("score", "-p", sales.Project, "--input", input, "-o", _folder.Combine($"part-{k}.csv"), "--partition", $"{k}/3", "--format", "json")).ShouldExit(0).Json());
        }

        var rowsRead = whole.GetProperty("rows_read").GetInt64();
        Assert.Equal(2823 + s_records.Length, rowsRead);
        Assert.All(parts, p => Assert.Equal(rowsRead, p.GetProperty("rows_read").GetInt64()));
        Assert.Equal(rowsRead, parts.Sum(p => p.GetProperty("rows_in_partition").GetInt64()));
        Assert.Equal(whole.GetProperty("rows_scored").GetInt64(), parts.Sum(p => p.GetProperty("rows_scored").GetInt64()));
        Assert.True(whole.GetProperty("rows_refused").GetInt64() >= 3);

        var expected = (await File.ReadAllLinesAsync(_folder.Combine("whole.csv"))).ToList();
        var together = Enumerable.Range(0, 3).SelectMany(k => File.ReadLines(_folder.Combine($"part-{k}.csv")).Skip(1)).OrderBy(RowOf).ToList();
        Assert.Equal("row,prediction,p10,p90,model_version", expected[0]);
        Assert.Equal(expected.Skip(1), together);
        var rejected = Enumerable.Range(0, 3).SelectMany(k => File.ReadLines(_folder.Combine($"part-{k}.rejected.csv")).Skip(1)).OrderBy(RowOf).ToList();
        Assert.Equal(File.ReadLines(_folder.Combine("whole.rejected.csv")).Skip(1), rejected);

        // Each part holds only its own rows.
        Assert.All(File.ReadLines(_folder.Combine("part-1.csv")).Skip(1), line => Assert.Equal(1, (RowOf(line) - 1) % 3));
    }

    [Fact]
    public async Task RefusedRows_AreListedWithEveryReason_AndTheOthersAreScoredWithTheModelVersion()
    {
        var input = _folder.Combine("records.csv");
        await File.WriteAllLinesAsync(input, [Header, .. s_records]);
        var output = _folder.Combine("scored.parquet");

        var result = (await Cli.RunAsync("score", "-p", sales.Project, "--input", input, "-o", output, "--keep", "ID")).ShouldExit(0);

        Assert.Contains("Scored 3 of 6 rows", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 row(s) refused", result.Stdout, StringComparison.Ordinal);
        var (table, metadata) = await ParquetTables.ReadAsync(output);
        Assert.Equal(["row", "ID", "prediction", "p10", "p90", "model_version"], table.ColumnNames);
        Assert.Equal(["a1", "a3", "a6"], Enumerable.Range(0, table.RowCount).Select(r => table["ID"].FormatValue(r)));
        Assert.Equal(["1", "3", "6"], Enumerable.Range(0, table.RowCount).Select(r => table["row"].FormatValue(r)));
        Assert.All(Enumerable.Range(0, table.RowCount), r => Assert.Equal("1", table["model_version"].FormatValue(r)));
        Assert.Equal("1", metadata["sextant.model_version"]);

        // The same prediction as one record through 'sextant predict'.
        var single = (await Cli.RunAsync("predict", "-p", sales.Project, "--json", SalesProjectFixture.ValidRecord, "--format", "json")).ShouldExit(0).Json();
        var expected = single.GetProperty("predictions")[0].GetProperty("prediction").GetDouble();
        Assert.Equal(expected, double.Parse(table["prediction"].FormatValue(0)!, CultureInfo.InvariantCulture), 9);

        var rejects = File.ReadAllLines(_folder.Combine("scored.rejected.csv"));
        Assert.Equal("row,feature,rule,message,value", rejects[0]);
        Assert.Contains(rejects, l => l.StartsWith("2,QUANTITYORDERED,type,", StringComparison.Ordinal) && l.EndsWith(",thirty", StringComparison.Ordinal));
        Assert.Contains(rejects, l => l.StartsWith("4,QUANTITYORDERED,range,", StringComparison.Ordinal));
        Assert.Contains(rejects, l => l.StartsWith("4,PRODUCTLINE,allowed,", StringComparison.Ordinal));
        Assert.Contains(rejects, l => l.StartsWith("5,COUNTRY,missing,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadPartition_IsAClearError()
    {
        var result = await Cli.RunAsync("score", "-p", sales.Project, "--input", _folder.Path, "-o", _folder.Combine("x.csv"), "--partition", "3/3");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("0 <= K < N", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static long RowOf(string line) => long.Parse(line[..line.IndexOf(',', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
}
