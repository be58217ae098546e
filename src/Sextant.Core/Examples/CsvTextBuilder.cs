using System.Globalization;
using System.Text;

namespace Sextant.Examples;

/// <summary>
/// Builds comma-separated text the RFC 4180 way: a field is quoted only when it holds a comma,
/// a quote or a line break, and quotes inside it are doubled.
/// </summary>
internal sealed class CsvTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly string _newLine;
    private bool _rowStarted;

    public CsvTextBuilder(string newLine)
    {
        ArgumentException.ThrowIfNullOrEmpty(newLine);
        _newLine = newLine;
    }

    public CsvTextBuilder Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_rowStarted)
        {
            _text.Append(',');
        }

        _rowStarted = true;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _text.Append(value);
        }
        else
        {
            _text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return this;
    }

    public CsvTextBuilder Field(int value) => Field(value.ToString(CultureInfo.InvariantCulture));

    public CsvTextBuilder Field(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    public CsvTextBuilder Field(double value, string format) => Field(value.ToString(format, CultureInfo.InvariantCulture));

    public CsvTextBuilder Field(decimal value, string format) => Field(value.ToString(format, CultureInfo.InvariantCulture));

    public void Row(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            Field(field);
        }

        EndRow();
    }

    public void EndRow()
    {
        _text.Append(_newLine);
        _rowStarted = false;
    }

    public override string ToString() => _text.ToString();
}
