using System.Globalization;
using System.Text;

namespace Sextant.Core.Tests.Examples;

/// <summary>A parsed CSV text: the header and the records, fields as written (no trimming).</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _index = header.Select((name, i) => (name, i)).ToDictionary(pair => pair.name, pair => pair.i, StringComparer.Ordinal);
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CR LF or LF ends a record.</summary>
    public static CsvTable Parse(string text)
    {
        var records = new List<string[]>();
        var record = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                i += c == '\r' ? 1 : 0;
                record.Add(field.ToString());
                field.Clear();
                records.Add([.. record]);
                record.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(inQuotes, "The text ends inside a quoted field.");
        Assert.True(field.Length == 0 && record.Count == 0, "The last record does not end with a line break.");
        return new CsvTable(records[0], records.Skip(1).ToList());
    }

    public IEnumerable<string> Column(string name)
    {
        var i = _index[name];
        return Rows.Select(row => row[i]);
    }

    public string Get(string[] row, string name) => row[_index[name]];

    public double Number(string[] row, string name) => double.Parse(row[_index[name]], NumberStyles.Float, CultureInfo.InvariantCulture);

    public double ShareBlank(string name) => Column(name).Count(value => value.Length == 0) / (double)Rows.Count;
}
