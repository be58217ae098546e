namespace Sextant.Reports.Eda;

/// <summary>What an EDA report computes and when it warns. Thresholds follow ydata-profiling's where it has one.</summary>
public sealed record EdaOptions
{
    /// <summary>Histogram bins of a numeric column (fewer when it has fewer distinct values). <value>Default 30.</value></summary>
    public int HistogramBins { get; init; } = 30;

    /// <summary>Most frequent values listed per column. <value>Default 10.</value></summary>
    public int TopValues { get; init; } = 10;

    /// <summary>IQR outlier rule: outside [Q1 - f*IQR, Q3 + f*IQR]. <value>Default 1.5, or the project's <c>cleaning.outliers.factor</c>.</value></summary>
    public double IqrFactor { get; init; } = 1.5;

    /// <summary>Text columns with more levels take no part in Cramer's V or the correlation ratio. <value>Default 50.</value></summary>
    public int MaxAssociationLevels { get; init; } = 50;

    /// <summary>Categories shown in bar charts (the most frequent). <value>Default 15.</value></summary>
    public int MaxBars { get; init; } = 15;

    /// <summary>A text column with more distinct values is flagged high cardinality. <value>Default 50 (ydata-profiling).</value></summary>
    public int HighCardinality { get; init; } = 50;

    /// <summary>Share of the most frequent value at which a column is near-constant. <value>Default 0.95.</value></summary>
    public double NearConstantShare { get; init; } = 0.95;

    /// <summary>Imbalance (1 - normalised entropy) above which a categorical column is flagged. <value>Default 0.5 (ydata-profiling).</value></summary>
    public double Imbalance { get; init; } = 0.5;

    /// <summary>|skewness| above which a numeric column is flagged heavily skewed. <value>Default 2.</value></summary>
    public double Skewness { get; init; } = 2;

    /// <summary>Missing share above which a column is flagged. <value>Default 0.2.</value></summary>
    public double MissingShare { get; init; } = 0.2;

    /// <summary>|Pearson r| between two features above which they are flagged as highly correlated. <value>Default 0.9.</value></summary>
    public double HighCorrelation { get; init; } = 0.9;

    /// <summary>Columns profiled at once; not part of the report (the numbers do not depend on it). <value>Default: the processor count.</value></summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(HistogramBins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(TopValues, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(IqrFactor);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAssociationLevels, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1);
    }
}
