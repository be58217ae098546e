using Sextant.Data;
using Sextant.Evaluation;
using Sextant.Learners.Linear;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Core.Tests.Evaluation;

/// <summary>Permutation importance ranks what the model uses, folds derived features into their sources, and is seeded.</summary>
public sealed class PermutationImportanceTests
{
    // y = 8 strong + 1 weak + noise; 'noise' is unrelated; 'colour' shifts y by 3 for red; 'ratio' is derived from strong / weak.
    private static (Table Table, double[] Y, FeatureSchema Schema) Data(int rows, int seed)
    {
        var random = new Random(seed);
        var strong = new double[rows];
        var weak = new double[rows];
        var noise = new double[rows];
        var colour = new string?[rows];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            strong[i] = random.NextDouble();
            weak[i] = 1 + random.NextDouble();
            noise[i] = random.NextDouble();
            colour[i] = random.Next(2) == 0 ? "red" : "blue";
            y[i] = (8 * strong[i]) + weak[i] + (colour[i] == "red" ? 3 : 0) + (0.05 * random.NextDouble());
        }

        var table = new Table([new NumericColumn("strong", strong), new NumericColumn("weak", weak), new NumericColumn("noise", noise), new TextColumn("colour", colour)]);
        var schema = new FeatureSchema
        {
            Task = ProjectTask.Regression,
            Target = "y",
            Features =
            [
                new FeatureDefinition { Name = "strong" }, new FeatureDefinition { Name = "weak" }, new FeatureDefinition { Name = "noise" },
                new FeatureDefinition { Name = "colour", Type = FeatureKind.Categorical },
            ],
        };
        return (table, y, schema);
    }

    private static IReadOnlyList<FeatureImportance> Fit(FeatureSchema schema, Table table, double[] y, string metric, int seed = 3)
    {
        var withDerived = DerivedFeatures.AddTo(table, schema);
        var pre = Preprocessor.Fit(withDerived, schema);
        var model = RidgeTrainer.Fit(pre.Transform(withDerived), table.RowCount, pre.Width, y, new RidgeOptions { L2 = 0 });
        return PermutationImportance.Compute(table, y, schema, pre, model, ProjectTask.Regression, metric, repeats: 5, seed: seed);
    }

    [Fact]
    public void Compute_RanksFeaturesByWhatTheModelUses()
    {
        var (table, y, schema) = Data(2000, 1);

        var importance = Fit(schema, table, y, "rmse");

        Assert.Equal(["strong", "colour", "weak", "noise"], importance.Select(f => f.Feature));
        Assert.True(importance[0].Mean > 1, $"shuffling the strong feature should cost well over 1 in RMSE: {importance[0]}");
        Assert.InRange(importance[3].Mean, -0.01, 0.01);
        Assert.All(importance, f => Assert.True(f.StandardDeviation >= 0));
    }

    [Fact]
    public void Compute_HigherIsBetterMetric_ImportanceIsStillADrop()
    {
        var (table, y, schema) = Data(1000, 2);

        var importance = Fit(schema, table, y, "r2");

        Assert.Equal("strong", importance[0].Feature);
        Assert.True(importance[0].Mean > 0.3, importance[0].ToString());
    }

    [Fact]
    public void Compute_DerivedFeature_IsShuffledWithItsSource()
    {
        var (table, y, schema) = Data(1000, 4);
        // The derived product is a model input too: it is recomputed from the shuffled source, never scored on its own.
        var derived = schema with { Derived = [new DerivedFeature { Name = "strong_x_weak", Kind = "product", Inputs = ["strong", "weak"] }] };

        var importance = Fit(derived, table, y, "rmse");

        Assert.Equal(4, importance.Count);
        Assert.DoesNotContain(importance, f => f.Feature == "strong_x_weak");
        Assert.Equal("strong", importance[0].Feature);
    }

    [Fact]
    public void Compute_SameSeed_SameResult_OtherSeedDiffers()
    {
        var (table, y, schema) = Data(500, 5);

        var a = Fit(schema, table, y, "rmse", seed: 9);
        var b = Fit(schema, table, y, "rmse", seed: 9);
        var c = Fit(schema, table, y, "rmse", seed: 10);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(f => f.Mean), c.Select(f => f.Mean));
    }
}
