namespace Sextant.Monitoring.Drift;

/// <summary>Computes a <see cref="ReferenceProfile"/> from columnar training data.</summary>
public static class ReferenceProfiler
{
    /// <summary>Profiles the features and, when given, the predictions and the target of the same rows.</summary>
    /// <param name="features">The feature columns, all of one length, with distinct names.</param>
    /// <param name="prediction">The model's predictions on those rows, or <see langword="null"/>.</param>
    /// <param name="target">The target on those rows, or <see langword="null"/>.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">The columns differ in length or repeat a name.</exception>
    public static ReferenceProfile Build(
        IReadOnlyList<DriftColumn> features, DriftColumn? prediction = null, DriftColumn? target = null, ReferenceProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= new ReferenceProfileOptions();
        options.Validate();
        var rows = features.Count > 0 ? features[0].Length : prediction?.Length ?? target?.Length ?? 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in features.Append(prediction).Append(target).OfType<DriftColumn>())
        {
            if (column.Length != rows)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows; expected {rows}.", nameof(features));
            }
        }

        foreach (var column in features)
        {
            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Feature '{column.Name}' appears twice.", nameof(features));
            }
        }

        var selected = SampleRows(rows, options.MaxRows, options.Seed);
        var profiles = new FeatureProfile[features.Count];
        Parallel.For(0, features.Count, i => profiles[i] = Profile(features[i], selected, options, i));
        return new ReferenceProfile
        {
            SourceRows = rows,
            Rows = selected?.Length ?? rows,
            Seed = options.Seed,
            Features = profiles,
            Prediction = prediction is null ? null : Profile(prediction, selected, options, features.Count),
            Target = target is null ? null : Profile(target, selected, options, features.Count + 1),
        };
    }

    /// <summary>The quantile of sorted values with linear interpolation between order statistics (numpy's default).</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var position = (sorted.Length - 1) * q;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>The number of values &lt;= x in a sorted span.</summary>
    internal static int CountAtMost(ReadOnlySpan<double> sorted, double x)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (sorted[mid] <= x)
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

    /// <summary>Rows per bin of <paramref name="edges"/> (right-closed, open outer bins) for sorted values.</summary>
    internal static long[] CountBins(ReadOnlySpan<double> sorted, ReadOnlySpan<double> edges)
    {
        var counts = new long[edges.Length + 1];
        var previous = 0;
        for (var i = 0; i < edges.Length; i++)
        {
            var atMost = CountAtMost(sorted, edges[i]);
            counts[i] = atMost - previous;
            previous = atMost;
        }

        counts[edges.Length] = sorted.Length - previous;
        return counts;
    }

    private static int[]? SampleRows(int rows, int maxRows, int seed)
    {
        if (rows <= maxRows)
        {
            return null;
        }

        var order = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed);
        for (var i = 0; i < maxRows; i++)
        {
            var j = random.Next(i, rows);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var chosen = order[..maxRows];
        Array.Sort(chosen);
        return chosen;
    }

    private static FeatureProfile Profile(DriftColumn column, int[]? rows, ReferenceProfileOptions options, int index) =>
        column.Kind == DriftFeatureKind.Numeric
            ? ProfileNumeric(column.Name, column.Numbers!, rows, options, index)
            : ProfileCategorical(column.Name, column.Labels!, rows);

    private static FeatureProfile ProfileNumeric(string name, double[] values, int[]? rows, ReferenceProfileOptions options, int index)
    {
        var count = rows?.Length ?? values.Length;
        var present = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var v = values[rows is null ? i : rows[i]];
            if (!double.IsNaN(v))
            {
                present.Add(v);
            }
        }

        var profile = new FeatureProfile { Name = name, Kind = DriftFeatureKind.Numeric, Rows = count, Missing = count - present.Count };
        if (present.Count == 0)
        {
            return profile with
            {
                Numeric = new NumericProfile
                {
                    Mean = double.NaN, StandardDeviation = double.NaN, Min = double.NaN, Max = double.NaN, DistinctValues = 0,
                    BinEdges = [], BinCounts = [0], Sample = [],
                },
            };
        }

        var random = new Random(unchecked((options.Seed * 31) + index + 1));
        var sample = present.Count <= options.SampleSize ? [.. present] : PartialShuffle(present, options.SampleSize, random);
        var sorted = present.ToArray();
        Array.Sort(sorted);
        Array.Sort(sample);

        double sum = 0;
        foreach (var v in sorted)
        {
            sum += v;
        }

        var mean = sum / sorted.Length;
        double squares = 0;
        foreach (var v in sorted)
        {
            squares += (v - mean) * (v - mean);
        }

        var edges = new List<double>(options.Bins - 1);
        for (var b = 1; b < options.Bins; b++)
        {
            var edge = Quantile(sorted, (double)b / options.Bins);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        var (distinct, discreteValues, discreteCounts) = Discrete(sorted, options.DiscreteLimit);
        return profile with
        {
            Numeric = new NumericProfile
            {
                Mean = mean,
                StandardDeviation = Math.Sqrt(squares / sorted.Length),
                Min = sorted[0],
                Max = sorted[^1],
                DistinctValues = distinct,
                BinEdges = [.. edges],
                BinCounts = CountBins(sorted, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(edges)),
                DiscreteValues = discreteValues,
                DiscreteCounts = discreteCounts,
                Sample = sample,
            },
        };
    }

    private static (int Distinct, double[]? Values, long[]? Counts) Discrete(double[] sorted, int limit)
    {
        var values = new List<double>();
        var counts = new List<long>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                if (values.Count == limit + 1)
                {
                    return (limit + 1, null, null);
                }

                values.Add(sorted[i]);
                counts.Add(0);
            }

            counts[^1]++;
        }

        return values.Count <= limit ? (values.Count, [.. values], [.. counts]) : (values.Count, null, null);
    }

    private static double[] PartialShuffle(List<double> values, int take, Random random)
    {
        var copy = values.ToArray();
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy[..take];
    }

    private static FeatureProfile ProfileCategorical(string name, string?[] values, int[]? rows)
    {
        var count = rows?.Length ?? values.Length;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long missing = 0;
        for (var i = 0; i < count; i++)
        {
            var v = values[rows is null ? i : rows[i]];
            if (v is null)
            {
                missing++;
            }
            else
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        var categories = counts.Keys.Order(StringComparer.Ordinal).ToArray();
        return new FeatureProfile
        {
            Name = name,
            Kind = DriftFeatureKind.Categorical,
            Rows = count,
            Missing = missing,
            Categorical = new CategoricalProfile { Categories = categories, Counts = [.. categories.Select(c => counts[c])] },
        };
    }
}
