using Sextant.Examples;
using Sextant.Projects;
using Sextant.Schema;

namespace Sextant.Core.Tests.Schema;

public class SchemaInferenceTests
{
    [Fact]
    public async Task Infer_SalesFileInCodePage850_FindsDatesCategoriesRangesAndIdentifiers()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("sales.csv");
        await File.WriteAllBytesAsync(csv, SalesDataGenerator.Generate(new SalesGeneratorOptions()));
        var config = await SchemaInference.InferAsync(csv, "SALES", "sales.csv", "sales");

        Assert.Equal(ProjectTask.Regression, config.Task);
        Assert.Contains("M/d/yyyy H:mm", config.Data.DateFormats);
        var features = config.Features.ToDictionary(f => f.Name);
        Assert.Equal(FeatureKind.Date, features["ORDERDATE"].Type);
        Assert.Contains(config.Derived, d => d is { Kind: "date_part", Part: "month" } && d.Inputs[0] == "ORDERDATE");
        Assert.Equal(FeatureKind.Categorical, features["TERRITORY"].Type);
        Assert.Contains("NA", features["TERRITORY"].ObservedValues!);
        Assert.Equal(7, features["PRODUCTLINE"].ObservedValues!.Count);
        Assert.True(features["STATE"].Nullable);
        Assert.Equal(FeatureKind.Numeric, features["PRICEEACH"].Type);
        Assert.True(features["PRICEEACH"].ObservedMax <= 100);
        // What a file held is soft: init declares no hard limit that would refuse a row a hair outside it.
        Assert.All(config.Features, f => Assert.True(f.Min is null && f.Max is null && f.Allowed is null, $"{f.Name} has a hard limit."));
        Assert.Contains("CUSTOMERNAME", config.Cleaning.DropColumns.Concat(features.Keys));
        Assert.DoesNotContain(config.Features, f => f.Name == "SALES");

        // What is inferred is a valid project file.
        var reparsed = ProjectFile.Parse(ProjectWriter.ToYaml(config), "sextant.yaml");
        Assert.Equal(config.Features.Count, reparsed.Features.Count);
        Assert.Equal(features["PRICEEACH"].ObservedMin, reparsed.Features.Single(f => f.Name == "PRICEEACH").ObservedMin);
        Assert.Equal(features["PRODUCTLINE"].ObservedValues, reparsed.Features.Single(f => f.Name == "PRODUCTLINE").ObservedValues);
    }

    [Fact]
    public async Task Infer_TargetNotInFile_ListsColumns()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("a.csv");
        await File.WriteAllTextAsync(csv, "a,b\n1,2\n3,4\n");
        var ex = await Assert.ThrowsAsync<SextantException>(() => SchemaInference.InferAsync(csv, "c", "a.csv", "a"));
        Assert.Contains("Columns: a, b", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_YesNoTarget_IsClassification()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("c.csv");
        await File.WriteAllBytesAsync(csv, ChurnDataGenerator.Generate(new ChurnGeneratorOptions()));
        var config = await SchemaInference.InferAsync(csv, "Churn", "c.csv", "c");
        Assert.Equal(ProjectTask.Classification, config.Task);
        Assert.Contains("customerID", config.Cleaning.DropColumns);
        Assert.True(config.Features.Single(f => f.Name == "TotalCharges").Nullable);
    }
}
