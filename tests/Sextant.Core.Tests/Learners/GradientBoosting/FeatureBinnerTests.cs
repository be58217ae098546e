using Sextant.Learners.GradientBoosting;

namespace Sextant.Core.Tests.Learners.GradientBoosting;

public sealed class FeatureBinnerTests
{
    private static readonly ParallelOptions s_parallel = new() { MaxDegreeOfParallelism = -1 };

    [Fact]
    public void Bin_FewDistinctValues_GivesEachValueItsOwnBinAndMissingTheLast()
    {
        double[] x = [3, 1, 2, 3, double.NaN, 1, 2.5];

        BinnedFeatures data = FeatureBinner.Bin(x, 7, 1, maxBins: 255, seed: 0, s_parallel);

        Assert.Equal(4, data.BinCounts[0]);
        Assert.Equal([3, 0, 1, 3, 4, 0, 2], data.Bins[0]);
    }

    [Fact]
    public void Bin_ManyValues_GivesEvenQuantileBinsWhoseThresholdsAgreeWithTheBins()
    {
        var random = new Random(1);
        const int rows = 10_000;
        double[] x = Enumerable.Range(0, rows).Select(_ => Math.Exp(3 * random.NextDouble())).ToArray();

        BinnedFeatures data = FeatureBinner.Bin(x, rows, 1, maxBins: 16, seed: 0, s_parallel);

        Assert.Equal(16, data.BinCounts[0]);
        int[] counts = new int[17];
        foreach (byte b in data.Bins[0])
        {
            counts[b]++;
        }

        Assert.All(counts.Take(16), c => Assert.InRange(c, 560, 690));
        Assert.Equal(0, counts[16]);

        // A raw value goes left of bin b's threshold exactly when its bin is at most b, so the model needs no binning.
        for (int i = 0; i < rows; i += 7)
        {
            for (int b = 0; b < 16; b++)
            {
                Assert.Equal(data.Bins[0][i] <= b, x[i] <= data.Threshold(0, b));
            }
        }
    }
}
