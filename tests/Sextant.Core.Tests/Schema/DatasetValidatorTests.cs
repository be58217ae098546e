using Sextant.Data;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Core.Tests.Schema;

public class DatasetValidatorTests
{
    private static readonly FeatureSchema s_schema = new()
    {
        Task = ProjectTask.Regression,
        Target = "y",
        Features =
        [
            new FeatureDefinition { Name = "x", Type = FeatureKind.Numeric, Min = 0, Max = 10 },
            new FeatureDefinition { Name = "c", Type = FeatureKind.Categorical, Allowed = ["a", "b"] },
            new FeatureDefinition { Name = "absent", Type = FeatureKind.Numeric },
        ],
    };

    [Fact]
    public void Validate_ReportsEveryViolationWithRowColumnValueAndRule()
    {
        var table = new Table(
        [
            new NumericColumn("x", [1, 11, double.NaN]),
            new TextColumn("c", ["a", "z", "b"]),
            new NumericColumn("y", [1, 2, double.NaN]),
        ]);
        var report = DatasetValidator.Validate(table, s_schema);
        Assert.False(report.Passed);
        Assert.Contains(report.Errors, e => e is { Feature: "x", Type: "range", Row: 2, Received: "11" });
        Assert.Contains(report.Errors, e => e is { Feature: "x", Type: "missing", Row: 3 });
        Assert.Contains(report.Errors, e => e is { Feature: "c", Type: "allowed", Row: 2, Received: "z" });
        Assert.Contains(report.Errors, e => e is { Feature: "absent", Type: "absent_column" });
        Assert.Contains(report.Errors, e => e is { Feature: "y", Type: "missing", Row: 3 });
        Assert.Equal(5, report.Errors.Count);
        Assert.Contains(report.Summary(), s => s is { Feature: "x", Type: "range", Count: 1 });
    }

    [Fact]
    public void Validate_WrongColumnType_IsReported()
    {
        var schema = s_schema with { Features = [new FeatureDefinition { Name = "x", Type = FeatureKind.Numeric }] };
        var table = new Table([new TextColumn("x", ["a"]), new NumericColumn("y", [1])]);
        var error = Assert.Single(DatasetValidator.Validate(table, schema).Errors);
        Assert.Equal("type", error.Type);
    }

    [Fact]
    public void Validate_ClassificationNeedsTwoClasses()
    {
        var schema = s_schema with { Task = ProjectTask.Classification, Features = [] };
        var table = new Table([new TextColumn("y", ["a", "b", "c"])]);
        Assert.Contains(DatasetValidator.Validate(table, schema).Errors, e => e.Message.Contains("exactly 2 classes", StringComparison.Ordinal));
    }
}
