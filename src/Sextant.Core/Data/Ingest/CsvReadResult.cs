namespace Sextant.Data.Ingest;

/// <summary>A table read from a CSV file and how it was read.</summary>
public sealed record CsvReadResult(Table Table, DetectedEncoding Encoding, int DataRows);
