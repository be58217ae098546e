using System.Globalization;
using System.Text;
using Sextant.Examples;

namespace Sextant.Core.Tests.Examples;

public sealed class ChurnDataGeneratorTests
{
    private static readonly string[] s_expectedHeader =
    [
        "customerID", "gender", "SeniorCitizen", "Partner", "Dependents", "tenure", "PhoneService",
        "MultipleLines", "InternetService", "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport",
        "StreamingTV", "StreamingMovies", "Contract", "PaperlessBilling", "PaymentMethod", "MonthlyCharges",
        "TotalCharges", "Churn",
    ];

    private static readonly string[] s_internetAddOns =
        ["OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies"];

    private static readonly Lazy<byte[]> s_defaultBytes = new(() => ChurnDataGenerator.Generate(new ChurnGeneratorOptions()));

    private static readonly Lazy<CsvTable> s_default = new(() => CsvTable.Parse(Encoding.UTF8.GetString(s_defaultBytes.Value)));

    [Fact]
    public void Generate_SameSeed_SameBytes()
    {
        Assert.Equal(
            ChurnDataGenerator.Generate(new ChurnGeneratorOptions { Rows = 300, Seed = 3 }),
            ChurnDataGenerator.Generate(new ChurnGeneratorOptions { Rows = 300, Seed = 3 }));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentBytes()
    {
        Assert.NotEqual(
            ChurnDataGenerator.Generate(new ChurnGeneratorOptions { Rows = 300, Seed = 3 }),
            ChurnDataGenerator.Generate(new ChurnGeneratorOptions { Rows = 300, Seed = 4 }));
    }

    [Fact]
    public void Generate_Default_HeaderRowCountAndCrLf()
    {
        var table = s_default.Value;
        var bytes = s_defaultBytes.Value;

        Assert.Equal(s_expectedHeader, table.Header);
        Assert.Equal(s_expectedHeader, ChurnDataGenerator.Columns);
        Assert.Equal(7043, table.Rows.Count);

        var lineFeeds = bytes.Count(b => b == (byte)'\n');
        var crLfs = Encoding.UTF8.GetString(bytes).Split("\r\n").Length - 1;
        Assert.Equal(7044, lineFeeds);
        Assert.Equal(lineFeeds, crLfs);
    }

    [Fact]
    public void Generate_Default_TotalChargesIsSpaceExactlyWhereTenureIsZero()
    {
        var table = s_default.Value;

        var blank = table.Rows.Where(row => table.Get(row, "TotalCharges") == " ").ToList();
        var newCustomers = table.Rows.Where(row => table.Get(row, "tenure") == "0").ToList();

        Assert.Equal(11, blank.Count);
        Assert.Equal(newCustomers, blank);
        Assert.All(
            table.Rows.Except(blank),
            row => Assert.True(double.TryParse(table.Get(row, "TotalCharges"), NumberStyles.Float, CultureInfo.InvariantCulture, out _)));
    }

    [Fact]
    public void Generate_Default_ServiceValuesAreConsistent()
    {
        var table = s_default.Value;
        foreach (var row in table.Rows)
        {
            var phone = table.Get(row, "PhoneService");
            Assert.Equal(phone == "No", table.Get(row, "MultipleLines") == "No phone service");

            var noInternet = table.Get(row, "InternetService") == "No";
            foreach (var addOn in s_internetAddOns)
            {
                Assert.Equal(noInternet, table.Get(row, addOn) == "No internet service");
            }

            Assert.Contains(table.Get(row, "SeniorCitizen"), new[] { "0", "1" });
            Assert.InRange(table.Number(row, "tenure"), 0, 72);
            Assert.InRange(table.Number(row, "MonthlyCharges"), 18.25, 118.75);
        }

        Assert.Equal(table.Rows.Count, table.Column("customerID").Distinct().Count());
    }

    [Fact]
    public void Generate_Default_ChurnRateAndDrivers()
    {
        var table = s_default.Value;

        double Rate(Func<string[], bool> filter)
        {
            var rows = table.Rows.Where(filter).ToList();
            return rows.Count(row => table.Get(row, "Churn") == "Yes") / (double)rows.Count;
        }

        Assert.InRange(Rate(_ => true), 0.245, 0.285);
        Assert.True(Rate(row => table.Get(row, "Contract") == "Month-to-month") > 2 * Rate(row => table.Get(row, "Contract") == "Two year"));
        Assert.True(Rate(row => table.Number(row, "tenure") <= 12) > Rate(row => table.Number(row, "tenure") > 48));
        Assert.True(Rate(row => table.Get(row, "InternetService") == "Fiber optic") > Rate(row => table.Get(row, "InternetService") == "DSL"));
        Assert.True(Rate(row => table.Get(row, "PaymentMethod") == "Electronic check") > Rate(row => table.Get(row, "PaymentMethod") == "Mailed check"));
    }

    [Fact]
    public void Validate_BadOptions_Throw()
    {
        Assert.Equal("Rows", Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnGeneratorOptions { Rows = 0 }.Validate()).ParamName);
        Assert.Equal("ChurnRate", Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnGeneratorOptions { ChurnRate = 1 }.Validate()).ParamName);
        Assert.Equal("ChurnRate", Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnGeneratorOptions { ChurnRate = double.NaN }.Validate()).ParamName);
    }
}
