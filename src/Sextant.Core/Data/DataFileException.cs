namespace Sextant.Data;

/// <summary>A problem in a data file, located by file, row (1-based line of the file) and column.</summary>
public sealed class DataFileException : SextantException
{
    public DataFileException(string file, long? row, string? column, string problem)
        : base(Describe(file, row, column, problem))
    {
        File = file;
        Row = row;
        ColumnName = column;
        Problem = problem;
    }

    public DataFileException()
    {
        File = string.Empty;
        Problem = string.Empty;
    }

    public DataFileException(string message)
        : base(message)
    {
        File = string.Empty;
        Problem = message;
    }

    public DataFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Problem = message;
    }

    public string File { get; }

    public long? Row { get; }

    public string? ColumnName { get; }

    public string Problem { get; }

    private static string Describe(string file, long? row, string? column, string problem)
    {
        var where = file;
        if (row is not null)
        {
            where += $", line {row}";
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return $"{where}: {problem}";
    }
}
