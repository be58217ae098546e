using System.Globalization;
using System.Text;
using Sextant.Examples;

namespace Sextant.Core.Tests.Examples;

public sealed class HousingDataGeneratorTests
{
    private static readonly string[] s_expectedHeader =
    [
        "longitude", "latitude", "housing_median_age", "total_rooms", "total_bedrooms", "population",
        "households", "median_income", "median_house_value", "ocean_proximity",
    ];

    private static readonly Lazy<byte[]> s_defaultBytes = new(() => HousingDataGenerator.Generate(new HousingGeneratorOptions()));

    private static readonly Lazy<CsvTable> s_default = new(() => CsvTable.Parse(Encoding.UTF8.GetString(s_defaultBytes.Value)));

    [Fact]
    public void Generate_SameSeed_SameBytes()
    {
        Assert.Equal(
            HousingDataGenerator.Generate(new HousingGeneratorOptions { Rows = 1000 }),
            HousingDataGenerator.Generate(new HousingGeneratorOptions { Rows = 1000 }));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentBytes()
    {
        Assert.NotEqual(
            HousingDataGenerator.Generate(new HousingGeneratorOptions { Rows = 1000, Seed = 1 }),
            HousingDataGenerator.Generate(new HousingGeneratorOptions { Rows = 1000, Seed = 2 }));
    }

    [Fact]
    public void Generate_Default_HeaderRowsAndLf()
    {
        var table = s_default.Value;

        Assert.Equal(s_expectedHeader, table.Header);
        Assert.Equal(s_expectedHeader, HousingDataGenerator.Columns);
        Assert.Equal(20640, table.Rows.Count);
        Assert.DoesNotContain((byte)'\r', s_defaultBytes.Value);
        Assert.NotEqual(0xEF, s_defaultBytes.Value[0]);
    }

    [Fact]
    public void Generate_Default_AboutOnePercentBlankBedroomsAndNoOtherBlanks()
    {
        var table = s_default.Value;

        Assert.InRange(table.ShareBlank("total_bedrooms"), 0.006, 0.014);
        foreach (var column in s_expectedHeader.Where(name => name != "total_bedrooms"))
        {
            Assert.Equal(0, table.ShareBlank(column));
        }
    }

    [Fact]
    public void Generate_Default_ValuesInRealisticRanges()
    {
        var table = s_default.Value;
        foreach (var row in table.Rows)
        {
            Assert.InRange(table.Number(row, "longitude"), -124.35, -114.31);
            Assert.InRange(table.Number(row, "latitude"), 32.54, 41.95);
            Assert.InRange(table.Number(row, "housing_median_age"), 1, 52);
            Assert.InRange(table.Number(row, "median_income"), 0.4999, 15.0001);
            Assert.InRange(table.Number(row, "median_house_value"), 14999, 500001);
            Assert.True(table.Number(row, "households") >= 1);
        }

        var capped = table.Column("median_house_value").Count(value => value == "500001.0");
        Assert.InRange(capped / (double)table.Rows.Count, 0.01, 0.08);
    }

    [Fact]
    public void Generate_Default_ProximityCategoriesAndValueDrivers()
    {
        var table = s_default.Value;
        var counts = table.Column("ocean_proximity").GroupBy(value => value).ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal(HousingDataGenerator.OceanProximities.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(counts["ISLAND"], 1, 20);

        double MedianValue(Func<string[], bool> filter)
        {
            var values = table.Rows.Where(filter).Select(row => table.Number(row, "median_house_value")).Order().ToList();
            return values[values.Count / 2];
        }

        Assert.True(MedianValue(row => table.Get(row, "ocean_proximity") == "<1H OCEAN") > 1.5 * MedianValue(row => table.Get(row, "ocean_proximity") == "INLAND"));
        Assert.True(MedianValue(row => table.Number(row, "median_income") > 6) > 2 * MedianValue(row => table.Number(row, "median_income") < 2.5));
    }

    [Fact]
    public void Generate_SmallRows_WritesThatManyRows()
    {
        var text = Encoding.UTF8.GetString(HousingDataGenerator.Generate(new HousingGeneratorOptions { Rows = 25 }));

        Assert.Equal(25, CsvTable.Parse(text).Rows.Count);
        Assert.All(CsvTable.Parse(text).Rows, row => double.Parse(row[0], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Validate_BadOptions_Throw()
    {
        Assert.Equal("Rows", Assert.Throws<ArgumentOutOfRangeException>(() => new HousingGeneratorOptions { Rows = 0 }.Validate()).ParamName);
        Assert.Equal("BlankBedroomsRate", Assert.Throws<ArgumentOutOfRangeException>(() => new HousingGeneratorOptions { BlankBedroomsRate = 1.5 }.Validate()).ParamName);
    }
}
