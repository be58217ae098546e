using Sextant.Data;

namespace Sextant.Schema;

/// <summary>Computes declared derived features, on a table (training, batch) or a single record (serving), with one definition.</summary>
public static class DerivedFeatures
{
    /// <summary>The table with one numeric column appended per derived feature.</summary>
    public static Table AddTo(Table table, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var derived in schema.Derived)
        {
            var values = new double[table.RowCount];
            if (derived.Kind == "date_part")
            {
                var source = table[derived.Inputs[0]] as DateColumn
                    ?? throw new SextantException($"derived feature '{derived.Name}': '{derived.Inputs[0]}' is not a date column.");
                for (var r = 0; r < values.Length; r++)
                {
                    values[r] = derived.ComputeDatePart(source[r]);
                }
            }
            else
            {
                var a = Numeric(table, derived, 0);
                var b = derived.Inputs.Count > 1 ? Numeric(table, derived, 1) : null;
                for (var r = 0; r < values.Length; r++)
                {
                    values[r] = derived.Compute(a[r], b?[r] ?? 0);
                }
            }

            table = table.With(new NumericColumn(derived.Name, values));
        }

        return table;
    }

    /// <summary>The value of derived feature <paramref name="derived"/> for one record.</summary>
    public static double Compute(DerivedFeature derived, FeatureRecord record, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(derived);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(schema);
        var first = IndexOf(schema, derived.Inputs[0]);
        if (derived.Kind == "date_part")
        {
            return derived.ComputeDatePart(record.Dates[first]);
        }

        var b = derived.Inputs.Count > 1 ? record.Numbers[IndexOf(schema, derived.Inputs[1])] : 0;
        return derived.Compute(record.Numbers[first], b);
    }

    private static NumericColumn Numeric(Table table, DerivedFeature derived, int input) =>
        table[derived.Inputs[input]] as NumericColumn
            ?? throw new SextantException($"derived feature '{derived.Name}': '{derived.Inputs[input]}' is not numeric.");

    private static int IndexOf(FeatureSchema schema, string name)
    {
        for (var i = 0; i < schema.Features.Count; i++)
        {
            if (schema.Features[i].Name == name)
            {
                return i;
            }
        }

        throw new SextantException($"'{name}' is not a feature of the schema.");
    }
}
