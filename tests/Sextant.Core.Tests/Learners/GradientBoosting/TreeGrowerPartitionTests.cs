using System.Runtime.Intrinsics.X86;
using Sextant.Learners.GradientBoosting;

namespace Sextant.Core.Tests.Learners.GradientBoosting;

public sealed class TreeGrowerPartitionTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(7, 2)]
    [InlineData(8, 3)]
    [InlineData(1_003, 4)]
    [InlineData(65_537, 5)]
    public void PartitionEights_KeepsEachSideInRowOrder_AsTheScalarPartitionDoes(int count, int seed)
    {
        if (!Avx512F.VL.IsSupported)
        {
            // The vector path only runs where AVX-512 does; elsewhere the scalar loop partitions every row.
            return;
        }

        var random = new Random(seed);
        var column = new byte[200_000];
        random.NextBytes(column);
        var goesLeft = new byte[256];
        for (int b = 0; b < goesLeft.Length; b++)
        {
            goesLeft[b] = (byte)random.Next(2);
        }

        int[] rows = Enumerable.Range(0, column.Length).OrderBy(_ => random.Next()).Take(count).Order().ToArray();
        int[] original = (int[])rows.Clone();
        var right = new int[rows.Length];

        int done = TreeGrower.PartitionEights(column, goesLeft, rows, right, out int l, out int r);

        Assert.Equal(rows.Length - (rows.Length % 8), done);
        int[] expectedLeft = original[..done].Where(row => goesLeft[column[row]] == 1).ToArray();
        int[] expectedRight = original[..done].Where(row => goesLeft[column[row]] == 0).ToArray();
        Assert.Equal(expectedLeft, rows[..l]);
        Assert.Equal(expectedRight, right[..r]);
        Assert.Equal(original[done..], rows[done..]);
    }
}
