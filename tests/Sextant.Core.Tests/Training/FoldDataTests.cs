using Sextant.Data;
using Sextant.Evaluation;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Training;

namespace Sextant.Core.Tests.Training;

public class FoldDataTests
{
    [Fact]
    public void Prepare_EachFoldsPreprocessingNeverSeesItsValidationRows()
    {
        // Every fold's validation rows carry a huge value, a missing value and a level no other row has: if the fold's
        // preprocessing saw them, its median, mean or levels would show it.
        const int rows = 60;
        var folds = CrossValidation.KFold(rows, 3, 4);
        var size = new double[rows];
        var colour = new string?[rows];
        for (var r = 0; r < rows; r++)
        {
            size[r] = r % 10;
            colour[r] = r % 2 == 0 ? "red" : "blue";
        }

        var fold = folds[1];
        foreach (var r in fold.Validation)
        {
            size[r] = r % 3 == 0 ? double.NaN : 1e9;
            colour[r] = "validation-only";
        }

        var table = new Table([new NumericColumn("size", size), new TextColumn("colour", colour)]);
        var schema = new FeatureSchema
        {
            Task = ProjectTask.Regression,
            Target = "y",
            Features = [new FeatureDefinition { Name = "size" }, new FeatureDefinition { Name = "colour", Type = FeatureKind.Categorical }],
        };
        var y = Enumerable.Range(0, rows).Select(r => (double)r).ToArray();

        var data = FoldData.Prepare(table, schema, y, fold);
        var fitSizes = fold.Train.Select(r => size[r]).ToArray();
        var numeric = Assert.Single(data.Preprocessor.Numeric);
        Assert.Equal(fitSizes.Average(), numeric.Mean, 9);
        Assert.InRange(numeric.Median, 0, 9);
        Assert.Equal(["blue", "red"], Assert.Single(data.Preprocessor.Categorical).Levels);
        Assert.Equal(fold.Train.Select(r => y[r]), data.YFit);
        Assert.Equal(fold.Validation.Select(r => y[r]), data.YValid);

        // Validation rows are encoded with the fitting rows' statistics: the unseen level is all zeros.
        var width = data.Preprocessor.Width;
        Assert.Equal(3, width);
        for (var v = 0; v < data.ValidRows; v++)
        {
            Assert.Equal([0.0, 0.0], data.XValid.AsSpan((v * width) + 1, 2).ToArray());
        }

        // The whole table's preprocessing, by contrast, does see them.
        Assert.Contains("validation-only", Preprocessor.Fit(table, schema).Categorical[0].Levels);
    }

    [Fact]
    public void FitSubset_SmallerBudgetIsAPrefixOfALargerOne()
    {
        var table = new Table([new NumericColumn("x", [.. Enumerable.Range(0, 300).Select(i => (double)i)])]);
        var schema = new FeatureSchema { Task = ProjectTask.Regression, Target = "y", Features = [new FeatureDefinition { Name = "x" }] };
        var y = Enumerable.Range(0, 300).Select(i => 2.0 * i).ToArray();
        var data = FoldData.Prepare(table, schema, y, CrossValidation.KFold(300, 3, 1)[0]);

        var (_, ninth, ninthRows) = data.FitSubset(1.0 / 9);
        var (_, third, thirdRows) = data.FitSubset(1.0 / 3);
        var (_, all, allRows) = data.FitSubset(1);

        Assert.Equal((30, 67, 200), (ninthRows, thirdRows, allRows));
        Assert.Subset(third.ToHashSet(), ninth.ToHashSet());
        Assert.Equal(data.YFit, all);
    }

    [Fact]
    public void Transform_LevelCodes_GiveTheLevelIndexAndNaNForMissingOrUnseenLevels()
    {
        var table = new Table([new NumericColumn("size", [1, 2, 3, 4]), new TextColumn("colour", ["red", "blue", null, "red"])]);
        var schema = new FeatureSchema
        {
            Task = ProjectTask.Regression,
            Target = "y",
            Features = [new FeatureDefinition { Name = "size" }, new FeatureDefinition { Name = "colour", Type = FeatureKind.Categorical }],
        };
        var pre = Preprocessor.Fit(table, schema, CategoricalEncoding.Codes);
        Assert.Equal(2, pre.Width);
        Assert.Equal(["size", "colour"], pre.OutputNames);
        Assert.Equal([1], pre.CodeColumns);

        var x = pre.Transform(new Table([new NumericColumn("size", [1, 1, 1, 1]), new TextColumn("colour", ["red", "blue", null, "green"])]));

        // Levels are sorted ordinally: blue 0, red 1.
        Assert.Equal([1.0, 0.0, double.NaN, double.NaN], [x[1], x[3], x[5], x[7]]);
        Assert.Equal(CategoricalEncoding.OneHot, Preprocessor.Fit(table, schema).Encoding);
    }
}
