using MathNet.Numerics.LinearAlgebra;
using Sextant.Core.Tests.Learners.GradientBoosting;
using Sextant.Learners.Linear;

namespace Sextant.Core.Tests.Learners.Linear;

/// <summary>
/// The bar (learners issue): on California housing, Sextant's linear model equals ordinary least squares to 1e-6.
/// OLS here is solved independently, by the normal equations (X'X) b = X'y with an intercept column, in MathNet.
/// </summary>
public sealed class LinearCaliforniaTests
{
    [Fact]
    public void Fit_CaliforniaL2Zero_EqualsOrdinaryLeastSquaresTo1e6()
    {
        var data = CaliforniaHousing.Data;
        int rows = data.TrainRows;
        int columns = CaliforniaHousing.Columns;

        RidgeModel model = RidgeTrainer.Fit(data.TrainX, rows, columns, data.TrainY, new RidgeOptions { L2 = 0 });

        var design = Matrix<double>.Build.Dense(rows, columns + 1, (i, j) => j == 0 ? 1 : data.TrainX[(i * columns) + j - 1]);
        var target = Vector<double>.Build.Dense(data.TrainY);
        var expected = (design.TransposeThisAndMultiply(design)).Solve(design.TransposeThisAndMultiply(target));
        Assert.Equal(expected[0], model.Intercept, 1e-6 * Math.Max(1, Math.Abs(expected[0])));
        for (int j = 0; j < columns; j++)
        {
            Assert.Equal(expected[j + 1], model.Coefficients[j], 1e-6 * Math.Max(1, Math.Abs(expected[j + 1])));
        }

        // And its accuracy is OLS's: scikit-learn's LinearRegression reaches test RMSE 0.7456 on its own split.
        var predicted = new double[data.TestRows];
        model.PredictBatch(data.TestX, data.TestRows, predicted);
        Assert.InRange(SyntheticData.Rmse(data.TestY, predicted), 0.70, 0.78);
    }
}
