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
    public void Parse_BadTrainingChoices_AreEachReported()
    {
        const string yaml = """
            name: demo
            task: classification
            data:
              path: d.csv
            target: y
            features:
              - name: a
            training:
              interval_method: bootstrap
              calibration: sigmoid
              decision_threshold: 1.5
            """;
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(yaml, "sextant.yaml"));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'training.interval_method' must be split_conformal or cqr; found 'bootstrap'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'training.calibration' must be auto, platt, isotonic or none; found 'sigmoid'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Message.Contains("'training.decision_threshold' must be a probability between 0 and 1 (exclusive) or auto; found '1.5'", StringComparison.Ordinal));
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

    [Fact]
    public void Parse_BadSearchRanges_ReportEveryProblemWithItsLine()
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
            training:
              cv: {folds: 1}
              search: {trials: 0, method: grid}
              candidates:
                - learner: gbm
                  rounds: 100
                  search:
                    learning_rate: [0.3, 0.03, log]
                    max_leaves: [15, 63.5, int]
                    rounds: [100, 600, int]
                    depth: [2, 8, int]
                    l2: [0, 10, log]
                    min_samples_leaf: [1, 50, cubic]
                - {learner: ridge, search: {l2: [0.01]}}
                - {learner: random_forest, search: {max_features: [0.2, 1.5], learning_rate: [0.1, 0.2, log]}}
            """;
        var ex = Assert.Throws<ConfigException>(() => ProjectFile.Parse(yaml, "sextant.yaml"));
        void Has(int line, string text) => Assert.True(
            ex.Problems.Any(p => p.Line == line && p.Message.Contains(text, StringComparison.Ordinal)),
            $"no problem on line {line} containing '{text}':{Environment.NewLine}{ex.Message}");

        Has(10, "'training.cv.folds' must be at least 2");
        Has(11, "'training.search.method' must be one of random, halving; found 'grid'");
        Has(11, "'training.search.trials' must be at least 1");
        Has(16, "min 0.3 is greater than max 0.03");
        Has(17, "'max_leaves' takes whole numbers");
        Has(18, "'rounds' is both set and searched");
        Has(19, "unknown search key 'training.candidates[0].search.depth' for learner 'gbm'. Searchable: rounds, learning_rate, max_leaves, max_depth, min_samples_leaf, l2, row_subsample, feature_subsample.");
        Has(20, "a log scale needs a positive min");
        Has(21, "scale must be linear, log or int; found 'cubic'");
        Has(22, "'training.candidates[1].search.l2': search range 'l2' must be [min, max] or [min, max, scale]");
        Has(23, "values must be above 0 and at most 1; found [0.2, 1.5]");
        Has(23, "unknown search key 'training.candidates[2].search.learning_rate' for learner 'random_forest'");
        Assert.Equal(12, ex.Problems.Count);
    }

    [Fact]
    public void Writer_SearchRangesCvAndSearchSettings_RoundTrip()
    {
        var config = ExampleProjects.Create("sales", rows: 20).Config with
        {
            Training = new TrainingConfig
            {
                Cv = new CrossValidationConfig { Folds = 4 },
                Search = new SearchConfig { Trials = 7, Seed = 3, Method = SearchMethod.Halving },
                Candidates =
                [
                    new CandidateConfig { Learner = "gbm", Loss = "huber", Search = new Dictionary<string, IReadOnlyList<string>> { ["learning_rate"] = ["0.03", "0.3", "log"], ["max_leaves"] = ["15", "63", "int"] } },
                    new CandidateConfig { Learner = "ridge" },
                ],
            },
        };
        var parsed = ProjectFile.Parse(ProjectWriter.ToYaml(config), "sextant.yaml").Training;
        Assert.Equal(config.Training.Cv, parsed.Cv);
        Assert.Equal(config.Training.Search, parsed.Search);
        Assert.Equal("huber", parsed.Candidates[0].Loss);
        Assert.Equal(config.Training.Candidates[0].Search!.Keys, parsed.Candidates[0].Search!.Keys);
        Assert.Equal(config.Training.Candidates[0].Search!.Values, parsed.Candidates[0].Search!.Values);
        Assert.Null(parsed.Candidates[1].Search);
    }

    [Fact]
    public void GbmOptions_ReadWrittenAndReachTheTrainer()
    {
        var config = ExampleProjects.Create("sales", rows: 20).Config;
        var declared = new CandidateConfig
        {
            Learner = "gbm", RowSubsample = 0.8, FeatureSubsample = 0.5, MaxBins = 63, QuantisedGradients = false,
            CatSmooth = 5, MaxCatToOnehot = 8, MaxCatThreshold = 16, MinDataPerGroup = 50, CatL2 = 2.5,
        };
        string yaml = ProjectWriter.ToYaml(config with { Training = new TrainingConfig { Candidates = [declared] } });

        var parsed = ProjectFile.Parse(yaml, "sextant.yaml").Training.Candidates[0];

        Assert.Contains("max_cat_to_onehot: 8", yaml, StringComparison.Ordinal);
        Assert.Contains("quantised_gradients: false", yaml, StringComparison.Ordinal);
        Assert.Equal(declared, parsed);
        var options = Sextant.Training.Candidate.Resolve(parsed, config).Boosting!;
        Assert.Equal((0.8, 0.5, 63, false), (options.RowSubsample, options.FeatureSubsample, options.MaxBins, options.QuantisedGradients));
        Assert.Equal((5.0, 8, 16, 50, 2.5), (options.CatSmooth, options.MaxCatToOneHot, options.MaxCatThreshold, options.MinDataPerGroup, options.CatL2));
    }

    [Fact]
    public void GbmOptions_OutOfRange_IsAClearError()
    {
        var config = ExampleProjects.Create("sales", rows: 20).Config;
        var candidate = new CandidateConfig { Learner = "gbm", MinDataPerGroup = 0 };

        var ex = Assert.Throws<SextantException>(() => Sextant.Training.Candidate.Resolve(candidate, config));

        Assert.Contains("MinDataPerGroup must be at least 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("learning_rate", new[] { "0.03", "0.3", "log" }, SearchScale.Log)]
    [InlineData("max_leaves", new[] { "15", "63", "int" }, SearchScale.Int)]
    [InlineData("l2", new[] { "0", "10" }, SearchScale.Linear)]
    [InlineData("max_features", new[] { "0.2", "1" }, SearchScale.Linear)]
    public void SearchRange_DrawsStayWithinBoundsAndTakeWholeNumbersWhereNeeded(string key, string[] items, SearchScale scale)
    {
        Assert.True(SearchRange.TryParse(key, items, out var range, out var problem), problem);
        Assert.Equal(scale, range!.Scale);
        var random = new Random(1);
        var draws = Enumerable.Range(0, 500).Select(_ => range.Draw(key, random)).ToArray();
        Assert.All(draws, d => Assert.InRange(d, range.Min, range.Max));
        Assert.Equal(SearchRange.IsWholeNumber(key), draws.All(d => d == Math.Floor(d)));
        if (scale == SearchScale.Log)
        {
            // Log-uniform: about half of the draws fall below the geometric mean of the bounds.
            Assert.InRange(draws.Count(d => d < Math.Sqrt(range.Min * range.Max)), 200, 300);
        }

        if (scale == SearchScale.Int)
        {
            Assert.Equal(new[] { range.Min, range.Max }, new[] { draws.Min(), draws.Max() });
        }
    }
}
