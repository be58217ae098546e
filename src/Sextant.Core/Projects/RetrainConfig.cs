namespace Sextant.Projects;

/// <summary>
/// Retraining (<c>monitoring.retrain</c>): where fresh data comes from, which alias the challenger competes for, and when
/// an alert retrains the model without anyone asking.
/// </summary>
public sealed record RetrainConfig
{
    /// <summary>
    /// Where fresh data comes from: <c>file</c> (the CSV at <see cref="File"/>, default <c>data.path</c>), <c>query</c>
    /// (<see cref="Query"/>, SQL over the stored datasets as <c>sextant data query</c> runs it) or <c>feedback</c> (the
    /// labelled prediction log, appended to the champion's training data). <value>Default file.</value>
    /// </summary>
    public string Source { get; init; } = "file";

    /// <summary>The CSV of fresh data for <c>source: file</c>, relative to the project folder; null for <c>data.path</c>. <value>Default null.</value></summary>
    public string? File { get; init; }

    /// <summary>The SQL of <c>source: query</c>. <value>Default null.</value></summary>
    public string? Query { get; init; }

    /// <summary>The alias the challenger competes for; null for <c>monitoring.alias</c>, else <c>prod</c>. <value>Default null.</value></summary>
    public string? Alias { get; init; }

    /// <summary>Whether an alert of <see cref="Kinds"/> retrains inside <c>sextant serve</c>; false: only <c>sextant retrain</c>. <value>Default true.</value></summary>
    public bool Automatic { get; init; } = true;

    /// <summary>The alert kinds that trigger a retrain. <value>Default data_drift.</value></summary>
    public IReadOnlyList<string> Kinds { get; init; } = ["data_drift"];

    /// <summary>The least time between two automatic retrains, e.g. <c>24h</c>. <value>Default 24h.</value></summary>
    public string Cooldown { get; init; } = "24h";

    /// <summary>The fewest new rows a retrain needs (rows of the fresh data its champion was not trained on). <value>Default 1,000.</value></summary>
    public int MinNewRows { get; init; } = 1_000;

    /// <summary>The source names.</summary>
    public static readonly IReadOnlyList<string> Sources = ["file", "query", "feedback"];
}
