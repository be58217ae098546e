using System.Globalization;

namespace Sextant.Core.Tests.Learners.GradientBoosting;

/// <summary>
/// California housing from the shared real data: the 8 standard features (MedInc, HouseAge, AveRooms, AveBedrms,
/// Population, AveOccup, Latitude, Longitude), target MedHouseVal in units of 100,000, and the seeded 80/20 split the
/// accuracy tests share (<c>new Random(42).Shuffle</c> of the row indices, last 20% test).
/// </summary>
internal static class CaliforniaHousing
{
    public const int Columns = 8;

    private static readonly Lazy<Split> s_split = new(Load);

    /// <summary>Gets the split (loaded once per test run; callers must not modify the arrays).</summary>
    public static Split Data => s_split.Value;

    private static Split Load()
    {
        string path = SharedDataFiles.PathOf(Path.Combine("california_housing", "cal_housing.data"));
        var x = new List<double>();
        var y = new List<double>();
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            double[] v = Array.ConvertAll(line.Split(','), s => double.Parse(s, CultureInfo.InvariantCulture));
            double longitude = v[0], latitude = v[1], age = v[2], rooms = v[3], bedrooms = v[4], population = v[5], households = v[6], income = v[7];
            x.AddRange([income, age, rooms / households, bedrooms / households, population, population / households, latitude, longitude]);
            y.Add(v[8] / 100_000);
        }

        Assert.Equal(20_640, y.Count);
        int rows = y.Count;
        var indices = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            indices[i] = i;
        }

        new Random(42).Shuffle(indices);
        int testRows = rows / 5;
        int trainRows = rows - testRows;
        var trainX = new double[trainRows * Columns];
        var trainY = new double[trainRows];
        var testX = new double[testRows * Columns];
        var testY = new double[testRows];
        for (int k = 0; k < rows; k++)
        {
            int source = indices[k];
            if (k < trainRows)
            {
                x.CopyTo(source * Columns, trainX, k * Columns, Columns);
                trainY[k] = y[source];
            }
            else
            {
                x.CopyTo(source * Columns, testX, (k - trainRows) * Columns, Columns);
                testY[k - trainRows] = y[source];
            }
        }

        return new Split(trainX, trainY, trainRows, testX, testY, testRows);
    }

    /// <summary>Row-major train and test blocks.</summary>
    public sealed record Split(double[] TrainX, double[] TrainY, int TrainRows, double[] TestX, double[] TestY, int TestRows);
}
