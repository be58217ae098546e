namespace Sextant.Projects;

/// <summary>Where the data comes from and how to read it.</summary>
public sealed record DataSourceConfig
{
    /// <summary>Path of the CSV file, relative to the project folder.</summary>
    public string Path { get; init; } = "";

    /// <summary>Field delimiter. <value>Default ",".</value></summary>
    public string Delimiter { get; init; } = ",";

    /// <summary><c>auto</c> (UTF-8 when valid, else the most plausible single-byte code page) or an encoding name such as <c>ibm850</c>, <c>windows-1252</c>. <value>Default auto.</value></summary>
    public string Encoding { get; init; } = "auto";

    /// <summary>Formats tried, in order, for date columns (.NET custom formats, e.g. <c>M/d/yyyy H:mm</c>). <value>Default ISO 8601 forms.</value></summary>
    public IReadOnlyList<string> DateFormats { get; init; } = [];

    /// <summary>Exact (after trimming) field values read as missing. Only these: <c>NA</c> is a value unless listed. <value>Default: the empty field.</value></summary>
    public IReadOnlyList<string> NullTokens { get; init; } = [""];

    /// <summary>Whether leading and trailing white space is removed from every field. <value>Default true.</value></summary>
    public bool Trim { get; init; } = true;

    /// <summary>Column types forced by name (<c>numeric</c>, <c>text</c>, <c>date</c>); other columns are inferred.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();
}
