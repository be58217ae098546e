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

    [Fact]
    public void Bin_EdgesComeFromEveryNonMissingValue_WhereverTheMissingOnesAre()
    {
        // The edge sample is gathered in parallel blocks of rows whose missing values leave gaps that are then closed:
        // a column with missing values bunched in some blocks must get the edges of its present values alone.
        var random = new Random(3);
        const int rows = 150_000;
        var x = new double[rows * 2];
        var present = new List<double>();
        for (int i = 0; i < rows; i++)
        {
            double value = Math.Round(random.NextDouble() * 1e6);
            bool missing = (i < 40_000 && i % 3 == 0) || (i > 120_000 && i % 2 == 0);
            x[2 * i] = missing ? double.NaN : value;
            x[(2 * i) + 1] = value;
            if (!missing)
            {
                present.Add(value);
            }
        }

        BinnedFeatures data = FeatureBinner.Bin(x, rows, 2, maxBins: 255, seed: 0, s_parallel);
        BinnedFeatures alone = FeatureBinner.Bin(present.ToArray(), present.Count, 1, maxBins: 255, seed: 0, s_parallel);

        Assert.Equal(alone.Edges[0], data.Edges[0]);
        Assert.NotEqual(data.Edges[1], data.Edges[0]);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(64)]
    [InlineData(17)]
    public void Bin_EveryValue_GetsTheBinOfItsLowerBoundEdge(int maxBins)
    {
        // Values on the edges themselves, negatives, zeros of both signs, repeats and missing values: the vectorised
        // column binning must agree with the scalar lower bound everywhere, and with the thresholds the model uses.
        var random = new Random(maxBins);
        const int rows = 300_000;
        double[] x = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = (i % 97) switch
            {
                0 => double.NaN,
                1 => -0.0,
                2 => 0.0,
                _ => Math.Round((random.NextDouble() - 0.3) * 1000, i % 3),
            };
        }

        BinnedFeatures data = FeatureBinner.Bin(x, rows, 1, maxBins, seed: 0, s_parallel);
        double[] edges = data.Edges[0];
        x[5] = edges[0];
        x[6] = edges[^1];
        data = FeatureBinner.Bin(x, rows, 1, maxBins, seed: 0, s_parallel);

        Assert.InRange(data.BinCounts[0], maxBins / 2, maxBins);
        for (int i = 0; i < rows; i++)
        {
            Assert.Equal(FeatureBinner.BinOf(x[i], data.Edges[0]), data.Bins[0][i]);
        }
    }

    [Theory]
    [InlineData(3, 16)]
    [InlineData(20, 32)]
    [InlineData(56, 64)]
    [InlineData(70, 80)]
    public void Bin_WithRowValues_LaysRowsOutAsAlignedRecordsOfBinsThenEightBytes(int columns, int stride)
    {
        var random = new Random(columns);
        const int rows = 5000;
        double[] x = Enumerable.Range(0, rows * columns).Select(i => i % 11 == 0 ? double.NaN : random.NextDouble()).ToArray();

        BinnedFeatures plain = FeatureBinner.Bin(x, rows, columns, maxBins: 255, seed: 0, s_parallel);
        BinnedFeatures records = FeatureBinner.Bin(x, rows, columns, maxBins: 255, seed: 0, s_parallel, rowValues: true);

        Assert.Equal((columns, 0, false), (plain.RowStride, plain.RowStart, plain.HasRowValues));
        Assert.Equal((stride, true), (records.RowStride, records.HasRowValues));
        for (int row = 0; row < rows; row++)
        {
            for (int f = 0; f < columns; f++)
            {
                Assert.Equal(plain.Bins[f][row], records.Bins[f][row]);
                Assert.Equal(records.Bins[f][row], records.RowMajorBins[records.RowStart + (row * stride) + f]);
                Assert.Equal(plain.Bins[f][row], plain.RowMajorBins[(row * columns) + f]);
            }
        }
    }

    [Fact]
    public void SortFinite_SortsLikeArraySort()
    {
        var random = new Random(3);
        double[] values = Enumerable.Range(0, 50_000)
            .Select(i => i % 5 == 0 ? -random.NextDouble() * 1e300 : i % 5 == 1 ? random.NextDouble() * 1e-300 : Math.Round(random.NextDouble() * 10, 1) - 5)
            .ToArray();
        double[] expected = (double[])values.Clone();
        Array.Sort(expected);

        FeatureBinner.SortFinite(values);

        Assert.Equal(expected, values);
    }
}
