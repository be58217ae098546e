using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sextant.Data;
using Sextant.Projects;
using Sextant.Schema;
using Sextant.Storage;

namespace Sextant.Reports.Eda;

/// <summary>
/// Computes an <see cref="EdaReport"/> from a table in two passes per column (moments, then one sort that gives
/// quantiles, distinct values, histogram and ranks), columns in parallel; pairs as dot products of normalised columns.
/// </summary>
public static class EdaAnalyzer
{
    /// <summary>The report format; part of the report id.</summary>
    public const string FormatVersion = "eda/1";

    private const int ScatterSample = 2_000;

    /// <summary>Analyses <paramref name="table"/>.</summary>
    public static EdaReport Analyze(Table table, EdaInput input, EdaOptions? options = null, TimeProvider? time = null, IProgress<EdaProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(input);
        options ??= new EdaOptions();
        options.Validate();
        var watch = Stopwatch.StartNew();
        var schema = input.Schema;
        var target = schema is not null && table.Contains(schema.Target) ? schema.Target : null;
        var columns = table.Columns;
        var numeric = new NumericSummary?[columns.Count];
        var categorical = new CategoricalSummary?[columns.Count];
        var profiles = new ColumnProfile[columns.Count];
        var done = 0;
        var gate = new Lock();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, columns.Count, parallel, c =>
        {
            var isTarget = columns[c].Name == target;
            switch (columns[c])
            {
                case NumericColumn n:
                    numeric[c] = NumericSummary.Create(n.Name, n.Values, options, isTarget);
                    profiles[c] = numeric[c]!.Profile;
                    break;
                case TextColumn t:
                    categorical[c] = CategoricalSummary.Create(t.Name, t.Values, options, isTarget);
                    profiles[c] = categorical[c]!.Profile;
                    break;
                case DateColumn d:
                    profiles[c] = DateProfile(d, options, isTarget);
                    break;
            }

            lock (gate)
            {
                progress?.Report(new EdaProgress("columns", ++done, columns.Count));
            }
        });

        var (y, positive) = TargetValues(table, schema, target, categorical, columns);
        var duplicates = DuplicateRows(table, categorical);
        progress?.Report(new EdaProgress("pairs", 0, 1));
        var associations = Pairs(table, numeric, categorical, options, parallel);
        progress?.Report(new EdaProgress("pairs", 1, 1));
        var relations = new List<TargetRelation>();
        var dates = new List<DateBreakdown>();
        for (var c = 0; c < columns.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (columns[c] is DateColumn date)
            {
                dates.Add(Dates(date, y));
            }
            else if (y is not null && columns[c].Name != target)
            {
                relations.Add(Relation(columns[c], numeric[c], categorical[c], y, schema!.Task, options));
            }
        }

        progress?.Report(new EdaProgress("target", 1, 1));
        var warnings = Warnings(profiles, duplicates, table.RowCount, associations, options, target);
        if (schema is not null)
        {
            warnings.AddRange(LeakageGuard.CheckSchema(schema).Select(i => new EdaWarning(i.Feature, i.Type, i.Message)));
            if (y is not null)
            {
                warnings.AddRange(LeakageGuard.CheckData(table, schema, y).Select(i => new EdaWarning(i.Feature, i.Type, i.Message)));
            }
        }

        var configHash = ConfigHash(options, schema, table);
        var manifest = new EdaManifest
        {
            ReportId = ReportId(input.Fingerprint, configHash),
            Dataset = input.Dataset,
            DatasetVersion = input.Version,
            DatasetFingerprint = input.Fingerprint,
            Rows = table.RowCount,
            Columns = table.ColumnCount,
            ConfigHash = configHash,
            SextantVersion = SextantVersion,
            CreatedAt = (time ?? TimeProvider.System).GetUtcNow(),
            Seconds = Math.Round(watch.Elapsed.TotalSeconds, 3),
        };
        return new EdaReport
        {
            Manifest = manifest,
            Target = target,
            Task = target is null ? null : schema!.Task.ToString().ToLowerInvariant(),
            PositiveClass = positive,
            DuplicateRows = duplicates,
            Columns = profiles,
            Associations = associations,
            TargetRelations = relations,
            Dates = dates,
            Warnings = warnings,
            Options = options,
        };
    }

    /// <summary>The first 16 hex digits of SHA-256 over the format version, fingerprint and config hash.</summary>
    public static string ReportId(string fingerprint, string configHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{FormatVersion}\n{fingerprint}\n{configHash}")))[..16];

    /// <summary>The informational version of Sextant.Core.</summary>
    public static string SextantVersion =>
        typeof(EdaAnalyzer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string ConfigHash(EdaOptions options, FeatureSchema? schema, Table table)
    {
        var document = new
        {
            format = FormatVersion,
            options,
            target = schema?.Target,
            task = schema?.Task.ToString(),
            positive = schema?.PositiveClass,
            features = schema?.Features.Select(f => $"{f.Name}:{f.Type}").ToArray(),
            derived = schema?.Derived.Select(d => $"{d.Name}:{d.Kind}:{string.Join(',', d.Inputs)}").ToArray(),
            columns = table.Columns.Select(c => $"{c.Name}:{c.Type}").ToArray(),
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(document, SextantJson.Compact)));
    }

    private static ColumnProfile DateProfile(DateColumn column, EdaOptions options, bool isTarget)
    {
        var values = column.Values;
        var ticks = new long[values.Length];
        var n = 0;
        foreach (var v in values)
        {
            if (v is { } d)
            {
                ticks[n++] = d.Ticks;
            }
        }

        long missing = values.Length - n;
        Array.Sort(ticks, 0, n);
        var top = new PriorityQueue<(long Ticks, long Count), (long, long)>();
        long distinct = 0;
        for (var i = 0; i < n;)
        {
            var j = i + 1;
            while (j < n && ticks[j] == ticks[i])
            {
                j++;
            }

            distinct++;
            top.Enqueue((ticks[i], j - i), (j - i, -ticks[i]));
            if (top.Count > options.TopValues)
            {
                top.Dequeue();
            }

            i = j;
        }

        var topValues = new List<ValueCount>();
        while (top.TryDequeue(out var entry, out _))
        {
            topValues.Add(new ValueCount(new DateTime(entry.Ticks).ToString(DateColumn.CanonicalFormat, CultureInfo.InvariantCulture), entry.Count, entry.Count / (double)values.Length));
        }

        topValues.Reverse();
        DateTime? first = n == 0 ? null : new DateTime(ticks[0]);
        DateTime? last = n == 0 ? null : new DateTime(ticks[n - 1]);
        var rowCount = values.Length;
        return new ColumnProfile
        {
            Name = column.Name,
            Type = "date",
            IsTarget = isTarget,
            Count = n,
            Missing = missing,
            MissingShare = rowCount == 0 ? 0 : missing / (double)rowCount,
            Distinct = distinct,
            TopValues = topValues,
            First = first?.ToString(DateColumn.CanonicalFormat, CultureInfo.InvariantCulture),
            Last = last?.ToString(DateColumn.CanonicalFormat, CultureInfo.InvariantCulture),
        };
    }

    private static (double[]? Y, string? Positive) TargetValues(Table table, FeatureSchema? schema, string? target, CategoricalSummary?[] categorical, IReadOnlyList<Column> columns)
    {
        if (target is null || schema is null)
        {
            return (null, null);
        }

        var column = table[target];
        if (column is NumericColumn n)
        {
            return (n.Values.ToArray(), schema.Task == ProjectTask.Regression ? null : "1");
        }

        if (column is not TextColumn || schema.Task == ProjectTask.Regression)
        {
            return (null, null);
        }

        var summary = categorical[Enumerable.Range(0, columns.Count).First(i => columns[i].Name == target)]!;
        var positive = schema.PositiveClass
            ?? summary.Levels.FirstOrDefault(l => l is "Yes" or "yes" or "1" or "true" or "True")
            ?? Enumerable.Range(0, summary.Levels.Length).OrderBy(i => summary.Counts[i]).ThenBy(i => summary.Levels[i], StringComparer.Ordinal).Select(i => summary.Levels[i]).FirstOrDefault();
        var code = Array.IndexOf(summary.Levels, positive);
        var y = new double[summary.Codes.Length];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = summary.Codes[i] < 0 ? double.NaN : summary.Codes[i] == code ? 1 : 0;
        }

        return (y, positive);
    }

    /// <summary>
    /// Rows equal to an earlier row: a 64-bit hash per row (numeric bits, category codes, date ticks) sorted; equal
    /// neighbours are counted. A false duplicate needs a 64-bit collision (about n^2 / 2^65: 3e-8 at a million rows).
    /// </summary>
    private static long DuplicateRows(Table table, CategoricalSummary?[] categorical)
    {
        var hashes = new ulong[table.RowCount];
        Array.Fill(hashes, 14695981039346656037UL);
        for (var c = 0; c < table.ColumnCount; c++)
        {
            switch (table.Columns[c])
            {
                case NumericColumn n:
                    var values = n.Values;
                    for (var r = 0; r < hashes.Length; r++)
                    {
                        var v = values[r];
                        hashes[r] = Mix(hashes[r], double.IsNaN(v) ? 0x7ff8000000000001UL : (ulong)BitConverter.DoubleToInt64Bits(v == 0 ? 0 : v));
                    }

                    break;
                case TextColumn:
                    var codes = categorical[c]!.Codes;
                    for (var r = 0; r < hashes.Length; r++)
                    {
                        hashes[r] = Mix(hashes[r], (ulong)(long)codes[r]);
                    }

                    break;
                case DateColumn d:
                    var dates = d.Values;
                    for (var r = 0; r < hashes.Length; r++)
                    {
                        hashes[r] = Mix(hashes[r], dates[r] is { } t ? (ulong)t.Ticks : ulong.MaxValue);
                    }

                    break;
            }
        }

        Array.Sort(hashes);
        long duplicates = 0;
        for (var r = 1; r < hashes.Length; r++)
        {
            if (hashes[r] == hashes[r - 1])
            {
                duplicates++;
            }
        }

        return duplicates;
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        // splitmix64 finaliser of the value, folded into the running hash.
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        value ^= value >> 31;
        return (hash ^ value) * 1099511628211UL;
    }

    private static List<AssociationMatrix> Pairs(Table table, NumericSummary?[] numeric, CategoricalSummary?[] categorical, EdaOptions options, ParallelOptions parallel)
    {
        var num = Enumerable.Range(0, table.ColumnCount).Where(c => numeric[c] is not null).ToArray();
        var cat = Enumerable.Range(0, table.ColumnCount).Where(c => categorical[c] is { } s && s.Levels.Length <= options.MaxAssociationLevels && s.Levels.Length > 1).ToArray();
        var pearson = new double?[num.Length * num.Length];
        var spearman = new double?[num.Length * num.Length];
        var work = new List<(int I, int J)>();
        for (var i = 0; i < num.Length; i++)
        {
            pearson[(i * num.Length) + i] = numeric[num[i]]!.Profile.Distinct > 1 ? 1 : null;
            spearman[(i * num.Length) + i] = pearson[(i * num.Length) + i];
            for (var j = i + 1; j < num.Length; j++)
            {
                work.Add((i, j));
            }
        }

        Parallel.For(0, work.Count, parallel, k =>
        {
            var (i, j) = work[k];
            var (a, b) = (numeric[num[i]]!, numeric[num[j]]!);
            var x = ((NumericColumn)table.Columns[num[i]]).Values;
            var y = ((NumericColumn)table.Columns[num[j]]).Values;
            pearson[(i * num.Length) + j] = pearson[(j * num.Length) + i] = Associations.Pearson(a, b, x, y);
            spearman[(i * num.Length) + j] = spearman[(j * num.Length) + i] = Associations.Spearman(a, b, x, y);
        });

        var all = num.Concat(cat).OrderBy(c => c).ToArray();
        var mixed = new double?[all.Length * all.Length];
        var numIndex = num.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        Parallel.For(0, all.Length, parallel, i =>
        {
            for (var j = i; j < all.Length; j++)
            {
                int ci = all[i], cj = all[j];
                mixed[(i * all.Length) + j] = mixed[(j * all.Length) + i] = (numeric[ci], numeric[cj]) switch
                {
                    (not null, not null) => spearman[(numIndex[ci] * num.Length) + numIndex[cj]] is { } s ? Math.Abs(s) : null,
                    (null, not null) => Associations.CorrelationRatio(categorical[ci]!, ((NumericColumn)table.Columns[cj]).Values),
                    (not null, null) => Associations.CorrelationRatio(categorical[cj]!, ((NumericColumn)table.Columns[ci]).Values),
                    _ => ci == cj ? 1 : Associations.CramersV(categorical[ci]!, categorical[cj]!),
                };
            }
        });

        string[] Names(int[] indices) => [.. indices.Select(c => table.Columns[c].Name)];
        return
        [
            new AssociationMatrix("pearson", Names(num), pearson),
            new AssociationMatrix("spearman", Names(num), spearman),
            new AssociationMatrix("association", Names(all), mixed),
        ];
    }

    private static TargetRelation Relation(Column column, NumericSummary? numeric, CategoricalSummary? categorical, double[] y, ProjectTask task, EdaOptions options)
    {
        if (column is NumericColumn n && task == ProjectTask.Regression)
        {
            var present = new List<int>();
            for (var i = 0; i < y.Length; i++)
            {
                if (!double.IsNaN(n[i]) && !double.IsNaN(y[i]))
                {
                    present.Add(i);
                }
            }

            var stride = Math.Max(1, (int)Math.Ceiling(present.Count / (double)ScatterSample));
            var rows = present.Where((_, k) => k % stride == 0).ToArray();
            return new TargetRelation { Feature = column.Name, Kind = "scatter", SampleX = [.. rows.Select(r => n[r])], SampleY = [.. rows.Select(r => y[r])] };
        }

        if (column is NumericColumn numericColumn && numeric?.Profile.Histogram is { } histogram)
        {
            var bins = histogram.Counts.Length;
            var sums = new double[bins];
            var counts = new long[bins];
            var edges = histogram.Edges;
            var width = (edges[^1] - edges[0]) / bins;
            for (var i = 0; i < y.Length; i++)
            {
                var v = numericColumn[i];
                if (!double.IsNaN(v) && !double.IsNaN(y[i]))
                {
                    var b = Math.Clamp((int)((v - edges[0]) / width), 0, bins - 1);
                    sums[b] += y[i];
                    counts[b]++;
                }
            }

            return new TargetRelation
            {
                Feature = column.Name,
                Kind = "groups",
                Groups = [.. Enumerable.Range(0, bins).Select(b => Charts.ChartNumber.Format((edges[b] + edges[b + 1]) / 2))],
                GroupCounts = counts,
                GroupMeans = [.. Enumerable.Range(0, bins).Select(b => counts[b] == 0 ? double.NaN : sums[b] / counts[b])],
            };
        }

        if (categorical is not null)
        {
            var sums = new double[categorical.Levels.Length];
            var counts = new long[categorical.Levels.Length];
            for (var i = 0; i < y.Length; i++)
            {
                var g = categorical.Codes[i];
                if (g >= 0 && !double.IsNaN(y[i]))
                {
                    sums[g] += y[i];
                    counts[g]++;
                }
            }

            var shown = Enumerable.Range(0, categorical.Levels.Length)
                .OrderByDescending(g => categorical.Counts[g]).ThenBy(g => categorical.Levels[g], StringComparer.Ordinal)
                .Take(options.MaxBars).ToArray();
            return new TargetRelation
            {
                Feature = column.Name,
                Kind = "groups",
                Groups = [.. shown.Select(g => categorical.Levels[g])],
                GroupCounts = [.. shown.Select(g => counts[g])],
                GroupMeans = [.. shown.Select(g => counts[g] == 0 ? double.NaN : sums[g] / counts[g])],
            };
        }

        return new TargetRelation { Feature = column.Name, Kind = "groups" };
    }

    private static DateBreakdown Dates(DateColumn column, double[]? y)
    {
        var months = new SortedDictionary<DateTime, (long Rows, long N, double Sum, double Sum2)>();
        var quarters = new SortedDictionary<DateTime, (long Rows, long N, double Sum, double Sum2)>();
        var values = column.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } d)
            {
                continue;
            }

            var month = new DateTime(d.Year, d.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var quarter = new DateTime(d.Year, (((d.Month - 1) / 3) * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var v = y?[i] ?? double.NaN;
            Add(months, month, v);
            Add(quarters, quarter, v);
        }

        return new DateBreakdown(column.Name,
            [.. months.Select(p => Stat(p.Key.ToString("yyyy-MM", CultureInfo.InvariantCulture), p.Key, p.Value, y is not null))],
            [.. quarters.Select(p => Stat(string.Create(CultureInfo.InvariantCulture, $"{p.Key.Year}-Q{((p.Key.Month - 1) / 3) + 1}"), p.Key, p.Value, y is not null))]);

        static void Add(SortedDictionary<DateTime, (long Rows, long N, double Sum, double Sum2)> into, DateTime key, double v)
        {
            var s = into.GetValueOrDefault(key);
            s.Rows++;
            if (!double.IsNaN(v))
            {
                s.N++;
                s.Sum += v;
                s.Sum2 += v * v;
            }

            into[key] = s;
        }

        static PeriodStat Stat(string label, DateTime start, (long Rows, long N, double Sum, double Sum2) s, bool hasTarget)
        {
            var seconds = new DateTimeOffset(start).ToUnixTimeSeconds();
            if (!hasTarget || s.N == 0)
            {
                return new PeriodStat(label, seconds, s.Rows, null, null, null, null);
            }

            var mean = s.Sum / s.N;
            var variance = s.N > 1 ? Math.Max(0, (s.Sum2 - (s.N * mean * mean)) / (s.N - 1)) : 0;
            var half = 1.959963984540054 * Math.Sqrt(variance / s.N);
            return new PeriodStat(label, seconds, s.Rows, s.Sum, mean, mean - half, mean + half);
        }
    }

    private static List<EdaWarning> Warnings(ColumnProfile[] profiles, long duplicates, int rows, IReadOnlyList<AssociationMatrix> associations, EdaOptions options, string? target)
    {
        var warnings = new List<EdaWarning>();
        var inv = CultureInfo.InvariantCulture;
        if (duplicates > 0)
        {
            warnings.Add(new EdaWarning("(rows)", "duplicates", string.Create(inv, $"{duplicates:N0} row(s) ({Charts.ChartNumber.Percent(duplicates / (double)Math.Max(1, rows))}) repeat an earlier row exactly.")));
        }

        foreach (var p in profiles)
        {
            if (p.Count == 0 || p.Distinct == 1)
            {
                warnings.Add(new EdaWarning(p.Name, "constant", p.Count == 0 ? "every value is missing." : $"every present value is {p.TopValues[0].Value}: the column carries no information."));
            }
            else if (p.TopValues.Count > 0 && p.TopValues[0].Count / (double)p.Count >= options.NearConstantShare)
            {
                warnings.Add(new EdaWarning(p.Name, "near_constant", $"{Charts.ChartNumber.Percent(p.TopValues[0].Count / (double)p.Count)} of present values are {p.TopValues[0].Value}."));
            }

            if (p.Type == "categorical" && p.Distinct > options.HighCardinality)
            {
                warnings.Add(new EdaWarning(p.Name, "high_cardinality", string.Create(inv, $"{p.Distinct:N0} distinct values (more than {options.HighCardinality}): one-hot encoding would be wide; consider grouping rare levels.")));
            }

            if (p.Imbalance is { } imbalance && imbalance > options.Imbalance && p.Distinct <= options.HighCardinality)
            {
                warnings.Add(new EdaWarning(p.Name, "imbalance", string.Create(inv, $"imbalance {imbalance:F2} (1 - normalised entropy; above {options.Imbalance}): most rows are in few of the {p.Distinct} levels{(p.Name == target ? "; the target classes are imbalanced" : "")}.")));
            }

            if (p.Skewness is { } skew && Math.Abs(skew) > options.Skewness)
            {
                warnings.Add(new EdaWarning(p.Name, "skewed", string.Create(inv, $"skewness {skew:F2} (|skew| above {options.Skewness}): consider a log or rank transform for linear models.")));
            }

            if (p.MissingShare > options.MissingShare)
            {
                warnings.Add(new EdaWarning(p.Name, "high_missing", $"{Charts.ChartNumber.Percent(p.MissingShare)} of rows are missing (above {Charts.ChartNumber.Percent(options.MissingShare)})."));
            }
        }

        var pearson = associations[0];
        for (var i = 0; i < pearson.Columns.Count; i++)
        {
            for (var j = i + 1; j < pearson.Columns.Count; j++)
            {
                if (pearson[i, j] is { } r && Math.Abs(r) > options.HighCorrelation && pearson.Columns[i] != target && pearson.Columns[j] != target)
                {
                    warnings.Add(new EdaWarning(pearson.Columns[i], "high_correlation", string.Create(inv, $"Pearson r = {r:F3} with {pearson.Columns[j]} (|r| above {options.HighCorrelation}).")));
                }
            }
        }

        return warnings;
    }
}
