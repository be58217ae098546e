using System.Diagnostics;
using System.Globalization;

namespace Sextant.Monitoring.Drift;

/// <summary>Compares a current window with a <see cref="ReferenceProfile"/>, feature by feature, and decides dataset drift.</summary>
public static class DriftDetector
{
    /// <summary>The most distinct values of a numeric feature that is tested as categories (Evidently's 5).</summary>
    public const int FewValues = 5;

    /// <summary>Checks the current window for drift.</summary>
    /// <param name="profile">The reference.</param>
    /// <param name="current">The current window's columns; every profiled feature must be among them, with the same kind.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="prediction">The current predictions, tested against the profile's when both exist.</param>
    /// <param name="target">The current labels, tested against the profile's target when both exist.</param>
    /// <returns>The report; "not enough data" (nothing flagged) below <see cref="DriftOptions.MinimumCurrentRows"/> rows.</returns>
    /// <exception cref="SextantException">The options are invalid, or a feature is missing from the window or has another kind.</exception>
    public static DriftReport Check(
        ReferenceProfile profile, IReadOnlyList<DriftColumn> current, DriftOptions? options = null, DriftColumn? prediction = null, DriftColumn? target = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DriftOptions();
        options.Validate(profile);

        var byName = new Dictionary<string, DriftColumn>(StringComparer.Ordinal);
        foreach (var column in current)
        {
            byName[column.Name] = column;
        }

        var problems = new List<string>();
        foreach (var feature in profile.Features)
        {
            if (!byName.TryGetValue(feature.Name, out var column))
            {
                problems.Add($"'{feature.Name}' is missing from the current window");
            }
            else if (column.Kind != feature.Kind)
            {
                problems.Add($"'{feature.Name}' is {Lower(column.Kind)} in the current window but {Lower(feature.Kind)} in the reference");
            }
        }

        if (problems.Count > 0)
        {
            throw new SextantException("Cannot check drift: " + string.Join("; ", problems) + ".");
        }

        var rows = current.Count > 0 ? current.Max(c => c.Length) : 0;
        var rule = DescribeRule(options);
        if (rows < options.MinimumCurrentRows)
        {
            return new DriftReport
            {
                Status = DriftCheckStatus.NotEnoughData,
                Message = string.Create(CultureInfo.InvariantCulture, $"not enough data: {rows} current rows, at least {options.MinimumCurrentRows} needed; nothing is flagged"),
                ReferenceRows = profile.Rows,
                CurrentRows = rows,
                MinimumCurrentRows = options.MinimumCurrentRows,
                Features = [],
                DriftedFeatures = 0,
                DriftedShare = 0,
                DatasetDrift = false,
                DatasetRule = rule,
            };
        }

        var results = new FeatureDrift[profile.Features.Count];
        Parallel.For(
            0,
            results.Length,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            i => results[i] = Compare(profile.Features[i], byName[profile.Features[i].Name], options, inFamily: true));

        var corrected = options.DatasetRule == DatasetDriftRule.Corrected;
        if (corrected)
        {
            HolmAdjust(results, options.FamilyAlpha);
        }

        var tested = results.Count(r => r.Note is null);
        var drifted = results.Count(r => r.Drifted);
        var share = tested == 0 ? 0 : (double)drifted / tested;
        var dataset = tested > 0 && (corrected
            ? drifted > 0
            : (options.DatasetDriftShare is { } s && share >= s) || (options.DatasetDriftFeatures is { } n && drifted >= n));
        return new DriftReport
        {
            Status = DriftCheckStatus.Checked,
            Message = string.Create(
                CultureInfo.InvariantCulture,
                $"{(dataset ? "dataset drift" : "no dataset drift")}: {drifted} of {tested} features drifted ({share:P0}); rule: {rule}"),
            ReferenceRows = profile.Rows,
            CurrentRows = rows,
            MinimumCurrentRows = options.MinimumCurrentRows,
            Features = results,
            Prediction = prediction is not null && profile.Prediction is { } p && p.Kind == prediction.Kind ? Compare(p, prediction, options, inFamily: false) : null,
            Target = target is not null && profile.Target is { } t && t.Kind == target.Kind ? Compare(t, target, options, inFamily: false) : null,
            DriftedFeatures = drifted,
            DriftedShare = share,
            DatasetDrift = dataset,
            DatasetRule = rule,
        };
    }

    /// <summary>Evidently's default method for a feature, from the reference size and the distinct values of both sides.</summary>
    internal static DriftMethod DefaultMethod(DriftFeatureKind kind, long referenceRows, int combinedDistinct, DriftOptions options)
    {
        var small = referenceRows <= options.SmallReference;
        if (kind == DriftFeatureKind.Numeric && combinedDistinct > FewValues)
        {
            return small ? DriftMethod.Ks : DriftMethod.Wasserstein;
        }

        if (!small)
        {
            return DriftMethod.JensenShannon;
        }

        return combinedDistinct > 2 ? DriftMethod.ChiSquare : DriftMethod.ZTest;
    }

    private static FeatureDrift Compare(FeatureProfile reference, DriftColumn column, DriftOptions options, bool inFamily) =>
        reference.Kind == DriftFeatureKind.Numeric
            ? CompareNumeric(reference, column.Numbers!, options, inFamily)
            : CompareCategorical(reference, column.Labels!, options, inFamily);

    private static FeatureDrift CompareNumeric(FeatureProfile reference, double[] values, DriftOptions options, bool inFamily)
    {
        var numeric = reference.Numeric!;
        var sorted = new double[values.Length];
        var present = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                sorted[present++] = v;
            }
        }

        Array.Sort(sorted, 0, present);
        var current = sorted.AsSpan(0, present);

        double[] referenceBuckets, currentBuckets;
        var combinedDistinct = numeric.DistinctValues;
        if (numeric.DiscreteValues is { } discrete)
        {
            referenceBuckets = new double[discrete.Length + 1];
            currentBuckets = new double[discrete.Length + 1];
            long matched = 0;
            for (var k = 0; k < discrete.Length; k++)
            {
                referenceBuckets[k] = numeric.DiscreteCounts![k];
                var count = ReferenceProfiler.CountAtMost(current, discrete[k]) - CountBelow(current, discrete[k]);
                currentBuckets[k] = count;
                matched += count;
            }

            currentBuckets[^1] = present - matched;
            if (combinedDistinct <= FewValues)
            {
                combinedDistinct += NewValues(current, discrete, FewValues + 1 - combinedDistinct);
            }
        }
        else
        {
            referenceBuckets = [.. numeric.BinCounts.Select(c => (double)c)];
            currentBuckets = [.. ReferenceProfiler.CountBins(current, numeric.BinEdges).Select(c => (double)c)];
        }

        var referenceRows = reference.Rows - reference.Missing;
        var (method, threshold) = MethodFor(reference, referenceRows, combinedDistinct, options, inFamily);
        var baseline = Baseline(reference, method, threshold, present, values.Length) with
        {
            Buckets = numeric.DiscreteValues is { } known
                ? new DriftBuckets { Labels = [.. known.Select(v => v.ToString("R", CultureInfo.InvariantCulture)), DriftBuckets.OtherValues], Reference = referenceBuckets, Current = currentBuckets }
                : new DriftBuckets { Edges = numeric.BinEdges, Reference = referenceBuckets, Current = currentBuckets },
        };
        if (present < options.MinimumCurrentRows || referenceRows == 0)
        {
            return baseline with { Note = NotEnough(present, referenceRows, options) };
        }

        var result = method switch
        {
            DriftMethod.Ks => KolmogorovSmirnovTest.TwoSample(numeric.Sample, current),
            DriftMethod.Wasserstein => new TestResult(WassersteinDistance.Normed(numeric.Sample, current, numeric.StandardDeviation), double.NaN),
            _ => OnBuckets(method, referenceBuckets, currentBuckets),
        };
        return Decide(baseline, result, Divergence.PopulationStabilityIndex(referenceBuckets, currentBuckets));
    }

    private static FeatureDrift CompareCategorical(FeatureProfile reference, string?[] labels, DriftOptions options, bool inFamily)
    {
        var categorical = reference.Categorical!;
        var index = new Dictionary<string, int>(categorical.Categories.Length, StringComparer.Ordinal);
        for (var k = 0; k < categorical.Categories.Length; k++)
        {
            index[categorical.Categories[k]] = k;
        }

        var referenceBuckets = new double[categorical.Categories.Length + 1];
        for (var k = 0; k < categorical.Counts.Length; k++)
        {
            referenceBuckets[k] = categorical.Counts[k];
        }

        var currentBuckets = new double[referenceBuckets.Length];
        var unseen = new HashSet<string>(StringComparer.Ordinal);
        var present = 0;
        foreach (var label in labels)
        {
            if (label is null)
            {
                continue;
            }

            present++;
            if (index.TryGetValue(label, out var k))
            {
                currentBuckets[k]++;
            }
            else
            {
                currentBuckets[^1]++;
                if (unseen.Count <= FewValues)
                {
                    unseen.Add(label);
                }
            }
        }

        var referenceRows = reference.Rows - reference.Missing;
        var (method, threshold) = MethodFor(reference, referenceRows, categorical.Categories.Length + unseen.Count, options, inFamily);
        var baseline = Baseline(reference, method, threshold, present, labels.Length) with
        {
            UnseenShare = present == 0 ? 0 : currentBuckets[^1] / present,
            Buckets = new DriftBuckets { Labels = [.. categorical.Categories, CategoricalProfile.UnseenBucket], Reference = referenceBuckets, Current = currentBuckets },
        };
        if (present < options.MinimumCurrentRows || referenceRows == 0)
        {
            return baseline with { Note = NotEnough(present, referenceRows, options) };
        }

        return Decide(baseline, OnBuckets(method, referenceBuckets, currentBuckets), Divergence.PopulationStabilityIndex(referenceBuckets, currentBuckets));
    }

    /// <summary>
    /// Holm's step-down adjustment of the tested features' p-values: the i-th smallest of m is multiplied by m - i + 1,
    /// then made non-decreasing and capped at 1. It becomes the feature's score, and the feature drifts when it is below
    /// <paramref name="alpha"/>; the family-wise error rate is then at most alpha under any dependence between features.
    /// </summary>
    internal static void HolmAdjust(FeatureDrift[] results, double alpha)
    {
        var order = Enumerable.Range(0, results.Length)
            .Where(i => results[i].Note is null && results[i].PValue is not null)
            .OrderBy(i => results[i].PValue!.Value)
            .ThenBy(i => i)
            .ToArray();
        double running = 0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            var i = order[rank];
            var p = results[i].PValue!.Value;
            running = Math.Min(1, Math.Max(running, (order.Length - rank) * (double.IsNaN(p) ? 1 : p)));
            results[i] = results[i] with { Score = running, AdjustedPValue = running, Drifted = running < alpha };
        }
    }

    /// <summary>
    /// The method and threshold of a feature: its override, else Evidently's default. Under the corrected rule every
    /// feature of the family is tested, whatever the reference size (KS, chi-square or z, as for a small reference, on
    /// the same reference sample or counts), against the family alpha: a test keeps its false-alarm rate at every window
    /// size, where a fixed distance threshold does not.
    /// </summary>
    private static (DriftMethod Method, double Threshold) MethodFor(FeatureProfile reference, long referenceRows, int combinedDistinct, DriftOptions options, bool inFamily)
    {
        var method = options.Features.TryGetValue(reference.Name, out var o) && o.Method is { } name
            ? DriftMethods.Parse(name)
            : DefaultMethod(reference.Kind, referenceRows, combinedDistinct, options);
        if (!inFamily || options.DatasetRule != DatasetDriftRule.Corrected)
        {
            return (method, options.ThresholdFor(reference.Name, method));
        }

        Debug.Assert(method.IsTest() || o?.Method is null, "Validate refuses a distance override under the corrected rule.");
        return (method.IsTest() ? method : DefaultMethod(reference.Kind, referenceRows: 0, combinedDistinct, options), options.FamilyAlpha);
    }

    private static TestResult OnBuckets(DriftMethod method, double[] reference, double[] current)
    {
        switch (method)
        {
            case DriftMethod.ChiSquare:
                return ChiSquareTest.Homogeneity(reference, current);
            case DriftMethod.ZTest:
                // Two outcomes: the first bucket either side has, against the rest (Evidently: keys[0] against the others).
                var hit = 0;
                while (hit < reference.Length - 1 && reference[hit] + current[hit] == 0)
                {
                    hit++;
                }

                return ProportionZTest.TwoProportions(reference[hit], reference.Sum(), current[hit], current.Sum());
            case DriftMethod.JensenShannon:
                return new TestResult(Divergence.JensenShannon(reference, current), double.NaN);
            case DriftMethod.Psi:
                return new TestResult(Divergence.PopulationStabilityIndex(reference, current), double.NaN);
            case DriftMethod.KlDiv:
                return new TestResult(Divergence.KullbackLeibler(reference, current), double.NaN);
            default:
                throw new SextantException($"{method} needs a numeric feature.");
        }
    }

    private static FeatureDrift Baseline(FeatureProfile reference, DriftMethod method, double threshold, int present, int rows) => new()
    {
        Name = reference.Name,
        Kind = reference.Kind,
        Method = method,
        Score = double.NaN,
        Statistic = double.NaN,
        Threshold = threshold,
        Drifted = false,
        Psi = double.NaN,
        PsiBand = PsiBand.None,
        ReferenceRows = reference.Rows - reference.Missing,
        CurrentRows = present,
        ReferenceMissingShare = reference.MissingShare,
        CurrentMissingShare = rows == 0 ? 0 : (double)(rows - present) / rows,
    };

    private static FeatureDrift Decide(FeatureDrift baseline, TestResult result, double psi)
    {
        var test = baseline.Method.IsTest();
        var score = test ? result.PValue : result.Statistic;
        return baseline with
        {
            Score = score,
            Statistic = result.Statistic,
            PValue = test ? result.PValue : null,
            Drifted = test ? score < baseline.Threshold : score >= baseline.Threshold,
            Psi = psi,
            PsiBand = psi < 0.1 ? PsiBand.None : psi <= 0.25 ? PsiBand.Moderate : PsiBand.Major,
        };
    }

    private static string NotEnough(int present, long referenceRows, DriftOptions options) =>
        referenceRows == 0
            ? "the reference has no non-missing values"
            : string.Create(CultureInfo.InvariantCulture, $"not enough data: {present} non-missing current values, at least {options.MinimumCurrentRows} needed");

    private static int CountBelow(ReadOnlySpan<double> sorted, double x)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (sorted[mid] < x)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Distinct current values not among the reference's, counted up to <paramref name="limit"/>.</summary>
    private static int NewValues(ReadOnlySpan<double> sorted, double[] known, int limit)
    {
        var found = 0;
        for (var i = 0; i < sorted.Length && found < limit; i++)
        {
            if ((i == 0 || sorted[i] != sorted[i - 1]) && Array.BinarySearch(known, sorted[i]) < 0)
            {
                found++;
            }
        }

        return found;
    }

    private static string DescribeRule(DriftOptions options)
    {
        if (options.DatasetRule == DatasetDriftRule.Corrected)
        {
            return string.Create(CultureInfo.InvariantCulture, $"any feature with Holm-adjusted p < {options.FamilyAlpha:0.###}");
        }

        var parts = new List<string>();
        if (options.DatasetDriftShare is { } s)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"share of drifted features >= {s:0.###}"));
        }

        if (options.DatasetDriftFeatures is { } n)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $">= {n} drifted features"));
        }

        return string.Join(" or ", parts);
    }

    private static string Lower(DriftFeatureKind kind) => kind == DriftFeatureKind.Numeric ? "numeric" : "categorical";
}
