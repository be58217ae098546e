using System.Globalization;
using System.Text;

namespace Sextant.Data.Ingest;

/// <summary>
/// Chooses the encoding of a text file: a byte-order mark wins; else UTF-8 when the bytes are valid UTF-8;
/// else the single-byte code page whose decoding looks most like Western text (letters inside words,
/// not box-drawing or punctuation).
/// </summary>
public static class EncodingDetector
{
    // Code pages tried for non-UTF-8 files, in order of preference on a tie.
    private static readonly int[] s_candidates = [1252, 850, 437, 28591, 1250];

    // Letters common in Western European text: a decoding that yields these inside words is plausible.
    private const string CommonLetters = "äöüÄÖÜéèêëàáâãåæçíìîïñóòôõøúùûÿßÉÈÊÀÁÂÍÓÔÚÑÇÅØÆœŒšŠžŽ";

    static EncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Resolves an encoding by name (<c>auto</c> detects from the bytes).</summary>
    public static DetectedEncoding Resolve(string name, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Equals(name, "auto", StringComparison.OrdinalIgnoreCase) ? Detect(bytes) : Declared(name, bytes);
    }

    /// <summary>
    /// Resolves an encoding by name (<c>auto</c> detects from the content) reading <paramref name="stream"/> block by
    /// block from its start, so a file of any size is never held in memory; the same answer as
    /// <see cref="Resolve(string, ReadOnlySpan{byte})"/> on the whole content. The stream must be seekable.
    /// </summary>
    public static async Task<DetectedEncoding> ResolveAsync(string name, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[4];
        stream.Position = 0;
        var headLength = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(name, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Declared(name, head.AsSpan(0, headLength));
        }

        if (Bom(head.AsSpan(0, headLength)) is { } bom)
        {
            return new DetectedEncoding(bom.Encoding, bom.Encoding.WebName, bom.Length, "byte-order mark");
        }

        var buffer = new byte[1 << 20];
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        stream.Position = 0;
        var valid = true;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                decoder.GetCharCount(buffer, 0, read, flush: false);
            }

            decoder.GetCharCount([], 0, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            valid = false;
        }

        if (valid)
        {
            return new DetectedEncoding(new UTF8Encoding(false), "utf-8", 0, "valid UTF-8");
        }

        // Each block is scored with two bytes of the previous one in front, so every byte is scored once, with its neighbours.
        var scores = new double[s_candidates.Length];
        var window = new byte[buffer.Length + 2];
        var carried = 0;
        stream.Position = 0;
        while (true)
        {
            var read = await stream.ReadAtLeastAsync(window.AsMemory(carried, buffer.Length), buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var length = carried + read;
            var end = read < buffer.Length;
            var from = carried == 0 ? 0 : carried - 1;
            var to = end ? length : length - 1;
            for (var c = 0; c < s_candidates.Length; c++)
            {
                scores[c] += Score(Encoding.GetEncoding(s_candidates[c]), window.AsSpan(0, length), from, to);
            }

            if (end)
            {
                break;
            }

            window.AsSpan(length - 2, 2).CopyTo(window);
            carried = 2;
        }

        stream.Position = 0;
        return MostPlausible(scores);
    }

    private static DetectedEncoding Declared(string name, ReadOnlySpan<byte> bytes)
    {
        Encoding encoding;
        try
        {
            encoding = int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var codePage)
                ? Encoding.GetEncoding(codePage)
                : Encoding.GetEncoding(name.Replace("cp", "ibm", StringComparison.OrdinalIgnoreCase));
        }
        catch (ArgumentException)
        {
            throw new SextantException($"Unknown encoding '{name}'. Use 'auto', 'utf-8', 'ibm850' (DOS Latin-1), 'windows-1252', 'iso-8859-1', or a code page number.");
        }

        var preamble = Bom(bytes);
        var skip = preamble is not null && preamble.Value.Encoding.CodePage == encoding.CodePage ? preamble.Value.Length : 0;
        return new DetectedEncoding(encoding, encoding.WebName, skip, "declared in sextant.yaml");
    }

    /// <summary>Detects the encoding of <paramref name="bytes"/>.</summary>
    public static DetectedEncoding Detect(ReadOnlySpan<byte> bytes)
    {
        if (Bom(bytes) is { } bom)
        {
            return new DetectedEncoding(bom.Encoding, bom.Encoding.WebName, bom.Length, "byte-order mark");
        }

        if (IsValidUtf8(bytes))
        {
            return new DetectedEncoding(new UTF8Encoding(false), "utf-8", 0, "valid UTF-8");
        }

        var scores = new double[s_candidates.Length];
        for (var c = 0; c < s_candidates.Length; c++)
        {
            scores[c] = Score(Encoding.GetEncoding(s_candidates[c]), bytes, 0, bytes.Length);
        }

        return MostPlausible(scores);
    }

    private static DetectedEncoding MostPlausible(double[] scores)
    {
        var best = 0;
        var bestScore = double.NegativeInfinity;
        var described = new List<string>();
        for (var c = 0; c < s_candidates.Length; c++)
        {
            described.Add($"{Encoding.GetEncoding(s_candidates[c]).WebName} {scores[c].ToString("0", CultureInfo.InvariantCulture)}");
            if (scores[c] > bestScore)
            {
                bestScore = scores[c];
                best = s_candidates[c];
            }
        }

        var chosen = Encoding.GetEncoding(best);
        return new DetectedEncoding(chosen, chosen.WebName, 0, $"not valid UTF-8; most plausible single-byte code page (scores: {string.Join(", ", described)})");
    }

    private static (Encoding Encoding, int Length)? Bom(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, 2);
        }

        return null;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    // Scores only the characters decoded from bytes >= 0x80 (ASCII decodes the same in every candidate), those at
    // [from, to) of a window of a single-byte encoding (one char per byte), whose other bytes are context.
    private static double Score(Encoding encoding, ReadOnlySpan<byte> bytes, int from, int to)
    {
        var text = encoding.GetString(bytes);
        double score = 0;
        for (var i = from; i < to && i < text.Length; i++)
        {
            if (bytes[i] < 0x80)
            {
                continue;
            }

            var c = text[i];
            var prevLetter = i > 0 && char.IsLetter(text[i - 1]);
            var nextLetter = i + 1 < text.Length && char.IsLetter(text[i + 1]);
            var inWord = prevLetter || nextLetter;
            if (CommonLetters.Contains(c, StringComparison.Ordinal))
            {
                score += inWord ? 3 : 1;
            }
            else if (char.IsLetter(c))
            {
                score += inWord ? 0.5 : 0;
            }
            else if (char.IsControl(c))
            {
                score -= 5;
            }
            else
            {
                // Box drawing, currency, quotes and other symbols in the middle of words are implausible.
                score -= inWord ? 3 : 1;
            }
        }

        return score;
    }
}
