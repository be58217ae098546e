namespace Sextant.Training;

/// <summary>Options of a training run.</summary>
public sealed record TrainOptions
{
    /// <summary>Train even when the data fails validation (recorded in the artifact). <value>Default false.</value></summary>
    public bool AllowInvalid { get; init; }

    /// <summary>Train even when a feature looks like a function of the target. <value>Default false.</value></summary>
    public bool AllowLeakage { get; init; }

    /// <summary>The dataset version to train on. <value>Default: the latest.</value></summary>
    public int? DatasetVersion { get; init; }

    /// <summary>
    /// Which candidates are compared: the declared ones, the trials of a search over their <c>search</c> ranges, or
    /// both. <value>Default <see cref="CandidateSelection.Baseline"/>.</value>
    /// </summary>
    public CandidateSelection Selection { get; init; } = CandidateSelection.Baseline;

    /// <summary>
    /// Trials per searched candidate, instead of <c>training.search.trials</c> (for a quick or a longer search without
    /// editing <c>sextant.yaml</c>). <value>Default: as configured.</value>
    /// </summary>
    public int? Trials { get; init; }

    /// <summary>Receives progress messages.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>The run's name. <value>Default: the candidate chosen and the start time.</value></summary>
    public string? RunName { get; init; }

    /// <summary>Tags recorded on the run.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
