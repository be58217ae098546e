namespace Sextant.Data.Cleaning;

/// <summary>What one cleaning rule did.</summary>
/// <param name="Rule">The rule, e.g. <c>drop_columns</c>, <c>deduplicate</c>, <c>fill</c>, <c>outliers</c>.</param>
/// <param name="RowsIn">Rows before the rule.</param>
/// <param name="RowsOut">Rows after the rule.</param>
/// <param name="Detail">What changed, in words (columns dropped, values filled per column, outliers per column and bounds).</param>
public sealed record CleaningStep(string Rule, int RowsIn, int RowsOut, string Detail);
