using System.Security.Cryptography;
using System.Text;

namespace Sextant.Data;

/// <summary>
/// SHA-256 over a canonical form of a table: column names and types, then every value in its canonical
/// text (<see cref="Column.FormatValue"/>), missing marked distinctly. Same data, same fingerprint,
/// whatever file encoding or line endings it came from.
/// </summary>
public static class DatasetFingerprint
{
    /// <summary>The lowercase hex SHA-256 of the canonical form.</summary>
    public static string Compute(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new StringBuilder();
        foreach (var column in table.Columns)
        {
            buffer.Append(column.Name).Append('\u001f').Append(column.Type).Append('\u001e');
        }

        Flush(hash, buffer);
        for (var r = 0; r < table.RowCount; r++)
        {
            foreach (var column in table.Columns)
            {
                buffer.Append(column.FormatValue(r) ?? "\u0000").Append('\u001f');
            }

            buffer.Append('\u001e');
            if (buffer.Length > 64 * 1024)
            {
                Flush(hash, buffer);
            }
        }

        Flush(hash, buffer);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Flush(IncrementalHash hash, StringBuilder buffer)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(buffer.ToString()));
        buffer.Clear();
    }
}
