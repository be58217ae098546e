namespace Sextant.Tracking.Filters;

/// <summary>
/// A field of a run: an attribute (<see cref="Key"/> is its canonical name, e.g. <c>id</c> for <c>run_id</c>) or the
/// key of a metric, parameter or tag (case-sensitive, as recorded).
/// </summary>
public sealed record FilterField(FilterFieldKind Kind, string Key)
{
    /// <summary>The canonical text: <c>status</c>, <c>metrics.rmse</c>, <c>metrics.`val loss`</c>.</summary>
    public override string ToString()
    {
        if (Kind == FilterFieldKind.Attribute)
        {
            return Key;
        }

        var prefix = Kind switch
        {
            FilterFieldKind.Metric => "metrics",
            FilterFieldKind.Param => "params",
            _ => "tags",
        };
        var bare = Key.Length > 0 && Key.All(FilterTokenizer.IsWordPart);
        return bare ? $"{prefix}.{Key}" : $"{prefix}.`{Key.Replace("`", "``", StringComparison.Ordinal)}`";
    }
}
