namespace Sextant.Reports.Eda;

/// <summary>What a report was computed from: same dataset fingerprint and config hash, same <see cref="ReportId"/>.</summary>
public sealed record EdaManifest
{
    public required string ReportId { get; init; }

    public required string Dataset { get; init; }

    public required int DatasetVersion { get; init; }

    public required string DatasetFingerprint { get; init; }

    public required int Rows { get; init; }

    public required int Columns { get; init; }

    /// <summary>SHA-256 of the options, target, task and feature list the report used.</summary>
    public required string ConfigHash { get; init; }

    public required string SextantVersion { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Seconds the computation took.</summary>
    public double Seconds { get; init; }
}
