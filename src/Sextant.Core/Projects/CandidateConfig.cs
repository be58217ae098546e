namespace Sextant.Projects;

/// <summary>One learner to try, with its options.</summary>
public sealed record CandidateConfig
{
    /// <summary><c>ridge</c> (regression) or <c>logistic</c> (classification).</summary>
    public string Learner { get; init; } = "";

    /// <summary>L2 penalty on standardised features. <value>Default 1.0.</value></summary>
    public double? L2 { get; init; }

    /// <summary>A display name. <value>Default: the learner with its options.</value></summary>
    public string? Name { get; init; }
}
