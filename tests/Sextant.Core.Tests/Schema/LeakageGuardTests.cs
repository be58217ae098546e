using Sextant.Data;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Core.Tests.Schema;

public class LeakageGuardTests
{
    private static FeatureSchema Schema(params FeatureDefinition[] features) => new()
    {
        Task = ProjectTask.Regression,
        Target = "SALES",
        Features = features,
    };

    [Fact]
    public void CheckSchema_TargetAmongFeatures_IsRefused()
    {
        var issue = Assert.Single(LeakageGuard.CheckSchema(Schema(new FeatureDefinition { Name = "SALES", Type = FeatureKind.Numeric })));
        Assert.Equal(("SALES", "leakage"), (issue.Feature, issue.Type));
    }

    [Fact]
    public void CheckSchema_DerivedReadingTarget_IsRefused()
    {
        var schema = Schema(new FeatureDefinition { Name = "QTY", Type = FeatureKind.Numeric }) with
        {
            Derived = [new DerivedFeature { Name = "UNIT", Kind = "ratio", Inputs = ["SALES", "QTY"] }],
        };
        var issue = Assert.Single(LeakageGuard.CheckSchema(schema));
        Assert.Equal("UNIT", issue.Feature);
        Assert.Contains("reads the target", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckData_NearExactFunctionOfTarget_IsRefusedButHonestFeatureIsNot()
    {
        var random = new Random(1);
        var target = Enumerable.Range(0, 500).Select(_ => random.NextDouble() * 100).ToArray();
        var leak = target.Select(t => (t * 1.07) + 3 + (random.NextDouble() * 0.01)).ToArray();
        var honest = target.Select(t => t + (random.NextDouble() * 60)).ToArray();
        var table = new Table([new NumericColumn("LEAK", leak), new NumericColumn("HONEST", honest)]);
        var schema = Schema(new FeatureDefinition { Name = "LEAK", Type = FeatureKind.Numeric }, new FeatureDefinition { Name = "HONEST", Type = FeatureKind.Numeric });
        var issue = Assert.Single(LeakageGuard.CheckData(table, schema, target));
        Assert.Equal("LEAK", issue.Feature);
        Assert.Contains("correlation", issue.Message, StringComparison.Ordinal);
    }
}
