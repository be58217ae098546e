using System.Globalization;
using System.Text;

namespace Sextant.Examples;

/// <summary>Builds RFC 4180 CSV text: fields quoted when they hold the delimiter, a quote or a line break.</summary>
internal sealed class CsvBuilder
{
    private readonly StringBuilder _text = new();
    private readonly string _newLine;
    private bool _lineStarted;

    public CsvBuilder(string newLine) => _newLine = newLine;

    public CsvBuilder Add(string value)
    {
        if (_lineStarted)
        {
            _text.Append(',');
        }

        _lineStarted = true;
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            _text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            _text.Append(value);
        }

        return this;
    }

    public CsvBuilder Add(double value, string format = "0.##") => Add(value.ToString(format, CultureInfo.InvariantCulture));

    public CsvBuilder Add(int value) => Add(value.ToString(CultureInfo.InvariantCulture));

    public void EndLine()
    {
        _text.Append(_newLine);
        _lineStarted = false;
    }

    public void Line(params string[] fields)
    {
        foreach (var f in fields)
        {
            Add(f);
        }

        EndLine();
    }

    public byte[] ToBytes(Encoding encoding) => encoding.GetBytes(_text.ToString());

    /// <summary>A standard normal draw (Box-Muller), deterministic for a seeded <see cref="Random"/>.</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
