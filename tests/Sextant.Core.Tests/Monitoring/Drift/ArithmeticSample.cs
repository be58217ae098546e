namespace Sextant.Core.Tests.Monitoring.Drift;

/// <summary>
/// Deterministic samples that Python rebuilds exactly: <c>np.array([((i*k) % mod)/div + off for i in range(n)])</c>,
/// so a test can keep scipy's result on the same values as a constant.
/// </summary>
internal static class ArithmeticSample
{
    public static double[] Sorted(int n, int k = 37, int mod = 101, double div = 7.0, double offset = 0.0)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = ((long)i * k % mod / div) + offset;
        }

        Array.Sort(values);
        return values;
    }
}
