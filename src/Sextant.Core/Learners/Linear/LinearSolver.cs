using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Sextant.Learners.Linear;

/// <summary>The dense solves behind the linear learners, on top of MathNet.Numerics' managed provider.</summary>
internal static class LinearSolver
{
    // Below this ratio of smallest to largest |R_ii| the triangular solve is not trusted and the
    // singular values decide the rank instead; a loose screen, the SVD applies the strict tolerance.
    private const double QrDiagonalScreen = 1e-8;

    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Solves <c>A x = b</c> for a symmetric positive-definite <paramref name="matrix"/> (row- or column-major, it is symmetric)
    /// by Cholesky. Returns <see langword="null"/> when the factorisation fails (the matrix is not numerically positive definite).
    /// </summary>
    public static double[]? TrySolveCholesky(double[] matrix, double[] rhs, int size)
    {
        Matrix<double> a = Matrix<double>.Build.Dense(size, size, matrix);
        Cholesky<double> cholesky;
        try
        {
            cholesky = a.Cholesky();
        }
        catch (ArgumentException)
        {
            // MathNet reports a non-positive pivot this way; the caller chooses the fallback.
            return null;
        }

        double[] solution = cholesky.Solve(Vector<double>.Build.Dense(rhs)).ToArray();
        return AllFinite(solution) ? solution : null;
    }

    /// <summary>
    /// The minimum-norm least-squares solution of <c>A x = b</c> for a column-major <paramref name="design"/> (rows x columns):
    /// Householder QR, and when R is (near) singular the SVD pseudo-inverse of R, whose minimum-norm solution is that of A.
    /// </summary>
    public static double[] SolveLeastSquares(double[] design, int rows, int columns, double[] rhs)
    {
        Matrix<double> a = Matrix<double>.Build.Dense(rows, columns, design);
        Vector<double> b = Vector<double>.Build.Dense(rhs);
        if (rows < columns)
        {
            return PseudoInverseSolve(a, b);
        }

        QR<double> qr = a.QR(QRMethod.Thin);
        return SolveTriangular(qr.R, qr.Q.TransposeThisAndMultiply(b), columns, rows);
    }

    /// <summary>
    /// The least-squares solution of a tall system of <paramref name="rows"/> rows given in <paramref name="blocks"/>
    /// blocks (the last takes the remainder; each at least <c>columns + 1</c> rows), each written column-major as
    /// <c>[A_b | b_b]</c> by <paramref name="writeBlock"/>: every block is reduced by Householder reflections to its
    /// triangle (in parallel, <see cref="GramKernel.ReduceToTriangle"/>), the triangles stacked in block order and
    /// reduced once more (TSQR). Only orthogonal transforms, as one QR of the whole system, in the memory of a block,
    /// and the same result whatever the thread count.
    /// </summary>
    public static double[] SolveLeastSquaresByBlocks(int rows, int blocks, int columns, BlockWriter writeBlock, ParallelOptions parallel)
    {
        int width = columns + 1;
        int blockRows = rows / blocks;
        var stacked = new double[blocks * width * width];
        int stackedRows = blocks * width;
        Parallel.For(0, blocks, parallel, k =>
        {
            int count = k < blocks - 1 ? blockRows : rows - (k * blockRows);
            var block = new double[count * width];
            writeBlock(k * blockRows, block);
            GramKernel.ReduceToTriangle(block, count, width);
            for (int j = 0; j < width; j++)
            {
                block.AsSpan(j * count, width).CopyTo(stacked.AsSpan((j * stackedRows) + (k * width), width));
            }
        });

        GramKernel.ReduceToTriangle(stacked, stackedRows, width);
        var triangle = new double[width * width];
        for (int j = 0; j < width; j++)
        {
            stacked.AsSpan(j * stackedRows, width).CopyTo(triangle.AsSpan(j * width, width));
        }

        Matrix<double> r = Matrix<double>.Build.Dense(width, width, triangle);
        return SolveTriangular(r.SubMatrix(0, columns, 0, columns), r.Column(columns, 0, columns), columns, rows);
    }

    /// <summary>Writes the rows from <paramref name="start"/> of a blocked least-squares system into <paramref name="destination"/>.</summary>
    public delegate void BlockWriter(int start, Span<double> destination);

    /// <summary>
    /// The minimum-norm solution of <c>R x = rhs</c> for the triangle of a QR of a system of <paramref name="rows"/>
    /// rows: back substitution when R is well conditioned, else the SVD pseudo-inverse of R, whose minimum-norm solution
    /// is that of the original system. The rank is decided as for the original system (singular values below
    /// <c>max(rows, columns) * eps * s_max</c> dropped): R's rounding grows with the rows reduced into it, and an exactly
    /// collinear column of 100,000 rows leaves a singular value near 1e-13 of the largest, which R's own size would keep.
    /// </summary>
    private static double[] SolveTriangular(Matrix<double> r, Vector<double> qtb, int columns, int rows)
    {
        double largest = 0;
        double smallest = double.PositiveInfinity;
        for (int j = 0; j < columns; j++)
        {
            double d = Math.Abs(r[j, j]);
            largest = Math.Max(largest, d);
            smallest = Math.Min(smallest, d);
        }

        if (largest > 0 && smallest > QrDiagonalScreen * largest)
        {
            double[] solution = BackSubstitute(r, qtb, columns);
            if (AllFinite(solution))
            {
                return solution;
            }
        }

        return PseudoInverseSolve(r, qtb, rows);
    }

    /// <summary>The minimum-norm solution <c>pinv(A) b</c> for a column-major <paramref name="matrix"/>.</summary>
    public static double[] PseudoInverseSolve(double[] matrix, int rows, int columns, double[] rhs) =>
        PseudoInverseSolve(Matrix<double>.Build.Dense(rows, columns, matrix), Vector<double>.Build.Dense(rhs));

    /// <summary>
    /// The minimum-norm solution <c>pinv(A) b</c>, dropping singular values below <c>max(m, n) * eps * s_max</c>, where
    /// <c>m</c> is <paramref name="rows"/> when A is the triangle of a taller system (else A's own rows).
    /// </summary>
    public static double[] PseudoInverseSolve(Matrix<double> a, Vector<double> b, int rows = 0)
    {
        Svd<double> svd = a.Svd(computeVectors: true);
        Vector<double> s = svd.S;
        Matrix<double> u = svd.U;
        Matrix<double> vt = svd.VT;

        int columns = a.ColumnCount;
        var solution = new double[columns];
        double cutoff = Math.Max(Math.Max(rows, a.RowCount), a.ColumnCount) * MachineEpsilon * (s.Count > 0 ? s.Maximum() : 0);
        for (int k = 0; k < s.Count; k++)
        {
            if (!(s[k] > cutoff))
            {
                continue;
            }

            double projection = 0;
            for (int i = 0; i < u.RowCount; i++)
            {
                projection += u[i, k] * b[i];
            }

            double scale = projection / s[k];
            for (int j = 0; j < columns; j++)
            {
                solution[j] += scale * vt[k, j];
            }
        }

        return solution;
    }

    private static double[] BackSubstitute(Matrix<double> r, Vector<double> rhs, int size)
    {
        var x = new double[size];
        for (int i = size - 1; i >= 0; i--)
        {
            double sum = rhs[i];
            for (int k = i + 1; k < size; k++)
            {
                sum -= r[i, k] * x[k];
            }

            x[i] = sum / r[i, i];
        }

        return x;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
