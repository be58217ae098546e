using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Sextant.Monitoring.Window;

/// <summary>
/// The columnar copy of a batch of logged predictions of one model version and alias, as the prediction log keeps it
/// beside its rows so that a drift check reads a million predictions as a few thousand blobs of typed arrays instead of a
/// million JSON texts. Layout (little-endian): format, rows, per row the time (UTC ticks) and the prediction, then per
/// feature its name, its kind and either the numbers (NaN missing) or the distinct labels and a code per row (-1 missing).
/// A feature whose JSON values are all numbers (or null) is numeric; any other value makes it labels (numbers as their
/// JSON text, booleans as true/false).
/// </summary>
public static class PredictionBlock
{
    /// <summary>The layout version written.</summary>
    public const int Format = 1;

    private const byte NumericKind = 0;
    private const byte LabelKind = 1;

    /// <summary>Encodes records (of one model, version and alias) in their order; features that are not a JSON object count as missing.</summary>
    public static byte[] Encode(IReadOnlyList<PredictionRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records.Count;
        var documents = new JsonDocument[rows];
        try
        {
            var names = new List<string>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var cells = new List<JsonElement?[]>();
            for (var r = 0; r < rows; r++)
            {
                documents[r] = Parse(records[r].Features);
                var root = documents[r].RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    // Only validated records are logged, so this is not expected; such a row has every feature missing.
                    continue;
                }

                foreach (var property in root.EnumerateObject())
                {
                    if (!index.TryGetValue(property.Name, out var c))
                    {
                        c = names.Count;
                        index[property.Name] = c;
                        names.Add(property.Name);
                        cells.Add(new JsonElement?[rows]);
                    }

                    cells[c][r] = property.Value;
                }
            }

            using var buffer = new MemoryStream((rows * 16) + (names.Count * rows * 8) + 64);
            using var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true);
            writer.Write(Format);
            writer.Write(rows);
            foreach (var record in records)
            {
                writer.Write(record.At.UtcTicks);
            }

            foreach (var record in records)
            {
                writer.Write(record.Prediction);
            }

            writer.Write(names.Count);
            for (var c = 0; c < names.Count; c++)
            {
                writer.Write(names[c]);
                var column = cells[c];
                if (column.All(v => v is null || v.Value.ValueKind is JsonValueKind.Number or JsonValueKind.Null))
                {
                    writer.Write(NumericKind);
                    foreach (var v in column)
                    {
                        writer.Write(v is { ValueKind: JsonValueKind.Number } n && n.TryGetDouble(out var d) ? d : double.NaN);
                    }

                    continue;
                }

                writer.Write(LabelKind);
                var labels = new List<string>();
                var codes = new Dictionary<string, int>(StringComparer.Ordinal);
                var rowCodes = new int[rows];
                for (var r = 0; r < rows; r++)
                {
                    var text = Text(column[r]);
                    if (text is null)
                    {
                        rowCodes[r] = -1;
                        continue;
                    }

                    if (!codes.TryGetValue(text, out var code))
                    {
                        code = labels.Count;
                        codes[text] = code;
                        labels.Add(text);
                    }

                    rowCodes[r] = code;
                }

                writer.Write(labels.Count);
                foreach (var label in labels)
                {
                    writer.Write(label);
                }

                writer.Write(MemoryMarshal.AsBytes(rowCodes.AsSpan()));
            }

            writer.Flush();
            return buffer.ToArray();
        }
        finally
        {
            foreach (var document in documents)
            {
                document?.Dispose();
            }
        }
    }

    /// <summary>Reads the row count and the time of every row (UTC ticks) of a block.</summary>
    internal static (int Rows, ReadOnlyMemory<byte> Times) Header(ReadOnlyMemory<byte> block)
    {
        var span = block.Span;
        var format = BinaryPrimitives.ReadInt32LittleEndian(span);
        if (format != Format)
        {
            throw new SextantException($"A prediction log block has layout {format}; this Sextant reads layout {Format}.");
        }

        var rows = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        return (rows, block.Slice(8, rows * 8));
    }

    /// <summary>Walks a block: the predictions, then each column (name, numbers or labels and codes), as slices of the block.</summary>
    internal static void Read(ReadOnlyMemory<byte> block, IBlockVisitor visitor)
    {
        var (rows, times) = Header(block);
        var offset = 8 + (rows * 8);
        visitor.Times(MemoryMarshal.Cast<byte, long>(times.Span));
        visitor.Predictions(MemoryMarshal.Cast<byte, double>(block.Span.Slice(offset, rows * 8)));
        offset += rows * 8;
        var columns = BinaryPrimitives.ReadInt32LittleEndian(block.Span[offset..]);
        offset += 4;
        for (var c = 0; c < columns; c++)
        {
            var name = ReadString(block.Span, ref offset);
            var kind = block.Span[offset++];
            if (kind == NumericKind)
            {
                visitor.Numbers(name, MemoryMarshal.Cast<byte, double>(block.Span.Slice(offset, rows * 8)));
                offset += rows * 8;
                continue;
            }

            var count = BinaryPrimitives.ReadInt32LittleEndian(block.Span[offset..]);
            offset += 4;
            var labels = new string[count];
            for (var k = 0; k < count; k++)
            {
                labels[k] = ReadString(block.Span, ref offset);
            }

            visitor.Labels(name, labels, MemoryMarshal.Cast<byte, int>(block.Span.Slice(offset, rows * 4)));
            offset += rows * 4;
        }
    }

    private static JsonDocument Parse(string features)
    {
        try
        {
            return JsonDocument.Parse(features);
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("null");
        }
    }

    private static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        { } other => other.GetRawText(),
    };

    // BinaryWriter's string: a 7-bit encoded length, then UTF-8.
    private static string ReadString(ReadOnlySpan<byte> span, ref int offset)
    {
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            b = span[offset++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        var text = Encoding.UTF8.GetString(span.Slice(offset, length));
        offset += length;
        return text;
    }

    /// <summary>Formats a number as a label the way a numeric JSON value of a categorical feature reads.</summary>
    internal static string Label(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
