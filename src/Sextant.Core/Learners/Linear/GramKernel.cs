using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sextant.Learners.Linear;

/// <summary>
/// Sums of products of columns over blocks of rows, <c>Z'Z</c> and <c>Z'v</c>, for the normal equations of ridge and the
/// Newton system of logistic regression. A block is held column-major so that each sum is a vectorised dot product of
/// two contiguous columns (a row at a time it was a scalar update of the whole triangle per row). The dot products are
/// written here rather than taken from TensorPrimitives: its precompiled code runs unvectorised until the runtime
/// recompiles it, which a fit shorter than the tiering delay never sees (100,000 x 20 ridge took 4x longer).
/// </summary>
internal static class GramKernel
{
    /// <summary>Rows a block holds: its columns stay in cache while every pair of them is multiplied.</summary>
    public const int BlockRows = 256;

    /// <summary>
    /// Adds <c>Z'Z</c> of a column-major block <paramref name="block"/> (<paramref name="rows"/> x <paramref name="columns"/>)
    /// to the upper triangle of the row-major <paramref name="gram"/> (<paramref name="stride"/> values a row).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddUpperGram(ReadOnlySpan<double> block, int rows, int columns, Span<double> gram, int stride)
    {
        for (int j = 0; j < columns; j++)
        {
            ReadOnlySpan<double> left = block.Slice(j * rows, rows);
            Span<double> gramRow = gram.Slice(j * stride, stride);
            for (int k = j; k < columns; k++)
            {
                gramRow[k] += Dot(left, block.Slice(k * rows, rows));
            }
        }
    }

    /// <summary>Adds <c>Z'v</c> of a column-major block to <paramref name="sums"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddProducts(ReadOnlySpan<double> block, int rows, int columns, ReadOnlySpan<double> vector, Span<double> sums)
    {
        for (int j = 0; j < columns; j++)
        {
            sums[j] += Dot(block.Slice(j * rows, rows), vector);
        }
    }

    /// <summary>The dot product of two equal-length spans: two vector accumulators, then the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ref double x = ref MemoryMarshal.GetReference(a);
        ref double y = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        int i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= 2 * Vector256<double>.Count)
        {
            Vector256<double> first = Vector256<double>.Zero;
            Vector256<double> second = Vector256<double>.Zero;
            for (; i + (2 * Vector256<double>.Count) <= n; i += 2 * Vector256<double>.Count)
            {
                first += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref y, (nuint)i);
                second += Vector256.LoadUnsafe(ref x, (nuint)(i + Vector256<double>.Count)) * Vector256.LoadUnsafe(ref y, (nuint)(i + Vector256<double>.Count));
            }

            sum = Vector256.Sum(first + second);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        }

        return sum;
    }
}
