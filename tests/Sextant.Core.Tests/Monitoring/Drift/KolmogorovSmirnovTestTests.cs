using Sextant.Monitoring.Drift;

namespace Sextant.Core.Tests.Monitoring.Drift;

// Every constant: scipy 1.10.1, `stats.ks_2samp(a, b)` (method='auto') or `stats.kstwo.sf(x, n)`, on the samples of
// ArithmeticSample: A(n, k, mod, div, off) = np.array([((i*k) % mod)/div + off for i in range(n)]).
public sealed class KolmogorovSmirnovTestTests
{
    [Theory]
    // ks_2samp(A(40), A(55, 53, 97, 6.5, 0.3)): exact, unequal sizes.
    [InlineData(40, 37, 101, 7.0, 0.0, 55, 53, 97, 6.5, 0.3, 0.07045454545454545, 0.9991226695720982)]
    // ks_2samp(A(1500), A(800, 53, 97, 6.9, 0.4)): exact.
    [InlineData(1500, 37, 101, 7.0, 0.0, 800, 53, 97, 6.9, 0.4, 0.03241666666666667, 0.6294196016336968)]
    // ks_2samp(A(300), A(300, 53, 97, 6.5, 0.3)): exact, equal sizes.
    [InlineData(300, 37, 101, 7.0, 0.0, 300, 53, 97, 6.5, 0.3, 0.06, 0.65357468169842)]
    // ks_2samp(A(500), A(700, 53, 97, 6.5, 2.0)): exact, a small p-value.
    [InlineData(500, 37, 101, 7.0, 0.0, 700, 53, 97, 6.5, 2.0, 0.1757142857142857, 2.4618656874924323e-08)]
    // ks_2samp(A(12000, 61, 1009, 70.0), A(900, 53, 997, 70.0, 0.4)): asymptotic (kstwo.sf at n = 837).
    [InlineData(12000, 61, 1009, 70.0, 0.0, 900, 53, 997, 70.0, 0.4, 0.029416666666666667, 0.4551187912855973)]
    // ks_2samp(A(20000, 61, 1009, 70.0), A(15000, 67, 1013, 70.0, 0.08)): asymptotic, n = 8571 (Pelz-Good).
    [InlineData(20000, 61, 1009, 70.0, 0.0, 15000, 67, 1013, 70.0, 0.08, 0.00993333333333335, 0.36384162865057346)]
    // ks_2samp(A(20000, 61, 1009, 70.0), A(3000, 53, 997, 70.0, 0.9)): asymptotic, upper tail (2 x Smirnov).
    [InlineData(20000, 61, 1009, 70.0, 0.0, 3000, 53, 997, 70.0, 0.9, 0.06301666666666667, 1.890031478145592e-09)]
    public void TwoSample_MatchesScipyKs2samp(
        int n1, int k1, int mod1, double div1, double off1, int n2, int k2, int mod2, double div2, double off2, double statistic, double pValue)
    {
        var a = ArithmeticSample.Sorted(n1, k1, mod1, div1, off1);
        var b = ArithmeticSample.Sorted(n2, k2, mod2, div2, off2);

        var result = KolmogorovSmirnovTest.TwoSample(a, b);

        Assert.Equal(statistic, result.Statistic, 1e-12);
        Assert.Equal(pValue, result.PValue, pValue * 1e-7);
    }

    [Fact]
    public void TwoSample_IsSymmetricInItsSamples()
    {
        var a = ArithmeticSample.Sorted(700);
        var b = ArithmeticSample.Sorted(450, 53, 97, 6.9, 0.4);

        Assert.Equal(KolmogorovSmirnovTest.TwoSample(a, b), KolmogorovSmirnovTest.TwoSample(b, a));
    }

    [Fact]
    public void TwoSample_IdenticalSamples_GiveZeroAndOne()
    {
        var a = ArithmeticSample.Sorted(200);

        var result = KolmogorovSmirnovTest.TwoSample(a, a);

        Assert.Equal(0.0, result.Statistic);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void TwoSample_EmptySample_Throws()
    {
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnovTest.TwoSample([], [1.0]));
    }

    [Theory]
    [InlineData(100, 0.07071067811865475, 0.6726900744671799)] // n x^2 = 0.5: Durbin
    [InlineData(100, 0.1414213562373095, 0.033021291602222995)] // n x^2 = 2: scipy's Pomeranz, here Durbin
    [InlineData(100, 0.2449489742783178, 9.067751147174842e-06)] // n x^2 = 6: 2 x Smirnov
    [InlineData(1000, 0.03162277660168379, 0.2644092421903177)] // Durbin
    [InlineData(1000, 0.042426406871192854, 0.053087771783538185)] // n x^2 = 1.8: Durbin
    [InlineData(1000, 0.05477225575051661, 0.004766852502767219)] // n x^2 = 3: 2 x Smirnov
    [InlineData(200000, 0.0024494897427831783, 0.1810051979375754)] // n > 100000: Pelz-Good
    [InlineData(10, 0.92, 2.1474836479999892e-11)] // n x >= n - 1: Ruben-Gambino
    [InlineData(10, 0.08, 0.9999978058034054)] // n x <= 1: Ruben-Gambino
    [InlineData(400, 0.6, 3.166177454421944e-138)] // x >= 0.5: 2 x Smirnov
    [InlineData(60, 0.16, 0.08271060476875802)]
    public void KolmogorovSurvival_MatchesScipyKstwoSf(int n, double x, double expected)
    {
        Assert.Equal(expected, KolmogorovDistribution.Survival(n, x), expected * 1e-8);
    }

    [Theory]
    [InlineData(1000, 0.05, 0.006506037390545166)] // scipy.special.smirnov(1000, 0.05)
    [InlineData(500000, 0.002, 0.018291201767145205)] // scipy.special.smirnov(500000, 0.002)
    [InlineData(30, 0.2, 0.07901431818133459)] // scipy.special.smirnov(30, 0.2)
    public void Smirnov_MatchesScipy(int n, double x, double expected)
    {
        Assert.Equal(expected, KolmogorovDistribution.Smirnov(n, x), expected * 1e-9);
    }
}
