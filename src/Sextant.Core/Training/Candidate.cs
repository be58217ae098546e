using System.Globalization;
using Sextant.Learners.GradientBoosting;
using Sextant.Learners.Linear;
using Sextant.Learners.RandomForest;
using Sextant.Projects;

namespace Sextant.Training;

/// <summary>A resolved candidate: a learner with its options.</summary>
internal sealed record Candidate(string Name, string Learner, double L2, GradientBoostingOptions? Boosting = null, RandomForestOptions? Forest = null, ElasticNetOptions? Sparse = null)
{
    /// <summary>How the candidate's preprocessing encodes categorical features: level codes for gbm's native categorical splits, else one-hot.</summary>
    public CategoricalEncoding Encoding { get; init; }

    /// <summary>For a trial of a tuning search: the drawn value of each searched option; null for a declared candidate.</summary>
    public IReadOnlyDictionary<string, double>? Sampled { get; init; }

    public static IReadOnlyList<Candidate> Resolve(ProjectConfig config)
    {
        var classification = config.Task == ProjectTask.Classification;
        var boosting = DefaultBoosting(config);
        if (config.Training.Candidates.Count == 0)
        {
            return classification
                ? [new("logistic(l2=1)", "logistic", 1), new("logistic(l2=10)", "logistic", 10), new("gbm", "gbm", boosting.L2, boosting) { Encoding = CategoricalEncoding.Codes }]
                : [new("ols", "ridge", 0), new("ridge(l2=1)", "ridge", 1), new("ridge(l2=10)", "ridge", 10), new("gbm", "gbm", boosting.L2, boosting) { Encoding = CategoricalEncoding.Codes }];
        }

        return [.. config.Training.Candidates.Select(c => Resolve(c, config, boosting))];
    }

    /// <summary>Resolves one declared candidate (its search ranges, if any, are not used here).</summary>
    public static Candidate Resolve(CandidateConfig c, ProjectConfig config) => Resolve(c, config, DefaultBoosting(config));

    private static GradientBoostingOptions DefaultBoosting(ProjectConfig config) => new()
    {
        Loss = config.Task == ProjectTask.Classification ? GradientBoostingLoss.LogLoss : GradientBoostingLoss.SquaredError,
        Seed = config.Split.Seed,
    };

    private static Candidate Resolve(CandidateConfig c, ProjectConfig config, GradientBoostingOptions boosting)
    {
        var classification = config.Task == ProjectTask.Classification;
        switch (c.Learner)
        {
            case "gbm":
                var loss = c.Loss switch
                {
                    null => boosting.Loss,
                    _ when classification => throw new SextantException("training.candidates: 'loss' is for regression; classification boosting uses log_loss."),
                    "squared_error" => GradientBoostingLoss.SquaredError,
                    "absolute_error" => GradientBoostingLoss.AbsoluteError,
                    "huber" => GradientBoostingLoss.Huber,
                    _ => throw new SextantException($"training.candidates: gbm loss '{c.Loss}' is not one of squared_error, absolute_error, huber."),
                };
                var options = boosting with
                {
                    Loss = loss,
                    Rounds = c.Rounds ?? boosting.Rounds,
                    LearningRate = c.LearningRate ?? boosting.LearningRate,
                    MaxLeaves = c.MaxLeaves ?? boosting.MaxLeaves,
                    MaxDepth = c.MaxDepth ?? boosting.MaxDepth,
                    MinSamplesLeaf = c.MinSamplesLeaf ?? boosting.MinSamplesLeaf,
                    L2 = c.L2 ?? boosting.L2,
                    RowSubsample = c.RowSubsample ?? boosting.RowSubsample,
                    FeatureSubsample = c.FeatureSubsample ?? boosting.FeatureSubsample,
                    MaxBins = c.MaxBins ?? boosting.MaxBins,
                    QuantisedGradients = c.QuantisedGradients ?? boosting.QuantisedGradients,
                    CatSmooth = c.CatSmooth ?? boosting.CatSmooth,
                    MaxCatToOneHot = c.MaxCatToOnehot ?? boosting.MaxCatToOneHot,
                    MaxCatThreshold = c.MaxCatThreshold ?? boosting.MaxCatThreshold,
                    MinDataPerGroup = c.MinDataPerGroup ?? boosting.MinDataPerGroup,
                    CatL2 = c.CatL2 ?? boosting.CatL2,
                };
                try
                {
                    options.Validate();
                }
                catch (ArgumentException ex)
                {
                    throw new SextantException($"training.candidates: gbm options are invalid: {ex.Message}", ex);
                }

                var encoding = c.Categorical switch
                {
                    null or "native" => CategoricalEncoding.Codes,
                    "onehot" => CategoricalEncoding.OneHot,
                    _ => throw new SextantException($"training.candidates: gbm categorical '{c.Categorical}' is not one of native, onehot."),
                };
                return new Candidate(c.Name ?? "gbm" + Describe(c), "gbm", options.L2, options) { Encoding = encoding };

            case "random_forest":
                return ResolveForest(c, config);

            case "lasso" or "elastic_net":
                return ResolveSparse(c, config);

            case "ridge" or "logistic":
                var expected = classification ? "logistic" : "ridge";
                if (c.Learner != expected)
                {
                    throw new SextantException($"training.candidates: learner '{c.Learner}' is not for {config.Task.ToString().ToLowerInvariant()}; use '{expected}' or 'gbm'.");
                }

                var l2 = c.L2 ?? 1.0;
                return new Candidate(c.Name ?? $"{c.Learner}(l2={l2.ToString(CultureInfo.InvariantCulture)})", c.Learner, l2);

            default:
                throw new SextantException($"training.candidates: unknown learner '{c.Learner}'; use ridge, lasso, elastic_net, logistic, gbm or random_forest.");
        }
    }

    private static Candidate ResolveSparse(CandidateConfig c, ProjectConfig config)
    {
        if (config.Task != ProjectTask.Regression)
        {
            throw new SextantException($"training.candidates: {c.Learner} is for regression; use logistic, gbm or random_forest for {config.Task.ToString().ToLowerInvariant()}.");
        }

        if (c.L2 is not null || c.Rounds is not null || c.Trees is not null || c.MaxLeaves is not null || c.Loss is not null || c.Categorical is not null)
        {
            throw new SextantException($"training.candidates: {c.Learner} takes alpha{(c.Learner == "elastic_net" ? " and l1_ratio" : "")}.");
        }

        if (c.Learner == "lasso" && c.L1Ratio is not null)
        {
            throw new SextantException("training.candidates: lasso's l1_ratio is always 1; use elastic_net to mix in L2.");
        }

        var options = new ElasticNetOptions { Alpha = c.Alpha ?? 1.0, L1Ratio = c.Learner == "lasso" ? 1.0 : c.L1Ratio ?? 0.5 };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new SextantException($"training.candidates: {c.Learner} options are invalid: {ex.Message}", ex);
        }

        return new Candidate(c.Name ?? c.Learner + Describe(c with { Alpha = options.Alpha }), c.Learner, 0, Sparse: options);
    }

    private static Candidate ResolveForest(CandidateConfig c, ProjectConfig config)
    {
        if (c.Rounds is not null || c.LearningRate is not null || c.L2 is not null || c.Loss is not null || c.Categorical is not null)
        {
            throw new SextantException("training.candidates: random_forest takes trees, max_depth, max_leaves, min_samples_leaf, max_features, bootstrap and seed; rounds, learning_rate, l2, loss and categorical are gbm options.");
        }

        RandomForestMaxFeatures? maxFeatures;
        try
        {
            maxFeatures = c.MaxFeatures is null ? null : RandomForestMaxFeatures.Parse(c.MaxFeatures);
        }
        catch (FormatException ex)
        {
            throw new SextantException($"training.candidates: {ex.Message}", ex);
        }

        var defaults = new RandomForestOptions();
        var options = defaults with
        {
            Task = config.Task == ProjectTask.Classification ? RandomForestTask.Classification : RandomForestTask.Regression,
            Trees = c.Trees ?? defaults.Trees,
            MaxDepth = c.MaxDepth ?? defaults.MaxDepth,
            MaxLeaves = c.MaxLeaves ?? defaults.MaxLeaves,
            MinSamplesLeaf = c.MinSamplesLeaf ?? defaults.MinSamplesLeaf,
            MaxFeatures = maxFeatures,
            Bootstrap = c.Bootstrap ?? defaults.Bootstrap,
            Seed = c.Seed ?? config.Split.Seed,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new SextantException($"training.candidates: random_forest options are invalid: {ex.Message}", ex);
        }

        return new Candidate(c.Name ?? "random_forest" + Describe(c), "random_forest", 0, Forest: options);
    }

    private static string Describe(CandidateConfig c)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={value}"));
            }
        }

        Add("rounds", c.Rounds);
        Add("lr", c.LearningRate);
        Add("leaves", c.MaxLeaves);
        Add("depth", c.MaxDepth);
        Add("min_leaf", c.MinSamplesLeaf);
        Add("l2", c.L2);
        Add("alpha", c.Alpha);
        Add("l1_ratio", c.L1Ratio);
        Add("loss", c.Loss);
        Add("categorical", c.Categorical);
        Add("rows", c.RowSubsample);
        Add("features", c.FeatureSubsample);
        Add("bins", c.MaxBins);
        Add("quantised", c.QuantisedGradients);
        Add("cat_smooth", c.CatSmooth);
        Add("max_cat_to_onehot", c.MaxCatToOnehot);
        Add("max_cat_threshold", c.MaxCatThreshold);
        Add("min_data_per_group", c.MinDataPerGroup);
        Add("cat_l2", c.CatL2);
        Add("trees", c.Trees);
        Add("max_features", c.MaxFeatures);
        Add("bootstrap", c.Bootstrap);
        Add("seed", c.Seed);
        return parts.Count == 0 ? "" : $"({string.Join(", ", parts)})";
    }
}
