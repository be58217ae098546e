using System.Globalization;

namespace Sextant.Projects;

/// <summary>The values a tuning search draws one candidate option from: <c>[min, max]</c> or <c>[min, max, scale]</c> in <c>sextant.yaml</c>.</summary>
/// <param name="Min">The smallest value drawn.</param>
/// <param name="Max">The largest value drawn.</param>
/// <param name="Scale">How values are drawn. <value>Default <see cref="SearchScale.Linear"/>.</value></param>
public sealed record SearchRange(double Min, double Max, SearchScale Scale = SearchScale.Linear)
{
    // The options each learner can search, in the order they are listed.
    private static readonly Dictionary<string, string[]> s_keys = new(StringComparer.Ordinal)
    {
        ["gbm"] = ["rounds", "learning_rate", "max_leaves", "max_depth", "min_samples_leaf", "l2", "row_subsample", "feature_subsample"],
        ["random_forest"] = ["trees", "max_depth", "max_leaves", "min_samples_leaf", "max_features"],
        ["ridge"] = ["l2"],
        ["lasso"] = ["alpha"],
        ["elastic_net"] = ["alpha", "l1_ratio"],
        ["logistic"] = ["l2"],
    };

    // Every searchable option, once: the values it accepts (at least Lowest, above it when Exclusive, at most Highest),
    // whether it takes whole numbers, whether a candidate sets it, and the candidate with a drawn value.
    private static readonly Dictionary<string, SearchableOption> s_options = new(StringComparer.Ordinal)
    {
        ["rounds"] = new(1, false, double.PositiveInfinity, true, c => c.Rounds is not null, (c, v) => c with { Rounds = (int)v }),
        ["learning_rate"] = new(0, true, double.PositiveInfinity, false, c => c.LearningRate is not null, (c, v) => c with { LearningRate = v }),
        ["max_leaves"] = new(2, false, double.PositiveInfinity, true, c => c.MaxLeaves is not null, (c, v) => c with { MaxLeaves = (int)v }),
        ["max_depth"] = new(1, false, double.PositiveInfinity, true, c => c.MaxDepth is not null, (c, v) => c with { MaxDepth = (int)v }),
        ["min_samples_leaf"] = new(1, false, double.PositiveInfinity, true, c => c.MinSamplesLeaf is not null, (c, v) => c with { MinSamplesLeaf = (int)v }),
        ["l2"] = new(0, false, double.PositiveInfinity, false, c => c.L2 is not null, (c, v) => c with { L2 = v }),
        ["trees"] = new(1, false, double.PositiveInfinity, true, c => c.Trees is not null, (c, v) => c with { Trees = (int)v }),
        ["max_features"] = new(0, true, 1, false, c => c.MaxFeatures is not null, (c, v) => c with { MaxFeatures = v.ToString("R", CultureInfo.InvariantCulture) }),
        ["row_subsample"] = new(0, true, 1, false, c => c.RowSubsample is not null, (c, v) => c with { RowSubsample = v }),
        ["feature_subsample"] = new(0, true, 1, false, c => c.FeatureSubsample is not null, (c, v) => c with { FeatureSubsample = v }),
        ["alpha"] = new(0, false, double.PositiveInfinity, false, c => c.Alpha is not null, (c, v) => c with { Alpha = v }),
        ["l1_ratio"] = new(0, false, 1, false, c => c.L1Ratio is not null, (c, v) => c with { L1Ratio = v }),
    };

    /// <summary>The options <paramref name="learner"/> can search, in order; empty for an unknown learner.</summary>
    public static IEnumerable<string> SearchableBy(string learner) =>
        s_keys.TryGetValue(learner, out var keys) ? keys : [];

    /// <summary>Whether option <paramref name="key"/> takes whole numbers (its drawn values are rounded).</summary>
    public static bool IsWholeNumber(string key) => s_options.TryGetValue(key, out var option) && option.Whole;

    /// <summary>Whether <paramref name="candidate"/> sets option <paramref name="key"/> itself (then it cannot also be searched).</summary>
    public static bool IsSet(CandidateConfig candidate, string key) => s_options.TryGetValue(key, out var option) && option.IsSet(candidate);

    /// <summary>The candidate with option <paramref name="key"/> set to a drawn <paramref name="value"/>.</summary>
    /// <exception cref="SextantException">The option cannot be searched.</exception>
    public static CandidateConfig With(CandidateConfig candidate, string key, double value) =>
        s_options.TryGetValue(key, out var option)
            ? option.With(candidate, value)
            : throw new SextantException($"training.candidates: '{key}' cannot be searched.");

    /// <summary>Reads <c>[min, max]</c> or <c>[min, max, linear|log|int]</c> for option <paramref name="key"/>.</summary>
    /// <param name="key">The option, for messages and to know whether it takes whole numbers.</param>
    /// <param name="items">The list as written.</param>
    /// <param name="range">The range, when the list is valid.</param>
    /// <param name="problem">Why the list is not a valid range, when it is not.</param>
    /// <returns>Whether the list is a valid range.</returns>
    public static bool TryParse(string key, IReadOnlyList<string> items, out SearchRange? range, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(items);
        range = null;
        problem = null;
        if (items.Count is < 2 or > 3)
        {
            problem = $"search range '{key}' must be [min, max] or [min, max, scale] with scale linear, log or int; found {items.Count} value(s).";
            return false;
        }

        if (!double.TryParse(items[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var min) || !double.IsFinite(min)
            || !double.TryParse(items[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var max) || !double.IsFinite(max))
        {
            problem = $"search range '{key}': min and max must be numbers; found '{items[0]}' and '{items[1]}'.";
            return false;
        }

        SearchScale? scale = items.Count == 2 ? SearchScale.Linear : items[2] switch
        {
            "linear" => SearchScale.Linear,
            "log" => SearchScale.Log,
            "int" => SearchScale.Int,
            _ => null,
        };
        if (scale is null)
        {
            problem = $"search range '{key}': scale must be linear, log or int; found '{items[2]}'.";
            return false;
        }

        var whole = IsWholeNumber(key);
        if (min > max)
        {
            problem = $"search range '{key}': min {Format(min)} is greater than max {Format(max)}.";
        }
        else if (scale == SearchScale.Log && min <= 0)
        {
            problem = $"search range '{key}': a log scale needs a positive min; found {Format(min)}.";
        }
        else if (scale == SearchScale.Int && !whole)
        {
            problem = $"search range '{key}': '{key}' is not a whole-number option; use linear or log.";
        }
        else if ((whole || scale == SearchScale.Int) && (min != Math.Floor(min) || max != Math.Floor(max)))
        {
            problem = $"search range '{key}': '{key}' takes whole numbers; found [{Format(min)}, {Format(max)}].";
        }

        else if (s_options.TryGetValue(key, out var b) && (min < b.Lowest || (b.Exclusive && min == b.Lowest) || max > b.Highest))
        {
            var allowed = (b.Exclusive ? "above " : "at least ") + Format(b.Lowest) + (double.IsPositiveInfinity(b.Highest) ? "" : $" and at most {Format(b.Highest)}");
            problem = $"search range '{key}': values must be {allowed}; found [{Format(min)}, {Format(max)}].";
        }

        if (problem is not null)
        {
            return false;
        }

        range = new SearchRange(min, max, scale.Value);
        return true;
    }

    /// <summary>Draws one value: whole-number options rounded to a whole number, others to three significant digits, within the bounds.</summary>
    public double Draw(string key, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u = random.NextDouble();
        var value = Scale switch
        {
            SearchScale.Log => Math.Exp(Math.Log(Min) + (u * (Math.Log(Max) - Math.Log(Min)))),
            SearchScale.Int => Min + Math.Floor(u * (Max - Min + 1)),
            _ => Min + (u * (Max - Min)),
        };
        if (IsWholeNumber(key) || Scale == SearchScale.Int)
        {
            return Math.Clamp(Math.Round(value), Min, Max);
        }

        // Three significant digits: trial names show the exact value used, and nothing finer matters to a learner.
        var digits = value == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15);
        return Math.Clamp(Math.Round(value, digits), Min, Max);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>One searchable option: its bounds, whether it is a whole number, and how a candidate reads and sets it.</summary>
internal sealed record SearchableOption(
    double Lowest, bool Exclusive, double Highest, bool Whole, Func<CandidateConfig, bool> IsSet, Func<CandidateConfig, double, CandidateConfig> With);
