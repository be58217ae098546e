using System.Globalization;

namespace Sextant.Tracking.Filters;

/// <summary>A finite number literal such as <c>300</c> or <c>-1.5e-3</c>.</summary>
public sealed record NumberLiteral(double Value) : FilterLiteral
{
    /// <summary>The canonical text: the shortest invariant form that round-trips.</summary>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}
