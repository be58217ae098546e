using System.Globalization;

namespace Sextant.Projects;

/// <summary>The values a tuning search draws one candidate option from: <c>[min, max]</c> or <c>[min, max, scale]</c> in <c>sextant.yaml</c>.</summary>
/// <param name="Min">The smallest value drawn.</param>
/// <param name="Max">The largest value drawn.</param>
/// <param name="Scale">How values are drawn. <value>Default <see cref="SearchScale.Linear"/>.</value></param>
public sealed record SearchRange(double Min, double Max, SearchScale Scale = SearchScale.Linear)
{
    // The options each learner can search, and whether each takes whole numbers.
    private static readonly Dictionary<string, Dictionary<string, bool>> s_keys = new(StringComparer.Ordinal)
    {
        ["gbm"] = new(StringComparer.Ordinal)
        {
            ["rounds"] = true, ["learning_rate"] = false, ["max_leaves"] = true, ["max_depth"] = true, ["min_samples_leaf"] = true, ["l2"] = false,
            ["row_subsample"] = false, ["feature_subsample"] = false,
        },
        ["random_forest"] = new(StringComparer.Ordinal) { ["trees"] = true, ["max_depth"] = true, ["max_leaves"] = true, ["min_samples_leaf"] = true, ["max_features"] = false },
        ["ridge"] = new(StringComparer.Ordinal) { ["l2"] = false },
        ["lasso"] = new(StringComparer.Ordinal) { ["alpha"] = false },
        ["elastic_net"] = new(StringComparer.Ordinal) { ["alpha"] = false, ["l1_ratio"] = false },
        ["logistic"] = new(StringComparer.Ordinal) { ["l2"] = false },
    };

    // The values each option accepts: at least Lowest (above it when Exclusive) and at most Highest.
    private static readonly Dictionary<string, (double Lowest, bool Exclusive, double Highest)> s_bounds = new(StringComparer.Ordinal)
    {
        ["rounds"] = (1, false, double.PositiveInfinity),
        ["learning_rate"] = (0, true, double.PositiveInfinity),
        ["max_leaves"] = (2, false, double.PositiveInfinity),
        ["max_depth"] = (1, false, double.PositiveInfinity),
        ["min_samples_leaf"] = (1, false, double.PositiveInfinity),
        ["l2"] = (0, false, double.PositiveInfinity),
        ["trees"] = (1, false, double.PositiveInfinity),
        ["max_features"] = (0, true, 1),
        ["row_subsample"] = (0, true, 1),
        ["feature_subsample"] = (0, true, 1),
        ["alpha"] = (0, false, double.PositiveInfinity),
        ["l1_ratio"] = (0, false, 1),
    };

    /// <summary>The options <paramref name="learner"/> can search, in order; empty for an unknown learner.</summary>
    public static IEnumerable<string> SearchableBy(string learner) =>
        s_keys.TryGetValue(learner, out var keys) ? keys.Keys : [];

    /// <summary>Whether option <paramref name="key"/> takes whole numbers (its drawn values are rounded).</summary>
    public static bool IsWholeNumber(string key) => s_keys.Values.Any(k => k.TryGetValue(key, out var whole) && whole);

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

        else if (s_bounds.TryGetValue(key, out var b) && (min < b.Lowest || (b.Exclusive && min == b.Lowest) || max > b.Highest))
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
