using Sextant.Tracking.Filters;

namespace Sextant.Core.Tests.Tracking.Filters;

public class RunOrderParseTests
{
    [Fact]
    public void Parse_FieldsWithOptionalDirections()
    {
        var order = RunOrder.Parse("metrics.rmse, start_time desc, params.`max depth` ASC");
        Assert.Equal(
            [
                new RunOrderTerm(new FilterField(FilterFieldKind.Metric, "rmse"), false),
                new RunOrderTerm(new FilterField(FilterFieldKind.Attribute, "start_time"), true),
                new RunOrderTerm(new FilterField(FilterFieldKind.Param, "max depth"), false),
            ],
            order.Terms);
        Assert.Equal("metrics.rmse ASC, start_time DESC, params.`max depth` ASC", order.ToString());
        Assert.Equal(order.Terms, RunOrder.Parse(order.ToString()).Terms);
    }

    [Fact]
    public void Parse_EmptyIsEmpty()
    {
        Assert.True(RunOrder.Parse("  ").IsEmpty);
        Assert.Equal(string.Empty, RunOrder.Parse(string.Empty).ToString());
    }
}
