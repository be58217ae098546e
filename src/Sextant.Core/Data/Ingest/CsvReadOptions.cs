namespace Sextant.Data.Ingest;

/// <summary>How to read a CSV file into a typed <see cref="Table"/>.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The default date formats: ISO 8601 forms.</summary>
    public static readonly IReadOnlyList<string> DefaultDateFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"];

    /// <summary>Field delimiter. <value>Default ','.</value></summary>
    public char Delimiter { get; init; } = ',';

    /// <summary><c>auto</c> or an encoding name. <value>Default auto.</value></summary>
    public string Encoding { get; init; } = "auto";

    /// <summary>Formats for date columns, tried in order. <value>Default <see cref="DefaultDateFormats"/>.</value></summary>
    public IReadOnlyList<string> DateFormats { get; init; } = DefaultDateFormats;

    /// <summary>Field values (after trimming) read as missing. <value>Default: the empty field only.</value></summary>
    public IReadOnlyList<string> NullTokens { get; init; } = [""];

    /// <summary>Trim white space around fields. <value>Default true.</value></summary>
    public bool Trim { get; init; } = true;

    /// <summary>Column types forced by name; the others are inferred (numeric, then date, then text).</summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnTypes { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>Columns that must be in the header, each with the reason it is needed (for the error message).</summary>
    public IReadOnlyDictionary<string, string> RequiredColumns { get; init; } = new Dictionary<string, string>();
}
