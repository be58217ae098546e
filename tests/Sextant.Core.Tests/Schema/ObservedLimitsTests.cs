using System.Text.Json;
using Sextant.Data;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Core.Tests.Schema;

/// <summary>Observed (soft) limits warn and score; declared (hard) limits refuse.</summary>
public class ObservedLimitsTests
{
    private static readonly FeatureSchema s_schema = new()
    {
        Task = ProjectTask.Regression,
        Target = "y",
        Features =
        [
            new FeatureDefinition { Name = "Latitude", ObservedMin = 32.55, ObservedMax = 41.95 },
            new FeatureDefinition { Name = "Age", Min = 0, Max = 120, ObservedMin = 18, ObservedMax = 90 },
            new FeatureDefinition { Name = "Ocean", Type = FeatureKind.Categorical, ObservedValues = ["INLAND", "NEAR BAY"] },
            new FeatureDefinition { Name = "Plan", Type = FeatureKind.Categorical, Allowed = ["basic", "pro", "team"], ObservedValues = ["basic", "pro"] },
        ],
    };

    private static ValidationReport Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RecordValidator.Validate(document.RootElement, s_schema).Report;
    }

    [Fact]
    public void Validate_ValueAHairBelowTheObservedMinimum_PassesWithAWarningSayingByHowMuch()
    {
        var report = Validate("""{"Latitude": 32.54, "Age": 40, "Ocean": "INLAND", "Plan": "pro"}""");
        Assert.True(report.Passed);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(("Latitude", ObservedLimits.OutsideRange, "32.54"), (warning.Feature, warning.Type, warning.Received));
        Assert.Contains("below the lowest value training saw (32.55) by 0.01;", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InsideTheObservedRange_HasNoWarning()
    {
        var report = Validate("""{"Latitude": 32.55, "Age": 90, "Ocean": "NEAR BAY", "Plan": "basic"}""");
        Assert.True(report.Passed);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Validate_OutsideObservedButInsideDeclared_WarnsAndOutsideDeclared_Refuses()
    {
        var soft = Validate("""{"Latitude": 35, "Age": 95, "Ocean": "INLAND", "Plan": "pro"}""");
        Assert.True(soft.Passed);
        Assert.Contains("above the highest value training saw (90) by 5;", Assert.Single(soft.Warnings).Message, StringComparison.Ordinal);

        var hard = Validate("""{"Latitude": 35, "Age": 121, "Ocean": "INLAND", "Plan": "pro"}""");
        Assert.False(hard.Passed);
        Assert.Equal(("Age", "range"), (Assert.Single(hard.Errors).Feature, hard.Errors[0].Type));
        // A value that breaks a declared rule is an error only, not also a warning.
        Assert.Empty(hard.Warnings);
    }

    [Fact]
    public void Validate_UnseenCategoryOfAnObservedSet_WarnsAndOfADeclaredSet_Refuses()
    {
        var unseen = Validate("""{"Latitude": 35, "Age": 40, "Ocean": "ISLAND", "Plan": "team"}""");
        Assert.True(unseen.Passed);
        Assert.Equal(["Ocean", "Plan"], unseen.Warnings.Select(w => w.Feature).Order());
        Assert.All(unseen.Warnings, w => Assert.Equal(ObservedLimits.UnseenCategory, w.Type));

        var undeclared = Validate("""{"Latitude": 35, "Age": 40, "Ocean": "INLAND", "Plan": "enterprise"}""");
        Assert.False(undeclared.Passed);
        Assert.Equal(("Plan", "allowed"), (Assert.Single(undeclared.Errors).Feature, undeclared.Errors[0].Type));
    }

    [Fact]
    public void ValidateTable_SoftFindingsAreWarningsWithRowsAndHardOnesAreErrors()
    {
        var table = new Table(
        [
            new NumericColumn("Latitude", [32.54, 35, 42.0]),
            new NumericColumn("Age", [40, 130, 40]),
            new TextColumn("Ocean", ["INLAND", "ISLAND", "INLAND"]),
            new TextColumn("Plan", ["pro", "pro", "gold"]),
            new NumericColumn("y", [1, 2, 3]),
        ]);
        var report = DatasetValidator.Validate(table, s_schema);
        Assert.Equal([2, 3], report.RowsWithErrors());
        Assert.Equal([("Age", "range", 1), ("Plan", "allowed", 1)], report.Summary());
        Assert.Equal([("Latitude", ObservedLimits.OutsideRange, 2), ("Ocean", ObservedLimits.UnseenCategory, 1)], report.WarningSummary());
        Assert.Equal([1, 3], report.Warnings.Where(w => w.Feature == "Latitude").Select(w => w.Row!.Value));
    }

    [Fact]
    public void Parse_ObservedKeys_RoundTripThroughTheWriterAndAreCheckedLikeDeclaredOnes()
    {
        var config = ProjectFile.Parse(Yaml("    observed_min: 1.5\n    observed_max: 9\n", "    observed_values: [a, b]\n"), "sextant.yaml");
        var text = ProjectWriter.ToYaml(config);
        var back = ProjectFile.Parse(text, "sextant.yaml");
        Assert.Equal((1.5, 9.0), (back.Features[0].ObservedMin!.Value, back.Features[0].ObservedMax!.Value));
        Assert.Null(back.Features[0].Min);
        Assert.Equal(["a", "b"], back.Features[1].ObservedValues!);
        Assert.Null(back.Features[1].Allowed);

        var bad = Assert.Throws<ConfigException>(() => ProjectFile.Parse(Yaml("    observed_min: 9\n    observed_max: 1\n    observed_values: [a]\n", "    observed_min: 0\n"), "sextant.yaml"));
        Assert.Contains(bad.Problems, p => p.Message.Contains("observed_min 9 is greater than observed_max 1", StringComparison.Ordinal));
        Assert.Contains(bad.Problems, p => p.Message.Contains("'observed_values' applies to categorical features only", StringComparison.Ordinal));
        Assert.Contains(bad.Problems, p => p.Message.Contains("'observed_min'/'observed_max' apply to numeric features only", StringComparison.Ordinal));
    }

    [Fact]
    public void Notices_FileFromAnOlderInitWithHardExtremes_GetsOneHintAndNewerOrHandWrittenFilesNone()
    {
        var old = "# Inferred from train.csv: review types, ranges and allowed values before training.\n" + Yaml("    min: 1\n    max: 9\n", "    allowed: [a, b]\n");
        var notice = Assert.Single(ProjectFile.Notices(old, ProjectFile.Parse(old, "sextant.yaml")));
        Assert.Contains("older 'sextant init'", notice, StringComparison.Ordinal);
        Assert.Contains("2 feature(s)", notice, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', notice);

        var handWritten = Yaml("    min: 1\n    max: 9\n", "");
        Assert.Empty(ProjectFile.Notices(handWritten, ProjectFile.Parse(handWritten, "sextant.yaml")));
        var newer = "# Inferred from train.csv: review types and limits before training.\n" + Yaml("    min: 0\n    observed_min: 1\n", "");
        Assert.Empty(ProjectFile.Notices(newer, ProjectFile.Parse(newer, "sextant.yaml")));
    }

    // A two-feature project; the keys arrive as lines indented under each feature ("    key: value\n").
    private static string Yaml(string numericKeys, string categoricalKeys) =>
        "name: t\ntask: regression\ndata:\n  path: d.csv\ntarget: y\nfeatures:\n"
        + "  - name: x\n    type: numeric\n" + numericKeys
        + "  - name: c\n    type: categorical\n" + categoricalKeys;
}
