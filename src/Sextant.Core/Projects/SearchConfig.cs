namespace Sextant.Projects;

/// <summary>
/// How candidates that declare <see cref="CandidateConfig.Search"/> ranges are tuned when training runs with
/// <c>--selection tuned</c> or <c>both</c>.
/// </summary>
public sealed record SearchConfig
{
    /// <summary>Trials drawn for each candidate with a search. <value>Default 20.</value></summary>
    public int Trials { get; init; } = 20;

    /// <summary>The seed of the draws: the same seed draws the same trials. <value>Default 1.</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary><c>random</c> or <c>halving</c> (successive halving). <value>Default random.</value></summary>
    public SearchMethod Method { get; init; } = SearchMethod.Random;
}
