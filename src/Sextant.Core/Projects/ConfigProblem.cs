namespace Sextant.Projects;

/// <summary>One problem found in a configuration file, at a 1-based line and column.</summary>
public sealed record ConfigProblem(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
