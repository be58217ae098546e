namespace Sextant.Tracking.Filters;

/// <summary>A value in a filter: a <see cref="NumberLiteral"/> or a <see cref="StringLiteral"/>.</summary>
public abstract record FilterLiteral;
