using Sextant.Forecasting.Risk;

namespace Sextant.Core.Tests.Forecasting.Risk;

public sealed class ReturnsTests
{
    [Fact]
    public void FromPrices_Log_IsTheLogOfEachPriceRatio()
    {
        double[] returns = Returns.FromPrices([100, 110, 99], ReturnKind.Log);

        Assert.Equal([Math.Log(1.1), Math.Log(0.9)], returns);
    }

    [Fact]
    public void FromPrices_Simple_IsEachPriceRatioMinusOne()
    {
        double[] returns = Returns.FromPrices([100, 110, 99], ReturnKind.Simple);

        Assert.Equal(0.1, returns[0], 1e-15);
        Assert.Equal(-0.1, returns[1], 1e-15);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void FromPrices_PriceNotPositiveOrNaN_RefusesNamingIt(double bad)
    {
        var exception = Assert.Throws<DegenerateSeriesException>(() => Returns.FromPrices([100, 101, bad, 102], ReturnKind.Log));

        Assert.StartsWith("Price 2 is ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPrices_OnePrice_Throws()
    {
        Assert.Throws<ArgumentException>(() => Returns.FromPrices([100], ReturnKind.Simple));
    }

    [Fact]
    public void FromPrices_UndefinedKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => Returns.FromPrices([100, 101], (ReturnKind)7));
    }
}
