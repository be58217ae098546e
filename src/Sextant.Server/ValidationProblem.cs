using Sextant.Schema;

namespace Sextant.Server;

/// <summary>One entry of the <c>errors</c> list of a 400 response.</summary>
public sealed record ValidationProblem(string Feature, string Type, string Message, string? Received, int? Index = null)
{
    public static ValidationProblem From(ValidationIssue issue, int? index = null) => new(issue.Feature, issue.Type, issue.Message, issue.Received, index);
}
