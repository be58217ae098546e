using System.Globalization;
using System.Text;
using Sextant.Examples;

namespace Sextant.Core.Tests.Examples;

public sealed class ProduceDataGeneratorTests
{
    private static readonly Lazy<CsvTable> s_default = new(() =>
        CsvTable.Parse(Encoding.UTF8.GetString(ProduceDataGenerator.Generate(new ProduceGeneratorOptions()))));

    [Fact]
    public void Generate_SameSeed_SameBytes()
    {
        var options = new ProduceGeneratorOptions { Items = 4, End = new DateOnly(2020, 12, 31) };

        Assert.Equal(ProduceDataGenerator.Generate(options), ProduceDataGenerator.Generate(options));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentBytes()
    {
        var options = new ProduceGeneratorOptions { Items = 4, End = new DateOnly(2020, 12, 31) };

        Assert.NotEqual(ProduceDataGenerator.Generate(options), ProduceDataGenerator.Generate(options with { Seed = 43 }));
    }

    [Fact]
    public void Generate_Default_HeaderItemsCategoriesAndDates()
    {
        var table = s_default.Value;

        Assert.Equal(["date", "item_code", "item_name", "category", "wholesale_price", "quantity_kg"], table.Header);
        Assert.Equal(12, table.Column("item_code").Distinct().Count());
        Assert.Equal(6, table.Column("category").Distinct().Count());
        Assert.Contains("Flower/Leaf Vegetables", table.Column("category"));

        var dates = table.Column("date").Select(value => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(new DateOnly(2020, 7, 1), dates.Min());
        Assert.Equal(new DateOnly(2023, 6, 30), dates.Max());
        Assert.Equal(dates.Order(), dates);
        Assert.Equal(table.Rows.Count, table.Rows.Select(row => (row[0], row[1])).Distinct().Count());
    }

    [Fact]
    public void Generate_Default_SomeDaysMissingPerItem()
    {
        var table = s_default.Value;
        var days = new DateOnly(2023, 6, 30).DayNumber - new DateOnly(2020, 7, 1).DayNumber + 1;

        var share = table.Rows.Count / (double)(days * 12);
        Assert.InRange(share, 0.80, 0.995);
    }

    [Fact]
    public void Generate_Default_PricesPositiveWithTwoDecimalsAndQuantityFallsWithPrice()
    {
        var table = s_default.Value;

        Assert.All(table.Column("wholesale_price"), value =>
        {
            Assert.Matches(@"^\d+\.\d{2}$", value);
            Assert.True(double.Parse(value, CultureInfo.InvariantCulture) > 0);
        });

        foreach (var item in table.Rows.GroupBy(row => table.Get(row, "item_code")))
        {
            var prices = item.Select(row => table.Number(row, "wholesale_price")).ToArray();
            var quantities = item.Select(row => table.Number(row, "quantity_kg")).ToArray();
            Assert.True(Correlation(prices, quantities) < -0.2, $"Item {item.Key}: quantity should fall as price rises.");
            Assert.True(prices.Max() > 1.6 * prices.Average(), $"Item {item.Key}: expected an occasional spike.");
        }
    }

    [Fact]
    public void Generate_NonBreakingSpaceOption_WritesU00A0InCategory()
    {
        var options = new ProduceGeneratorOptions { Items = 2, End = new DateOnly(2020, 7, 10), NonBreakingSpaceInCategory = true };

        var bytes = ProduceDataGenerator.Generate(options);
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Contains("Flower/Leaf\u00A0Vegetables", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MoreItemsThanCatalog_NamesAndCodesStayUnique()
    {
        var text = Encoding.UTF8.GetString(ProduceDataGenerator.Generate(new ProduceGeneratorOptions { Items = 60, End = new DateOnly(2020, 7, 31) }));
        var table = CsvTable.Parse(text);

        // An item may sit out the whole month in one of its gaps, so not all 60 need to appear.
        var codes = table.Column("item_code").Distinct().Count();
        Assert.InRange(codes, 50, 60);
        Assert.Equal(codes, table.Column("item_name").Distinct().Count());
        Assert.Equal(codes, table.Rows.Select(row => (row[1], row[2])).Distinct().Count());
    }

    [Fact]
    public void Validate_BadOptions_Throw()
    {
        Assert.Equal("Items", Assert.Throws<ArgumentOutOfRangeException>(() => new ProduceGeneratorOptions { Items = 0 }.Validate()).ParamName);
        Assert.Equal("End", Assert.Throws<ArgumentOutOfRangeException>(() => new ProduceGeneratorOptions { End = new DateOnly(2020, 6, 1) }.Validate()).ParamName);
        Assert.Equal("MissingDayRate", Assert.Throws<ArgumentOutOfRangeException>(() => new ProduceGeneratorOptions { MissingDayRate = -0.1 }.Validate()).ParamName);
    }

    private static double Correlation(double[] x, double[] y)
    {
        var meanX = x.Average();
        var meanY = y.Average();
        var covariance = 0.0;
        var varianceX = 0.0;
        var varianceY = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            varianceX += (x[i] - meanX) * (x[i] - meanX);
            varianceY += (y[i] - meanY) * (y[i] - meanY);
        }

        return covariance / Math.Sqrt(varianceX * varianceY);
    }
}
