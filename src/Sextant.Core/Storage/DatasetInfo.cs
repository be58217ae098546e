namespace Sextant.Storage;

/// <summary>A stored dataset version.</summary>
public sealed record DatasetInfo(
    string Name,
    int Version,
    string TableName,
    string Fingerprint,
    int Rows,
    int Columns,
    string Source,
    string Encoding,
    DateTimeOffset CreatedAt);
