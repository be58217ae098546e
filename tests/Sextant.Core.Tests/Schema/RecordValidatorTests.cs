using System.Text.Json;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Core.Tests.Schema;

public class RecordValidatorTests
{
    private static readonly FeatureSchema s_schema = new()
    {
        Task = ProjectTask.Regression,
        Target = "SALES",
        DateFormats = ["M/d/yyyy H:mm"],
        Features =
        [
            new FeatureDefinition { Name = "QTY", Type = FeatureKind.Numeric, Min = 1, Max = 100 },
            new FeatureDefinition { Name = "LINE", Type = FeatureKind.Categorical, Allowed = ["Ships", "Trains"] },
            new FeatureDefinition { Name = "BEDROOMS", Type = FeatureKind.Numeric, Nullable = true },
            new FeatureDefinition { Name = "NOTE", Type = FeatureKind.Categorical, Required = false },
            new FeatureDefinition { Name = "DAY", Type = FeatureKind.Date, Required = false },
        ],
    };

    private static ValidationReport Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RecordValidator.Validate(document.RootElement, s_schema).Report;
    }

    [Fact]
    public void Validate_ValidRecord_Passes()
    {
        using var document = JsonDocument.Parse("""{"QTY": 5, "LINE": "Ships", "BEDROOMS": null, "DAY": "2/24/2003 0:00"}""");
        var (report, values) = RecordValidator.Validate(document.RootElement, s_schema);
        Assert.True(report.Passed);
        Assert.Equal(5, values.Numbers[0]);
        Assert.Equal("Ships", values.Texts[1]);
        Assert.True(double.IsNaN(values.Numbers[2]));
        Assert.Equal(new DateTime(2003, 2, 24), values.Dates[4]);
    }

    [Fact]
    public void Validate_EveryRuleBroken_ListsEveryProblemAtOnce()
    {
        var report = Validate("""{"QTY": "five", "LINE": "Boats", "DAY": "yesterday", "SALES": 10, "COLOR": "red"}""");
        Assert.False(report.Passed);
        Assert.Contains(report.Errors, e => e is { Feature: "QTY", Type: "type", Received: "five" });
        Assert.Contains(report.Errors, e => e is { Feature: "LINE", Type: "allowed", Received: "Boats" });
        Assert.Contains(report.Errors, e => e is { Feature: "DAY", Type: "type" });
        Assert.Contains(report.Errors, e => e is { Feature: "BEDROOMS", Type: "missing" });
        Assert.Equal(4, report.Errors.Count);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(("COLOR", "unknown_field"), (warning.Feature, warning.Type));
    }

    [Theory]
    [InlineData("""{"QTY": 0, "LINE": "Ships", "BEDROOMS": 1}""", "QTY", "range")]
    [InlineData("""{"QTY": 101, "LINE": "Ships", "BEDROOMS": 1}""", "QTY", "range")]
    [InlineData("""{"QTY": 5, "LINE": null, "BEDROOMS": 1}""", "LINE", "missing")]
    [InlineData("""{"QTY": 5, "LINE": 3, "BEDROOMS": 1}""", "LINE", "type")]
    [InlineData("""{"QTY": true, "LINE": "Ships", "BEDROOMS": 1}""", "QTY", "type")]
    [InlineData("""{"LINE": "Ships", "BEDROOMS": 1}""", "QTY", "missing")]
    public void Validate_SingleRule_ReportsFeatureAndRule(string json, string feature, string rule)
    {
        var error = Assert.Single(Validate(json).Errors);
        Assert.Equal((feature, rule), (error.Feature, error.Type));
    }

    [Fact]
    public void Validate_NotAnObject_IsATypeError()
    {
        var error = Assert.Single(Validate("[1, 2]").Errors);
        Assert.Equal("type", error.Type);
    }
}
