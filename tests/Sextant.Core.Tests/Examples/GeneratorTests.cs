using System.Globalization;
using System.Text;
using Sextant.Data;
using Sextant.Data.Ingest;
using Sextant.Examples;

namespace Sextant.Core.Tests.Examples;

public class GeneratorTests
{
    static GeneratorTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Sales_SameSeedSameBytes_DifferentSeedDifferentBytes()
    {
        var a = SalesDataGenerator.Generate(new SalesGeneratorOptions { Seed = 7 });
        var b = SalesDataGenerator.Generate(new SalesGeneratorOptions { Seed = 7 });
        var c = SalesDataGenerator.Generate(new SalesGeneratorOptions { Seed = 8 });
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData("housing")]
    [InlineData("churn")]
    [InlineData("produce")]
    public void Others_AreDeterministic(string name)
    {
        Assert.Equal(ExampleProjects.Create(name, seed: 3).Data, ExampleProjects.Create(name, seed: 3).Data);
        Assert.NotEqual(ExampleProjects.Create(name, seed: 3).Data, ExampleProjects.Create(name, seed: 4).Data);
    }

    [Fact]
    public void Sales_HasThePublicFilesShapeAndQuirks()
    {
        var bytes = SalesDataGenerator.Generate(new SalesGeneratorOptions());
        Assert.False(System.Text.Unicode.Utf8.IsValid(bytes));
        Assert.Contains((byte)0x84, bytes); // a-umlaut in code page 850

        var options = new CsvReadOptions
        {
            DateFormats = ["M/d/yyyy H:mm"],
            ColumnTypes = new Dictionary<string, ColumnType> { ["ORDERDATE"] = ColumnType.Date, ["POSTALCODE"] = ColumnType.Text },
        };
        var read = CsvTableReader.Read(bytes, "sales.csv", options);
        var table = read.Table;
        Assert.Equal("ibm850", read.Encoding.Name);
        Assert.Equal(SalesDataGenerator.Columns, table.ColumnNames);
        Assert.Equal(2823, table.RowCount);

        double Rate(string column) => (double)table[column].MissingCount / table.RowCount;
        Assert.InRange(Rate("ADDRESSLINE2"), 0.80, 0.95);
        Assert.InRange(Rate("STATE"), 0.45, 0.62);
        Assert.InRange(Rate("POSTALCODE"), 0.01, 0.06);

        var territory = (TextColumn)table["TERRITORY"];
        var na = Enumerable.Range(0, table.RowCount).Count(r => territory[r] == "NA");
        Assert.InRange((double)na / table.RowCount, 0.30, 0.46);

        var qty = (NumericColumn)table["QUANTITYORDERED"];
        var price = (NumericColumn)table["PRICEEACH"];
        var sales = (NumericColumn)table["SALES"];
        var deal = (TextColumn)table["DEALSIZE"];
        var differs = 0;
        for (var r = 0; r < table.RowCount; r++)
        {
            Assert.True(price[r] <= 100);
            if (Math.Abs(sales[r] - (qty[r] * price[r])) > 0.01)
            {
                differs++;
            }

            var expected = sales[r] < 3000 ? "Small" : sales[r] < 7000 ? "Medium" : "Large";
            Assert.Equal(expected, deal[r]);
        }

        Assert.InRange((double)differs / table.RowCount, 0.3, 0.7);

        var dates = (DateColumn)table["ORDERDATE"];
        var months = (NumericColumn)table["MONTH_ID"];
        Assert.All(Enumerable.Range(0, table.RowCount), r => Assert.Equal(dates[r]!.Value.Month, (int)months[r]));
        Assert.InRange(dates.Values.ToArray().Min()!.Value, new DateTime(2003, 1, 1), new DateTime(2003, 2, 1));
        Assert.InRange(dates.Values.ToArray().Max()!.Value, new DateTime(2005, 5, 1), new DateTime(2005, 5, 31));
        Assert.Equal(7, ((TextColumn)table["PRODUCTLINE"]).Distinct().Count);
        Assert.Equal(19, ((TextColumn)table["COUNTRY"]).Distinct().Count);
        var text = Encoding.GetEncoding(850).GetString(bytes);
        Assert.Matches(@"\n\d+,\d+,[\d.]+,\d+,[\d.]+,\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2},", text);
    }

    [Fact]
    public void Churn_HasCrLfAndBlankTotalChargesExactlyWhereTenureIsZero()
    {
        var bytes = ChurnDataGenerator.Generate(new SimpleGeneratorOptions());
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ChurnDataGenerator.Columns, lines[0].Split(','));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(7043, rows.Count);
        var blanks = rows.Count(r => r[19] == " ");
        Assert.InRange(blanks, 1, 40);
        Assert.All(rows, r => Assert.Equal(r[5] == "0", r[19] == " "));
        var churnRate = rows.Count(r => r[20] == "Yes") / (double)rows.Count;
        Assert.InRange(churnRate, 0.18, 0.35);
    }

    [Fact]
    public void Housing_HasBlankBedroomsAndTheFiveProximities()
    {
        var table = CsvTableReader.Read(HousingDataGenerator.Generate(new SimpleGeneratorOptions()), "housing.csv", new CsvReadOptions()).Table;
        Assert.Equal(HousingDataGenerator.Columns, table.ColumnNames);
        Assert.InRange(table["total_bedrooms"].MissingCount, 1, 150);
        Assert.Equal(ColumnType.Numeric, table["total_bedrooms"].Type);
        Assert.True(((NumericColumn)table["median_house_value"]).Values.ToArray().Max() <= 500001);
        Assert.Subset(new HashSet<string>(["<1H OCEAN", "INLAND", "NEAR OCEAN", "NEAR BAY", "ISLAND"]), new HashSet<string>(((TextColumn)table["ocean_proximity"]).Distinct()));
    }

    [Fact]
    public void Produce_IsADailySeriesPerItemWithoutDuplicates()
    {
        var table = CsvTableReader.Read(ProduceDataGenerator.Generate(new SimpleGeneratorOptions { Rows = 3 }), "p.csv", new CsvReadOptions()).Table;
        var dates = (DateColumn)table["date"];
        var items = (NumericColumn)table["item_code"];
        var keys = Enumerable.Range(0, table.RowCount).Select(r => (dates[r], items[r])).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(new DateTime(2020, 7, 1), dates.Values.ToArray().Min());
        Assert.Equal(new DateTime(2023, 6, 30), dates.Values.ToArray().Max());
        Assert.InRange(table.RowCount, 3 * 1095 * 0.9, 3 * 1096);
        Assert.Contains("Flower/Leaf\u00A0Vegetables", ((TextColumn)table["category"]).Distinct());
        _ = CultureInfo.InvariantCulture;
    }
}
