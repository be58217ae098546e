using Sextant.Learners.Linear;

namespace Sextant.Core.Tests.Learners.Linear;

public sealed class GramKernelTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(9, 5)]
    [InlineData(256, 21)]
    [InlineData(257, 2)]
    public void AddUpperGramAndProducts_EqualTheSumsOverRows(int rows, int columns)
    {
        // Column-major blocks of any row count (vector body and scalar tail), added to what the sums already hold.
        var random = new Random(rows * 31 + columns);
        double[] block = Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] vector = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        const int stride = 30;
        var gram = new double[columns * stride];
        gram[0] = 1;
        var sums = new double[columns];
        sums[0] = 2;

        GramKernel.AddUpperGram(block, rows, columns, gram, stride);
        GramKernel.AddProducts(block, rows, columns, vector, sums);

        for (int j = 0; j < columns; j++)
        {
            double product = (j == 0 ? 2 : 0) + Enumerable.Range(0, rows).Sum(i => block[(j * rows) + i] * vector[i]);
            Assert.Equal(product, sums[j], 1e-12);
            for (int k = 0; k < stride; k++)
            {
                double expected = k < j || k >= columns ? 0 : Enumerable.Range(0, rows).Sum(i => block[(j * rows) + i] * block[(k * rows) + i]);
                expected += j == 0 && k == 0 ? 1 : 0;
                Assert.Equal(expected, gram[(j * stride) + k], 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(40, 7)]
    [InlineData(1_000, 21)]
    public void ReduceToTriangle_LeavesAnUpperTriangleWhoseGramIsTheBlocks(int rows, int columns)
    {
        // Orthogonal reflections keep A'A: R'R must equal it, R must be upper triangular with zeros below, and a zero
        // column (nothing to reflect) must pass through.
        var random = new Random(rows + columns);
        double[] a = Enumerable.Range(0, rows * columns).Select(i => i / rows == 2 ? 0 : random.NextDouble() - 0.5).ToArray();
        double[] r = (double[])a.Clone();

        GramKernel.ReduceToTriangle(r, rows, columns);

        for (int j = 0; j < columns; j++)
        {
            for (int i = j + 1; i < rows; i++)
            {
                Assert.Equal(0.0, r[(j * rows) + i]);
            }

            for (int k = j; k < columns; k++)
            {
                double expected = Enumerable.Range(0, rows).Sum(i => a[(j * rows) + i] * a[(k * rows) + i]);
                double actual = Enumerable.Range(0, rows).Sum(i => r[(j * rows) + i] * r[(k * rows) + i]);
                Assert.Equal(expected, actual, 1e-10);
            }
        }
    }
}
