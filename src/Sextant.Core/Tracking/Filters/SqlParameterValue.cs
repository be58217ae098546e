namespace Sextant.Tracking.Filters;

/// <summary>
/// A parameter of translated SQL: <paramref name="Name"/> as it appears in the SQL (<c>@p0</c>) and its value, a
/// <see cref="double"/> or a <see cref="string"/>.
/// </summary>
public readonly record struct SqlParameterValue(string Name, object Value);
