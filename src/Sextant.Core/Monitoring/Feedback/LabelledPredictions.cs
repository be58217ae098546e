namespace Sextant.Monitoring.Feedback;

/// <summary>
/// The logged predictions of a window that have an actual value, columnar, oldest first: what realised performance and
/// live interval coverage are computed from.
/// </summary>
public sealed record LabelledPredictions
{
    /// <summary>Gets the model version of each row.</summary>
    public required int[] Versions { get; init; }

    /// <summary>Gets the prediction of each row (for a classifier, the probability of its first class label).</summary>
    public required double[] Predictions { get; init; }

    /// <summary>Gets the interval's lower bound of each row; NaN where none was served.</summary>
    public required double[] Lower { get; init; }

    /// <summary>Gets the interval's upper bound of each row; NaN where none was served.</summary>
    public required double[] Upper { get; init; }

    /// <summary>Gets the actual value of each row as it was sent.</summary>
    public required string[] Actuals { get; init; }

    /// <summary>Gets the number of rows.</summary>
    public int Rows => Actuals.Length;
}
