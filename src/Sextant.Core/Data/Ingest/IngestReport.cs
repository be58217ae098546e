using Sextant.Data.Cleaning;

namespace Sextant.Data.Ingest;

/// <summary>What an ingest did, from the file to the stored dataset version.</summary>
public sealed record IngestReport(
    string File,
    string Encoding,
    string EncodingReason,
    int RowsRead,
    int ColumnsRead,
    IReadOnlyDictionary<string, string> ColumnTypes,
    IReadOnlyDictionary<string, int> MissingValues,
    IReadOnlyList<CleaningStep> Cleaning,
    int RowsStored,
    int ColumnsStored,
    string Dataset,
    int Version,
    string Table,
    string Fingerprint);
