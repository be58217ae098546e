using Sextant.Data;
using Sextant.Data.Cleaning;
using Sextant.Projects;

namespace Sextant.Core.Tests.Data.Cleaning;

public class TableCleanerTests
{
    private static Table Sample() => new(
    [
        new NumericColumn("x", [1, 2, 2, 3, double.NaN, 1000]),
        new TextColumn("c", ["a", "b", "b", null, "a", "a"]),
        new TextColumn("drop", ["1", "2", "2", "4", "5", "6"]),
    ]);

    [Fact]
    public void Clean_AppliesEveryRuleInOrderAndReportsRows()
    {
        var (table, steps) = TableCleaner.Clean(Sample(), new CleaningConfig
        {
            DropColumns = ["drop"],
            Deduplicate = true,
            Fill = new Dictionary<string, string> { ["x"] = "median", ["c"] = "unknown" },
            Outliers = new OutlierConfig { Factor = 1.5, Columns = ["x"] },
        });

        Assert.Equal(["drop_columns", "deduplicate", "fill", "outliers"], steps.Select(s => s.Rule));
        Assert.False(table.Contains("drop"));
        Assert.Equal(5, steps[1].RowsOut); // one exact duplicate removed
        Assert.Contains("x: 1 value(s) with median", steps[2].Detail, StringComparison.Ordinal);
        Assert.Equal(4, table.RowCount); // 1000 is an outlier
        Assert.DoesNotContain(1000.0, ((NumericColumn)table["x"]).Values.ToArray());
        Assert.Equal(0, table["c"].MissingCount);
        Assert.Equal("unknown", ((TextColumn)table["c"])[2]);
    }

    [Fact]
    public void Clean_DropMissing_RemovesRowsWithMissingValues()
    {
        var (table, steps) = TableCleaner.Clean(Sample(), new CleaningConfig { DropMissing = ["x", "c"] });
        Assert.Equal(4, table.RowCount);
        Assert.Equal(6, steps[0].RowsIn);
    }

    [Fact]
    public void Clean_FillNumericWithText_ThrowsClearly()
    {
        var ex = Assert.Throws<SextantException>(() => TableCleaner.Clean(Sample(), new CleaningConfig { Fill = new Dictionary<string, string> { ["x"] = "lots" } }));
        Assert.Contains("'lots' is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantile_MatchesLinearInterpolation()
    {
        Assert.Equal(2.5, TableCleaner.Quantile([4, 1, 3, 2], 0.5));
        Assert.Equal(1.75, TableCleaner.Quantile([1, 2, 3, 4], 0.25));
    }
}
