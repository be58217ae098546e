using Sextant.Schema;

namespace Sextant.Training;

/// <summary>Training refused: features leak the target.</summary>
public sealed class LeakageException : SextantException
{
    public LeakageException(IReadOnlyList<ValidationIssue> issues)
        : base("Training refused by the leakage guards (the target, or something not declared, would reach the model):" + Environment.NewLine + string.Join(Environment.NewLine, issues.Select(i => $"  - {i.Feature}: {i.Message}")))
    {
        Issues = issues;
    }

    public LeakageException()
    {
        Issues = [];
    }

    public LeakageException(string message)
        : base(message)
    {
        Issues = [];
    }

    public LeakageException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Issues = [];
    }

    public IReadOnlyList<ValidationIssue> Issues { get; }
}
