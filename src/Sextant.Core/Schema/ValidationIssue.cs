namespace Sextant.Schema;

/// <summary>
/// One problem with data or a request. <paramref name="Type"/> is the rule: <c>missing</c>, <c>type</c>,
/// <c>range</c>, <c>allowed</c>, <c>absent_column</c>, <c>leakage</c> (errors); <c>unknown_field</c>,
/// <c>outside_observed</c>, <c>unseen_category</c> (warnings).
/// </summary>
/// <param name="Feature">The feature (or column) at fault.</param>
/// <param name="Type">The rule broken.</param>
/// <param name="Message">What is wrong and what is expected.</param>
/// <param name="Received">The value received, as text; <see langword="null"/> when absent.</param>
/// <param name="Row">1-based data row for datasets and batches; <see langword="null"/> for a single record.</param>
public sealed record ValidationIssue(string Feature, string Type, string Message, string? Received = null, int? Row = null);
