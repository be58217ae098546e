using Sextant.Forecasting.Risk;

namespace Sextant.Core.Tests.Forecasting.Risk;

public sealed class HistoricalRiskTests
{
    [Fact]
    public void Compute_OrderStatisticAtTheQuantile_VaRIsItAndCVaRIsTheMeanBelow()
    {
        // 101 returns -0.050, -0.049, ..., 0.050 shuffled: the 5% type-7 quantile is position 0.05 * 100 = 5, i.e. -0.045;
        // the six returns at or below it average -0.0475.
        double[] returns = Enumerable.Range(0, 101).Select(i => (i - 50) / 1000.0).Reverse().ToArray();

        TailRisk risk = HistoricalRisk.Compute(returns, 0.95);

        Assert.Equal(0.045, risk.ValueAtRisk, 1e-15);
        Assert.Equal(0.0475, risk.ExpectedShortfall, 1e-15);
    }

    [Fact]
    public void Compute_QuantileBetweenOrderStatistics_Interpolates()
    {
        // Ten returns, 1% quantile at position 0.01 * 9 = 0.09: -0.10 + 0.09 * (-0.02 + 0.10) = -0.0928;
        // only -0.10 lies at or below it.
        double[] returns = [0.03, -0.02, 0.01, -0.10, 0.00, 0.02, 0.05, -0.01, 0.04, 0.01];

        TailRisk risk = HistoricalRisk.Compute(returns, 0.99);

        Assert.Equal(0.0928, risk.ValueAtRisk, 1e-15);
        Assert.Equal(0.10, risk.ExpectedShortfall, 1e-15);
    }

    [Fact]
    public void Compute_NaNReturn_Throws()
    {
        Assert.Throws<ArgumentException>(() => HistoricalRisk.Compute([0.01, double.NaN, -0.02], 0.95));
    }

    [Fact]
    public void Compute_NoReturns_Throws()
    {
        Assert.Throws<ArgumentException>(() => HistoricalRisk.Compute([], 0.95));
    }
}
