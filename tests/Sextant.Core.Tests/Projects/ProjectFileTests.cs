using Sextant.Examples;
using Sextant.Projects;

namespace Sextant.Core.Tests.Projects;

public class ProjectFileTests
{
    [Fact]
    public void Parse_UnknownKeysAndWrongTypes_ReportsEveryProblemWithLines()
    {
        const string yaml = """
            name: demo
            task: regression
            data:
              path: data.csv
              encodng: auto
            target: y
            features:
              - name: x
                type: numeric
                min: low
            split:
              test_fraction: 1.5
              seed: many
            """;
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(yaml, "sextant.yaml"));
        Assert.Contains(ex.Problems, p => p.Line == 5 && p.Message.Contains("unknown key 'data.encodng'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Line == 10 && p.Message.Contains("'features[0].min' must be a number", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Line == 13 && p.Message.Contains("'split.seed' must be a whole number", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("test_fraction", StringComparison.Ordinal));
        Assert.Contains("sextant.yaml:line 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsLine()
    {
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse("name: [unclosed\ntask: x", "sextant.yaml"));
        Assert.Single(ex.Problems);
        Assert.Contains("not valid YAML", ex.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SemanticProblems_AreListedTogether()
    {
        const string yaml = """
            name: demo
            task: classification
            data:
              path: d.csv
            target: y
            features:
              - name: a
                type: numeric
                min: 5
                max: 1
              - name: a
                type: text
            derived:
              - name: r
                kind: ratio
                inputs: [a]
            """;
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(yaml, "sextant.yaml"));
        Assert.Contains(ex.Problems, p => p.Message.Contains("min 5 is greater than max 1", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("declared twice", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("must be one of numeric, categorical, date; found 'text'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("takes 2 input(s)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sales")]
    [InlineData("housing")]
    [InlineData("churn")]
    [InlineData("produce")]
    public void Examples_RoundTripThroughWriterAndParser(string name)
    {
        var example = ExampleProjects.Create(name, rows: 50);
        var yaml = ProjectWriter.ToYaml(example.Config, example.Description);
        var parsed = ProjectFile.Parse(yaml, "sextant.yaml");
        Assert.Equal(example.Config.Name, parsed.Name);
        Assert.Equal(example.Config.Target, parsed.Target);
        Assert.Equal(example.Config.Features.Select(f => (f.Name, f.Type, f.Min, f.Max, f.Nullable)), parsed.Features.Select(f => (f.Name, f.Type, f.Min, f.Max, f.Nullable)));
        Assert.Equal(example.Config.Features.Select(f => f.Allowed), parsed.Features.Select(f => f.Allowed));
        Assert.Equal(example.Config.Data.DateFormats, parsed.Data.DateFormats);
        Assert.Equal(example.Config.Cleaning.DropColumns, parsed.Cleaning.DropColumns);
        Assert.Equal(example.Config.Cleaning.Outliers?.Columns, parsed.Cleaning.Outliers?.Columns);
    }

    [Fact]
    public void Writer_CandidatesWithEveryOption_RoundTrip()
    {
        var config = ExampleProjects.Create("sales", rows: 20).Config with
        {
            Training = new TrainingConfig
            {
                PrimaryMetric = "mae",
                Candidates =
                [
                    new CandidateConfig { Learner = "ridge", L2 = 3.5, Name = "my ridge" },
                    new CandidateConfig { Learner = "gbm", Rounds = 300, LearningRate = 0.05, MaxLeaves = 15, MaxDepth = 6, MinSamplesLeaf = 10, L2 = 2, Loss = "huber" },
                    new CandidateConfig { Learner = "random_forest", Trees = 250, MaxDepth = 12, MaxLeaves = 400, MinSamplesLeaf = 3, MaxFeatures = "sqrt", Bootstrap = false, Seed = 7 },
                    new CandidateConfig { Learner = "random_forest", MaxFeatures = "0.5" },
                ],
            },
        };
        var parsed = ProjectFile.Parse(ProjectWriter.ToYaml(config), "sextant.yaml");
        Assert.Equal(config.Training.Candidates, parsed.Training.Candidates);
        Assert.Equal("mae", parsed.Training.PrimaryMetric);
    }

    [Fact]
    public void Parse_StratifyOnRegressionOrTimeSplit_IsRefused()
    {
        const string yaml = """
            name: demo
            task: regression
            data:
              path: d.csv
            target: y
            features:
              - name: a
                type: numeric
            split:
              stratify: true
            """;
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(yaml, "sextant.yaml"));
        Assert.Contains(ex.Problems, p => p.Line == 10 && p.Message.Contains("classification only", StringComparison.Ordinal));
    }

    [Fact]
    public void Writer_StratifyOff_RoundTrips()
    {
        var config = ExampleProjects.Create("churn", rows: 20).Config;
        config = config with { Split = config.Split with { Stratify = false } };
        Assert.False(ProjectFile.Parse(ProjectWriter.ToYaml(config), "sextant.yaml").Split.Stratify);
    }
}
