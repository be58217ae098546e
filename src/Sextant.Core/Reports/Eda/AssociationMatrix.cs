namespace Sextant.Reports.Eda;

/// <summary>
/// A symmetric matrix over <see cref="Columns"/> (row-major <see cref="Values"/>, null where undefined) of one measure:
/// pearson, spearman (pairwise complete rows, as pandas), or association (Cramer's V for two categorical columns,
/// the correlation ratio for categorical x numeric, |Spearman| for two numeric ones).
/// </summary>
public sealed record AssociationMatrix(string Method, IReadOnlyList<string> Columns, double?[] Values)
{
    public double? this[int row, int column] => Values[(row * Columns.Count) + column];
}
