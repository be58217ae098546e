namespace Sextant.Storage;

/// <summary>A stored dataset version; <see cref="TableName"/> is its SQL name in queries (<c>name_vN</c>).</summary>
public sealed record DatasetInfo(
    string Name,
    int Version,
    string TableName,
    string Fingerprint,
    int Rows,
    int Columns,
    string Source,
    string Encoding,
    DateTimeOffset CreatedAt)
{
    /// <summary>The Parquet file of the version, relative to the store folder (<c>datasets/&lt;fingerprint&gt;.parquet</c>).</summary>
    public string? File { get; init; }
}
