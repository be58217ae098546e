namespace Sextant.Schema;

/// <summary>The values of one record, indexed like <see cref="FeatureSchema.Features"/>; missing is NaN or null.</summary>
public sealed class FeatureRecord
{
    public FeatureRecord(int featureCount)
    {
        Numbers = new double[featureCount];
        Array.Fill(Numbers, double.NaN);
        Texts = new string?[featureCount];
        Dates = new DateTime?[featureCount];
    }

    /// <summary>Numeric feature values (NaN when missing or not numeric).</summary>
    public double[] Numbers { get; }

    /// <summary>Categorical feature values.</summary>
    public string?[] Texts { get; }

    /// <summary>Date feature values.</summary>
    public DateTime?[] Dates { get; }
}
