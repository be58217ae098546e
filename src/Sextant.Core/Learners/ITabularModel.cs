namespace Sextant.Learners;

/// <summary>
/// What every learned model offers the pipeline: a score per encoded row (a regression prediction, or the
/// probability of the positive class), one row or a row-major batch.
/// </summary>
public interface ITabularModel
{
    /// <summary>The width of an encoded row.</summary>
    int FeatureCount { get; }

    /// <summary>The score of one encoded row.</summary>
    double Score(ReadOnlySpan<double> row);

    /// <summary>The scores of a row-major <paramref name="rows"/> x <see cref="FeatureCount"/> block.</summary>
    void ScoreBatch(ReadOnlySpan<double> features, int rows, Span<double> destination);
}
