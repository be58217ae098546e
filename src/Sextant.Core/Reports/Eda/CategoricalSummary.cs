namespace Sextant.Reports.Eda;

/// <summary>One text column as codes (first appearance order, -1 missing) with level counts.</summary>
internal sealed class CategoricalSummary
{
    private CategoricalSummary(ColumnProfile profile, int[] codes, string[] levels, long[] counts)
    {
        Profile = profile;
        Codes = codes;
        Levels = levels;
        Counts = counts;
    }

    public ColumnProfile Profile { get; }

    public int[] Codes { get; }

    public string[] Levels { get; }

    public long[] Counts { get; }

    public static CategoricalSummary Create(string name, ReadOnlySpan<string?> values, EdaOptions options, bool isTarget)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var levels = new List<string>();
        var counts = new List<long>();
        var codes = new int[values.Length];
        long missing = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v is null)
            {
                codes[i] = -1;
                missing++;
                continue;
            }

            if (!index.TryGetValue(v, out var code))
            {
                code = levels.Count;
                index.Add(v, code);
                levels.Add(v);
                counts.Add(0);
            }

            codes[i] = code;
            counts[code]++;
        }

        var present = values.Length - missing;
        var rowCount = values.Length;
        var top = Enumerable.Range(0, levels.Count)
            .OrderByDescending(c => counts[c]).ThenBy(c => levels[c], StringComparer.Ordinal)
            .Take(options.TopValues)
            .Select(c => new ValueCount(levels[c], counts[c], counts[c] / (double)rowCount))
            .ToList();
        double? imbalance = null;
        if (levels.Count > 1 && present > 0)
        {
            double entropy = 0;
            foreach (var c in counts)
            {
                var p = c / (double)present;
                entropy -= p * Math.Log(p);
            }

            imbalance = 1 - (entropy / Math.Log(levels.Count));
        }

        var profile = new ColumnProfile
        {
            Name = name,
            Type = "categorical",
            IsTarget = isTarget,
            Count = present,
            Missing = missing,
            MissingShare = values.Length == 0 ? 0 : missing / (double)values.Length,
            Distinct = levels.Count,
            TopValues = top,
            Imbalance = imbalance,
        };
        return new CategoricalSummary(profile, codes, [.. levels], [.. counts]);
    }
}
