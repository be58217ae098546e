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
        if (string.Equals(name, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Detect(bytes);
        }

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

        var best = 0;
        var bestScore = double.NegativeInfinity;
        var scores = new List<string>();
        foreach (var codePage in s_candidates)
        {
            var score = Plausibility(Encoding.GetEncoding(codePage).GetString(bytes), bytes);
            scores.Add($"{Encoding.GetEncoding(codePage).WebName} {score.ToString("0", CultureInfo.InvariantCulture)}");
            if (score > bestScore)
            {
                bestScore = score;
                best = codePage;
            }
        }

        var chosen = Encoding.GetEncoding(best);
        return new DetectedEncoding(chosen, chosen.WebName, 0, $"not valid UTF-8; most plausible single-byte code page (scores: {string.Join(", ", scores)})");
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

    // Scores only the characters decoded from bytes >= 0x80 (ASCII decodes the same in every candidate).
    private static double Plausibility(string text, ReadOnlySpan<byte> bytes)
    {
        double score = 0;
        for (var i = 0; i < bytes.Length && i < text.Length; i++)
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
