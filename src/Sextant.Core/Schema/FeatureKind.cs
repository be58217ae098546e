namespace Sextant.Schema;

/// <summary>The kind of a feature.</summary>
public enum FeatureKind
{
    Numeric,
    Categorical,
    Date,
}
