namespace Sextant.Tracking.Filters;

/// <summary>One key of a run ordering: a field, ascending unless <paramref name="Descending"/>.</summary>
public sealed record RunOrderTerm(FilterField Field, bool Descending)
{
    /// <summary>The canonical text, e.g. <c>metrics.rmse ASC</c>.</summary>
    public override string ToString() => $"{Field} {(Descending ? "DESC" : "ASC")}";
}
