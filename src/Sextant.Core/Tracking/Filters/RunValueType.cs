namespace Sextant.Tracking.Filters;

/// <summary>How a field's values compare.</summary>
internal enum RunValueType
{
    Text,
    Number,

    /// <summary>A UTC instant; written as an ISO-8601 string literal.</summary>
    Time,
}
