using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearRegression;
using Sextant.Examples;

namespace Sextant.Core.Tests.Examples;

public sealed class SalesDataGeneratorTests
{
    private static readonly string[] s_expectedHeader =
    [
        "ORDERNUMBER", "QUANTITYORDERED", "PRICEEACH", "ORDERLINENUMBER", "SALES", "ORDERDATE", "STATUS",
        "QTR_ID", "MONTH_ID", "YEAR_ID", "PRODUCTLINE", "MSRP", "PRODUCTCODE", "CUSTOMERNAME", "PHONE",
        "ADDRESSLINE1", "ADDRESSLINE2", "CITY", "STATE", "POSTALCODE", "COUNTRY", "TERRITORY",
        "CONTACTLASTNAME", "CONTACTFIRSTNAME", "DEALSIZE",
    ];

    private static readonly Lazy<CsvTable> s_default = new(() =>
        CsvTable.Parse(SalesDataGenerator.GetEncoding(SalesFileEncoding.CodePage850).GetString(SalesDataGenerator.Generate(new SalesGeneratorOptions()))));

    [Fact]
    public void Generate_SameSeed_SameBytes()
    {
        var first = SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = 500, Seed = 7 });
        var second = SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = 500, Seed = 7 });

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentBytes()
    {
        var first = SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = 500, Seed = 7 });
        var second = SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = 500, Seed = 8 });

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Generate_Default_HeaderAndRowCountAsPublicFile()
    {
        var table = s_default.Value;

        Assert.Equal(s_expectedHeader, table.Header);
        Assert.Equal(s_expectedHeader, SalesDataGenerator.Columns);
        Assert.Equal(2823, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.Equal(25, row.Length));
    }

    [Fact]
    public void Generate_Default_IsCodePage850NotUtf8()
    {
        var bytes = SalesDataGenerator.Generate(new SalesGeneratorOptions());

        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Assert.ThrowsAny<DecoderFallbackException>(() => strictUtf8.GetString(bytes));

        Assert.Contains((byte)0x84, bytes);
        Assert.Contains((byte)0xA1, bytes);
        Assert.Contains((byte)0xA4, bytes);

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Encoding.GetEncoding(850).GetString(bytes);
        Assert.Contains("ä", text, StringComparison.Ordinal);
        Assert.Contains("í", text, StringComparison.Ordinal);
        Assert.Contains("ñ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Utf8Option_SameTextAsCodePage850()
    {
        var options = new SalesGeneratorOptions { Rows = 800 };
        var cp850 = SalesDataGenerator.Generate(options);
        var utf8 = SalesDataGenerator.Generate(options with { Encoding = SalesFileEncoding.Utf8 });

        var fromCp850 = SalesDataGenerator.GetEncoding(SalesFileEncoding.CodePage850).GetString(cp850);
        var fromUtf8 = new UTF8Encoding(false, true).GetString(utf8);

        Assert.Equal(fromCp850, fromUtf8);
        Assert.NotEqual(cp850, utf8);
    }

    [Fact]
    public void Generate_LineEndings_LfByDefaultCrLfOnRequest()
    {
        var lf = SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = 50, Encoding = SalesFileEncoding.Utf8 });
        var crlf = SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = 50, Encoding = SalesFileEncoding.Utf8, UseCrLf = true });

        Assert.DoesNotContain((byte)'\r', lf);
        Assert.Equal(51, lf.Count(b => b == (byte)'\n'));
        Assert.Equal(51, Encoding.UTF8.GetString(crlf).Split("\r\n").Length - 1);
    }

    [Fact]
    public void Generate_Default_QuotesFieldsWithCommasOrQuotes()
    {
        var text = SalesDataGenerator.GetEncoding(SalesFileEncoding.CodePage850).GetString(SalesDataGenerator.Generate(new SalesGeneratorOptions()));
        var table = s_default.Value;

        Assert.Contains(table.Column("ADDRESSLINE1"), value => value.Contains(',', StringComparison.Ordinal));
        Assert.Contains(table.Column("CUSTOMERNAME"), value => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal));
        Assert.Contains(",\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Default_DatesParseAndMatchDateParts()
    {
        var table = s_default.Value;
        foreach (var row in table.Rows)
        {
            var date = DateTime.ParseExact(table.Get(row, "ORDERDATE"), "M/d/yyyy H:mm", CultureInfo.InvariantCulture);
            Assert.InRange(date, new DateTime(2003, 1, 1), new DateTime(2005, 5, 31));
            Assert.Equal(date.Year, int.Parse(table.Get(row, "YEAR_ID"), CultureInfo.InvariantCulture));
            Assert.Equal(date.Month, int.Parse(table.Get(row, "MONTH_ID"), CultureInfo.InvariantCulture));
            Assert.Equal(((date.Month - 1) / 3) + 1, int.Parse(table.Get(row, "QTR_ID"), CultureInfo.InvariantCulture));
        }

        Assert.Contains(table.Column("ORDERDATE"), value => value.StartsWith("1/", StringComparison.Ordinal) && value.EndsWith("/2003 0:00", StringComparison.Ordinal));
        Assert.Contains(table.Column("YEAR_ID"), value => value == "2005");
    }

    [Fact]
    public void Generate_Default_TerritoryHasLiteralNaForNorthAmerica()
    {
        var table = s_default.Value;

        var na = table.Rows.Where(row => table.Get(row, "TERRITORY") == "NA").ToList();
        Assert.InRange(na.Count / (double)table.Rows.Count, 0.33, 0.43);
        Assert.All(na, row => Assert.Contains(table.Get(row, "COUNTRY"), new[] { "USA", "Canada" }));
        Assert.Equal(["APAC", "EMEA", "Japan", "NA"], table.Column("TERRITORY").Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(19, table.Column("COUNTRY").Distinct().Count());
    }

    [Fact]
    public void Generate_Default_BlankRatesNearPublicFile()
    {
        var table = s_default.Value;

        Assert.InRange(table.ShareBlank("ADDRESSLINE2"), 0.86, 0.92);
        Assert.InRange(table.ShareBlank("STATE"), 0.48, 0.58);
        Assert.InRange(table.ShareBlank("POSTALCODE"), 0.015, 0.04);
        Assert.Equal(0, table.ShareBlank("CITY"));
    }

    [Fact]
    public void Generate_Default_PriceCappedAndSalesDifferInAboutHalf()
    {
        var table = s_default.Value;
        var differ = 0;
        foreach (var row in table.Rows)
        {
            var quantity = table.Number(row, "QUANTITYORDERED");
            var price = table.Number(row, "PRICEEACH");
            var sales = table.Number(row, "SALES");
            Assert.True(price <= 100, $"PRICEEACH {price} is above the cap.");
            Assert.InRange(quantity, 6, 97);
            if (Math.Abs(sales - (quantity * price)) > 0.005)
            {
                differ++;
                Assert.Equal(100, price);
                Assert.True(sales > quantity * price);
            }
        }

        Assert.InRange(differ / (double)table.Rows.Count, 0.3, 0.7);
    }

    [Fact]
    public void Generate_Default_DealSizeFollowsSales()
    {
        var table = s_default.Value;
        foreach (var row in table.Rows)
        {
            var sales = table.Number(row, "SALES");
            var expected = sales < 3000 ? "Small" : sales < 7000 ? "Medium" : "Large";
            Assert.Equal(expected, table.Get(row, "DEALSIZE"));
        }

        Assert.Equal(3, table.Column("DEALSIZE").Distinct().Count());
    }

    [Fact]
    public void Generate_Default_ProductsHaveFixedMsrpAndSevenLines()
    {
        var table = s_default.Value;

        var msrpByCode = table.Rows.GroupBy(row => table.Get(row, "PRODUCTCODE"));
        Assert.All(msrpByCode, group => Assert.Single(group.Select(row => table.Get(row, "MSRP")).Distinct()));
        Assert.All(table.Rows, row => Assert.InRange(table.Number(row, "MSRP"), 33, 214));
        Assert.Equal(SalesDataGenerator.ProductLines.Order(StringComparer.Ordinal), table.Column("PRODUCTLINE").Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(7, SalesDataGenerator.ProductLines.Count);
    }

    [Fact]
    public void Generate_Default_OrderLinesNumberedWithinOrders()
    {
        var table = s_default.Value;
        var orders = table.Rows.GroupBy(row => table.Get(row, "ORDERNUMBER")).ToList();

        Assert.Equal("10100", orders[0].Key);
        Assert.All(orders, order =>
        {
            var lines = order.Select(row => int.Parse(table.Get(row, "ORDERLINENUMBER"), CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(1, order.Count()), lines);
            Assert.Single(order.Select(row => table.Get(row, "ORDERDATE")).Distinct());
            Assert.Single(order.Select(row => table.Get(row, "CUSTOMERNAME")).Distinct());
        });
        Assert.InRange(orders.Count, 250, 380);
        Assert.True(table.Column("STATUS").Count(s => s == "Shipped") > 0.85 * table.Rows.Count);
        Assert.Contains(table.Column("STATUS"), s => s == "Cancelled");
    }

    [Fact]
    public void Generate_Default_LinearModelLearnsSales()
    {
        var table = s_default.Value;
        var x = table.Rows.Select(row => new[]
        {
            table.Number(row, "QUANTITYORDERED"),
            table.Number(row, "PRICEEACH"),
            table.Number(row, "MSRP"),
            table.Get(row, "DEALSIZE") == "Medium" ? 1.0 : 0.0,
            table.Get(row, "DEALSIZE") == "Large" ? 1.0 : 0.0,
            table.Number(row, "MONTH_ID"),
            table.Number(row, "YEAR_ID") - 2003,
        }).ToArray();
        var y = table.Rows.Select(row => table.Number(row, "SALES")).ToArray();

        var beta = MultipleRegression.QR(x, y, intercept: true);
        var mean = y.Average();
        var residual = 0.0;
        var total = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var predicted = beta[0] + x[i].Select((value, j) => value * beta[j + 1]).Sum();
            residual += (y[i] - predicted) * (y[i] - predicted);
            total += (y[i] - mean) * (y[i] - mean);
        }

        Assert.InRange(1 - (residual / total), 0.8, 1.0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(SalesGeneratorOptions.MaxRows + 1)]
    public void Validate_RowsOutOfRange_Throws(int rows)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = rows }));

        Assert.Equal("Rows", error.ParamName);
    }

    [Fact]
    public void Validate_UnknownEncoding_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SalesGeneratorOptions { Encoding = (SalesFileEncoding)9 }.Validate());

        Assert.Equal("Encoding", error.ParamName);
    }

    [Fact]
    public void Generate_OneRow_WritesHeaderAndOneLine()
    {
        var bytes = SalesDataGenerator.Generate(new SalesGeneratorOptions { Rows = 1, Encoding = SalesFileEncoding.Utf8 });

        Assert.Equal(2, bytes.Count(b => b == (byte)'\n'));
    }

    [Fact]
    public async Task WriteAsync_WritesGeneratedBytes()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sextant-tests-" + Path.GetRandomFileName());
        var path = Path.Combine(directory, "sales.csv");
        try
        {
            var options = new SalesGeneratorOptions { Rows = 100 };
            await SalesDataGenerator.WriteAsync(path, options, CancellationToken.None);

            Assert.Equal(SalesDataGenerator.Generate(options), await File.ReadAllBytesAsync(path, CancellationToken.None));
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
