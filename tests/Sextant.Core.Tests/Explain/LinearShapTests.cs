using Sextant.Data;
using Sextant.Explain;
using Sextant.Learners.Linear;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Core.Tests.Explain;

public sealed class LinearShapTests
{
    [Fact]
    public void Explain_Ridge_ContributionIsCoefficientTimesDistanceFromTheMean()
    {
        var model = new RidgeModel(1.5, [2.0, -3.0, 0.5]);
        double[] means = [0.0, 0.25, 4.0];
        double[] row = [1.0, 1.0, 2.0];
        var contributions = new double[3];

        double baseValue = LinearShap.Explain(model, means, row, contributions);

        Assert.Equal(1.5 + (2.0 * 0) + (-3.0 * 0.25) + (0.5 * 4.0), baseValue, 1e-12);
        Assert.Equal([2.0 * 1.0, -3.0 * 0.75, 0.5 * -2.0], contributions);
        Assert.Equal(model.Predict(row), baseValue + contributions.Sum(), 1e-12);
    }

    [Fact]
    public void Explain_Logistic_AddsUpToTheLogOddsNotTheProbability()
    {
        (double[] x, double[] y) = Classes(400, seed: 1);
        LogisticRegressionModel model = LogisticRegressionTrainer.Fit(x, 400, 2, y, new LogisticRegressionOptions { L2 = 1 });
        double[] means = [x.Where((_, i) => i % 2 == 0).Average(), x.Where((_, i) => i % 2 == 1).Average()];
        var contributions = new double[2];

        for (int r = 0; r < 20; r++)
        {
            ReadOnlySpan<double> row = x.AsSpan(r * 2, 2);
            double baseValue = LinearShap.Explain(model, means, row, contributions);
            Assert.Equal(model.PredictLogOdds(row), baseValue + contributions.Sum(), 1e-12);
            Assert.Equal(model.Coefficients[1] * (row[1] - means[1]), contributions[1], 1e-15);
            Assert.Equal(model.PredictProbability(row), 1 / (1 + Math.Exp(-(baseValue + contributions.Sum()))), 1e-12);
        }
    }

    [Fact]
    public void ColumnMeans_AreTheMeansOfTheEncodedTrainingColumns()
    {
        // Standardised numeric columns have mean 0 (after median imputation); one-hot columns have the level's share
        // of the rows, missing levels counting as rows with all zeros.
        var table = new Table(
        [
            new NumericColumn("size", [1, 2, double.NaN, 4, 10, 3]),
            new TextColumn("colour", ["red", "blue", "red", null, "green", "red"]),
        ]);
        var schema = new FeatureSchema
        {
            Task = ProjectTask.Regression,
            Target = "y",
            Features = [new FeatureDefinition { Name = "size" }, new FeatureDefinition { Name = "colour", Type = FeatureKind.Categorical }],
        };
        Preprocessor preprocessor = Preprocessor.Fit(table, schema);

        double[] means = preprocessor.ColumnMeans();
        double[] encoded = preprocessor.Transform(table);

        Assert.Equal(["size", "colour=blue", "colour=green", "colour=red"], preprocessor.OutputNames);
        Assert.Equal([0, 1 / 6.0, 1 / 6.0, 3 / 6.0], means);
        for (int j = 0; j < means.Length; j++)
        {
            double actual = Enumerable.Range(0, table.RowCount).Average(r => encoded[(r * means.Length) + j]);
            Assert.Equal(actual, means[j], 1e-12);
        }
    }

    [Fact]
    public void ColumnMeans_PreprocessorWithoutFrequencies_ThrowsClearError()
    {
        var preprocessor = new Preprocessor { Numeric = [], Categorical = [new CategoricalInput("colour", ["blue", "red"])] };
        var ex = Assert.Throws<SextantException>(preprocessor.ColumnMeans);
        Assert.Contains("without level frequencies", ex.Message, StringComparison.Ordinal);
    }

    private static (double[] X, double[] Y) Classes(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows * 2];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[2 * i] = random.NextDouble() * 4;
            x[(2 * i) + 1] = random.NextDouble() - 0.5;
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(x[2 * i] - 2 + (3 * x[(2 * i) + 1])))) ? 1 : 0;
        }

        return (x, y);
    }
}
