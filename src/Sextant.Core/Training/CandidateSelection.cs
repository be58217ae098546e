namespace Sextant.Training;

/// <summary>Which candidates a training run compares.</summary>
public enum CandidateSelection
{
    /// <summary>The declared candidates as they are (their search ranges unused).</summary>
    Baseline,

    /// <summary>Only the trials of a search over the declared ranges.</summary>
    Tuned,

    /// <summary>The declared candidates and the trials, compared together.</summary>
    Both,
}
