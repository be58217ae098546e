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

    /// <summary>
    /// Reduces a column-major <paramref name="rows"/> x <paramref name="columns"/> block (rows &gt;= columns) in place by
    /// Householder reflections to its triangle R (the first <paramref name="columns"/> rows; zeros below), the R of its
    /// QR up to the signs of R's rows. Q is not formed: least squares needs only R of <c>[A | b]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReduceToTriangle(Span<double> block, int rows, int columns)
    {
        for (int k = 0; k < columns; k++)
        {
            Span<double> x = block.Slice((k * rows) + k, rows - k);
            double norm = Math.Sqrt(Dot(x, x));
            if (norm == 0)
            {
                continue;
            }

            // v = x - alpha e1 with alpha of the sign opposite to x0 (no cancellation); H = I - 2 v v' / v'v.
            double alpha = x[0] > 0 ? -norm : norm;
            x[0] -= alpha;
            double scale = 2 / Dot(x, x);
            for (int j = k + 1; j < columns; j++)
            {
                Span<double> column = block.Slice((j * rows) + k, rows - k);
                Axpy(-scale * Dot(x, column), x, column);
            }

            x[0] = alpha;
            x[1..].Clear();
        }
    }

    /// <summary><c>y += a x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        ref double source = ref MemoryMarshal.GetReference(x);
        ref double destination = ref MemoryMarshal.GetReference(y);
        int n = x.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var factor = Vector256.Create(a);
            for (; i + Vector256<double>.Count <= n; i += Vector256<double>.Count)
            {
                (Vector256.LoadUnsafe(ref destination, (nuint)i) + (factor * Vector256.LoadUnsafe(ref source, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref destination, i) += a * Unsafe.Add(ref source, i);
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
