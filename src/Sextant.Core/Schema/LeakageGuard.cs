using System.Globalization;
using Sextant.Data;

namespace Sextant.Schema;

/// <summary>
/// Refuses features that leak the target: the target among the features, a derived feature that reads it,
/// and a numeric feature that is a near-exact linear function of it (|correlation| above a threshold on training rows).
/// </summary>
public static class LeakageGuard
{
    /// <summary>The correlation above which a feature is refused. <value>Default 0.99.</value></summary>
    public const double CorrelationThreshold = 0.99;

    /// <summary>Problems visible from the schema alone.</summary>
    public static IReadOnlyList<ValidationIssue> CheckSchema(FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var issues = new List<ValidationIssue>();
        if (schema.Features.Any(f => f.Name == schema.Target))
        {
            issues.Add(new ValidationIssue(schema.Target, "leakage", $"the target '{schema.Target}' is listed among the features: the model would read the answer. Remove it from features."));
        }

        foreach (var derived in schema.Derived.Where(d => d.Inputs.Contains(schema.Target)))
        {
            issues.Add(new ValidationIssue(derived.Name, "leakage", $"derived feature '{derived.Name}' reads the target '{schema.Target}': it is unknown at prediction time. Remove it or derive it from features."));
        }

        foreach (var derived in schema.Derived)
        {
            foreach (var input in derived.Inputs.Where(i => i != schema.Target && schema.Find(i) is null))
            {
                issues.Add(new ValidationIssue(derived.Name, "absent_column", $"derived feature '{derived.Name}' reads '{input}', which is not a declared feature."));
            }
        }

        return issues;
    }

    /// <summary>Numeric features that correlate with the (numeric or 0/1) target beyond <paramref name="threshold"/>.</summary>
    public static IReadOnlyList<ValidationIssue> CheckData(Table train, FeatureSchema schema, ReadOnlySpan<double> target, double threshold = CorrelationThreshold)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(schema);
        var issues = new List<ValidationIssue>();
        foreach (var feature in schema.Features.Where(f => f.Type == FeatureKind.Numeric))
        {
            if (train.TryGetColumn(feature.Name, out var column) && column is NumericColumn numeric)
            {
                var r = Correlation(numeric.Values, target);
                if (Math.Abs(r) > threshold)
                {
                    issues.Add(new ValidationIssue(feature.Name, "leakage",
                        string.Create(CultureInfo.InvariantCulture, $"'{feature.Name}' is a near-exact function of the target '{schema.Target}' (correlation {r:F4} on training rows, limit {threshold}): it is probably computed from the target. Remove it, or pass --allow-leakage if it is truly known at prediction time.")));
                }
            }
        }

        return issues;
    }

    /// <summary>Pearson correlation over rows where both are present; 0 when undefined.</summary>
    internal static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double n = 0, sx = 0, sy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                n++;
                sx += x[i];
                sy += y[i];
            }
        }

        if (n < 3)
        {
            return 0;
        }

        double mx = sx / n, my = sy / n, sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                var dx = x[i] - mx;
                var dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }

        return sxx <= 0 || syy <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
