using Sextant.Monitoring.Drift;

namespace Sextant.Core.Tests.Monitoring.Drift;

// Constants: scipy 1.10.1 / statsmodels, the exact call beside each.
public sealed class DistanceTests
{
    [Theory]
    // stats.wasserstein_distance(A(40), A(55, 53, 97, 6.5, 0.3)) and that over np.std(A(40)).
    [InlineData(40, 37, 101, 7.0, 0.0, 55, 53, 97, 6.5, 0.3, 0.37699300699300725, 0.08949569816962102)]
    // stats.wasserstein_distance(A(1500), A(800, 53, 97, 6.9, 0.4)).
    [InlineData(1500, 37, 101, 7.0, 0.0, 800, 53, 97, 6.9, 0.4, 0.2014781918564526, 0.048352762114939885)]
    // stats.wasserstein_distance(A(20000, 61, 1009, 70.0), A(15000, 67, 1013, 70.0, 0.08)).
    [InlineData(20000, 61, 1009, 70.0, 0.0, 15000, 67, 1013, 70.0, 0.08, 0.10909119047619055, 0.026215125727817545)]
    public void Wasserstein_MatchesScipy(
        int n1, int k1, int mod1, double div1, double off1, int n2, int k2, int mod2, double div2, double off2, double distance, double normed)
    {
        var a = ArithmeticSample.Sorted(n1, k1, mod1, div1, off1);
        var b = ArithmeticSample.Sorted(n2, k2, mod2, div2, off2);
        var mean = a.Average();
        var sd = Math.Sqrt(a.Sum(v => (v - mean) * (v - mean)) / a.Length);

        Assert.Equal(distance, WassersteinDistance.Between(a, b), 1e-11);
        Assert.Equal(normed, WassersteinDistance.Normed(a, b, sd), 1e-11);
    }

    [Fact]
    public void Wasserstein_OfAShift_IsTheShift()
    {
        var a = ArithmeticSample.Sorted(300);
        var b = a.Select(v => v + 0.5).ToArray();

        Assert.Equal(0.5, WassersteinDistance.Between(a, b), 1e-12);
    }

    [Fact]
    public void ChiSquare_WithAnUnseenBucket_MatchesScipyContingency()
    {
        // stats.chi2_contingency(np.array([[300, 120, 80, 0], [130, 60, 40, 20]]), correction=False)
        var result = ChiSquareTest.Homogeneity([300, 120, 80, 0], [130, 60, 40, 20]);

        Assert.Equal(41.860465116279066, result.Statistic, 1e-10);
        Assert.Equal(4.295204587056592e-09, result.PValue, 4.295204587056592e-09 * 1e-8);
    }

    [Fact]
    public void ChiSquare_DropsCategoriesAbsentFromBoth()
    {
        // stats.chi2_contingency(np.array([[500, 300, 200], [190, 160, 150]]), correction=False): dof 2
        var result = ChiSquareTest.Homogeneity([500, 0, 300, 200], [190, 0, 160, 150]);

        Assert.Equal(25.15527950310559, result.Statistic, 1e-10);
        Assert.Equal(3.448263622124695e-06, result.PValue, 3.448263622124695e-06 * 1e-8);
    }

    [Fact]
    public void ChiSquare_OneCategory_IsNoEvidence()
    {
        Assert.Equal(new TestResult(0, 1), ChiSquareTest.Homogeneity([10, 0], [5, 0]));
    }

    [Theory]
    // statsmodels proportions_ztest([300, 140], [1000, 500])
    [InlineData(300, 1000, 140, 500, 0.8020129050261416, 0.4225454932990901)]
    // statsmodels proportions_ztest([700, 300], [1000, 500])
    [InlineData(700, 1000, 300, 500, 3.872983346207416, 0.00010751117672950086)]
    public void ZTest_MatchesStatsmodels(double a, double n1, double b, double n2, double z, double p)
    {
        var result = ProportionZTest.TwoProportions(a, n1, b, n2);

        Assert.Equal(z, result.Statistic, 1e-12);
        Assert.Equal(p, result.PValue, p * 1e-9);
    }

    [Fact]
    public void JensenShannon_MatchesScipy()
    {
        // scipy.spatial.distance.jensenshannon([10, 20, 30, 40], [15, 20, 25, 0])
        Assert.Equal(0.4103957335594959, Divergence.JensenShannon([10, 20, 30, 40], [15, 20, 25, 0]), 1e-13);
    }

    [Fact]
    public void PsiAndKl_WithAnEmptyBin_MatchEvidentlysFill()
    {
        // p, q = shares of [10, 20, 30, 40] and [15, 20, 25, 0]; zeros -> 1e-4 (Evidently's feel_zeroes);
        // np.sum((p - q) * np.log(p / q)) and stats.entropy(p, q).
        Assert.Equal(3.5606696185067936, Divergence.PopulationStabilityIndex([10, 20, 30, 40], [15, 20, 25, 0]), 1e-12);
        Assert.Equal(3.02537443300892, Divergence.KullbackLeibler([10, 20, 30, 40], [15, 20, 25, 0]), 1e-12);
    }

    [Fact]
    public void Divergences_OfEqualShares_AreZero()
    {
        Assert.Equal(0.0, Divergence.JensenShannon([1, 2, 3], [2, 4, 6]), 1e-15);
        Assert.Equal(0.0, Divergence.PopulationStabilityIndex([1, 2, 3], [2, 4, 6]), 1e-15);
        Assert.Equal(0.0, Divergence.KullbackLeibler([1, 2, 3], [2, 4, 6]), 1e-15);
    }
}
