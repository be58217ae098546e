using System.Globalization;
using System.Text.Json.Serialization;
using Sextant.Data;
using Sextant.Schema;

namespace Sextant.Training;

/// <summary>
/// The fitted preprocessing of a model: numeric inputs (features and derived features) median-imputed and standardised,
/// categorical features one-hot encoded or, for boosting's native categorical splits, as level codes (see
/// <see cref="Encoding"/>). Fitted on training rows only; applied the same way to tables and single records. The numeric
/// inputs come first, then the categorical features' columns in schema order.
/// </summary>
public sealed record Preprocessor
{
    public required IReadOnlyList<NumericInput> Numeric { get; init; }

    public required IReadOnlyList<CategoricalInput> Categorical { get; init; }

    /// <summary>Gets how categorical features are encoded.</summary>
    /// <value>Default <see cref="CategoricalEncoding.OneHot"/> (every preprocessor saved before level codes existed).</value>
    /// <remarks>Written only when not the default, so one-hot artifacts stay readable by versions without level codes.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public CategoricalEncoding Encoding { get; init; }

    /// <summary>The width of the encoded feature vector.</summary>
    public int Width => Numeric.Count + Categorical.Sum(ColumnsOf);

    /// <summary>Names of the encoded columns (<c>feature=level</c> for one-hot columns).</summary>
    public IEnumerable<string> OutputNames => Numeric.Select(n => n.Name).Concat(
        Encoding == CategoricalEncoding.Codes ? Categorical.Select(c => c.Name) : Categorical.SelectMany(c => c.Levels.Select(l => $"{c.Name}={l}")));

    /// <summary>The indices of the level-code columns (none when one-hot encoding).</summary>
    public IReadOnlyList<int> CodeColumns => Encoding == CategoricalEncoding.Codes ? [.. Enumerable.Range(Numeric.Count, Categorical.Count)] : [];

    /// <summary>The number of encoded columns of a categorical input: its levels when one-hot, else 1.</summary>
    public int ColumnsOf(CategoricalInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Encoding == CategoricalEncoding.Codes ? 1 : input.Levels.Count;
    }

    /// <summary>Fits on <paramref name="train"/> (derived features already added).</summary>
    public static Preprocessor Fit(Table train, FeatureSchema schema) => Fit(train, schema, CategoricalEncoding.OneHot);

    /// <summary>Fits on <paramref name="train"/> (derived features already added), encoding categorical features as <paramref name="encoding"/> says.</summary>
    public static Preprocessor Fit(Table train, FeatureSchema schema, CategoricalEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(schema);
        var numeric = new List<NumericInput>();
        foreach (var name in NumericNames(schema))
        {
            var values = ((NumericColumn)train[name]).Values.ToArray().Where(v => !double.IsNaN(v)).ToArray();
            var median = values.Length == 0 ? 0 : Data.Cleaning.TableCleaner.Quantile(values, 0.5);
            var imputed = ((NumericColumn)train[name]).Values.ToArray().Select(v => double.IsNaN(v) ? median : v).ToArray();
            var mean = imputed.Length == 0 ? 0 : imputed.Average();
            var variance = imputed.Length == 0 ? 0 : imputed.Sum(v => (v - mean) * (v - mean)) / imputed.Length;
            var scale = variance > 1e-24 ? Math.Sqrt(variance) : 1;
            numeric.Add(new NumericInput(name, median, mean, scale));
        }

        var categorical = schema.Features
            .Where(f => f.Type == FeatureKind.Categorical)
            .Select(f => FitCategorical(f.Name, train[f.Name]))
            .ToList();
        return new Preprocessor { Numeric = numeric, Categorical = categorical, Encoding = encoding };
    }

    /// <summary>
    /// The training mean of every encoded column: 0 for a numeric input (standardised with its training mean after
    /// imputation), the level's share of the training rows for a one-hot column.
    /// </summary>
    /// <exception cref="SextantException">The preprocessor was fitted before level frequencies were kept, or encodes level codes.</exception>
    public double[] ColumnMeans()
    {
        if (Encoding != CategoricalEncoding.OneHot)
        {
            throw new SextantException("Column means are those of one-hot columns; this preprocessing encodes level codes.");
        }

        var means = new double[Width];
        var offset = Numeric.Count;
        foreach (var input in Categorical)
        {
            var frequencies = input.Frequencies ?? throw new SextantException(
                $"The preprocessing of '{input.Name}' was saved without level frequencies; retrain the model with this version of Sextant to explain it.");
            if (frequencies.Count != input.Levels.Count)
            {
                throw new SextantException($"The preprocessing of '{input.Name}' has {frequencies.Count} level frequencies for {input.Levels.Count} levels.");
            }

            for (var k = 0; k < frequencies.Count; k++)
            {
                means[offset + k] = frequencies[k];
            }

            offset += input.Levels.Count;
        }

        return means;
    }

    /// <summary>Encodes every row of <paramref name="table"/> (derived features already added) into a row-major matrix.</summary>
    public double[] Transform(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var width = Width;
        var output = new double[table.RowCount * width];
        var offset = 0;
        foreach (var input in Numeric)
        {
            var column = ((NumericColumn)table[input.Name]).Values;
            for (var r = 0; r < column.Length; r++)
            {
                output[(r * width) + offset] = Scale(input, column[r]);
            }

            offset++;
        }

        foreach (var input in Categorical)
        {
            var column = table[input.Name];
            var index = LevelIndex(input);
            var codes = Encoding == CategoricalEncoding.Codes;
            for (var r = 0; r < table.RowCount; r++)
            {
                var found = column.FormatValue(r) is { } level && index.TryGetValue(level, out var k) ? k : -1;
                if (codes)
                {
                    output[(r * width) + offset] = found >= 0 ? found : double.NaN;
                }
                else if (found >= 0)
                {
                    output[(r * width) + offset + found] = 1;
                }
            }

            offset += ColumnsOf(input);
        }

        return output;
    }

    /// <summary>
    /// Encodes one validated record into <paramref name="destination"/>. An unseen category encodes as unknown (no one-hot
    /// column, or NaN as a level code); validation against the model's observed values warns of it.
    /// </summary>
    public void Transform(FeatureRecord record, FeatureSchema schema, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(schema);
        destination[..Width].Clear();
        var offset = 0;
        foreach (var input in Numeric)
        {
            double raw;
            var feature = IndexOf(schema, input.Name);
            if (feature >= 0)
            {
                raw = record.Numbers[feature];
            }
            else
            {
                raw = DerivedFeatures.Compute(schema.Derived.First(d => d.Name == input.Name), record, schema);
            }

            destination[offset++] = Scale(input, raw);
        }

        var codes = Encoding == CategoricalEncoding.Codes;
        foreach (var input in Categorical)
        {
            var value = record.Texts[IndexOf(schema, input.Name)];
            var k = value is null ? -1 : FindLevel(input, value);
            if (codes)
            {
                destination[offset] = k >= 0 ? k : double.NaN;
            }
            else if (k >= 0)
            {
                destination[offset + k] = 1;
            }


            offset += ColumnsOf(input);
        }
    }

    private static double Scale(NumericInput input, double value) =>
        ((double.IsNaN(value) ? input.Median : value) - input.Mean) / input.Scale;

    private static IEnumerable<string> NumericNames(FeatureSchema schema) =>
        schema.Features.Where(f => f.Type == FeatureKind.Numeric).Select(f => f.Name).Concat(schema.Derived.Select(d => d.Name));

    private static CategoricalInput FitCategorical(string name, Column column)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < column.Length; r++)
        {
            if (column.FormatValue(r) is { } level)
            {
                counts[level] = counts.GetValueOrDefault(level) + 1;
            }
        }

        var rows = Math.Max(1, column.Length);
        return new CategoricalInput(name, [.. counts.Keys], [.. counts.Values.Select(c => (double)c / rows)]);
    }

    private static Dictionary<string, int> LevelIndex(CategoricalInput input)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < input.Levels.Count; i++)
        {
            map[input.Levels[i]] = i;
        }

        return map;
    }

    private static int FindLevel(CategoricalInput input, string value)
    {
        for (var i = 0; i < input.Levels.Count; i++)
        {
            if (string.Equals(input.Levels[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOf(FeatureSchema schema, string name)
    {
        for (var i = 0; i < schema.Features.Count; i++)
        {
            if (schema.Features[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>For diagnostics.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Numeric.Count} numeric, {Categorical.Count} categorical -> {Width} columns");
}
