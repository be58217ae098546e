using System.Globalization;

namespace Sextant.Scoring;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> of an input: the rows whose 0-based number <c>r</c> has
/// <c>r % Count == Index</c>. Fixed by row number alone, so the parts of one input never overlap and together are all of
/// it, whatever the machine or the chunking; Kubernetes' indexed Jobs number their pods the same way (0 to N-1).
/// </summary>
public readonly record struct Partition(int Index, int Count)
{
    /// <summary>The whole input.</summary>
    public static Partition All => new(0, 1);

    /// <summary>Whether data row <paramref name="row"/> (0-based) belongs to this part.</summary>
    public bool Contains(long row) => row % Count == Index;

    /// <summary>Reads <c>K/N</c> (0 &lt;= K &lt; N).</summary>
    /// <exception cref="SextantException">Not of that form.</exception>
    public static Partition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count > 0 && index < count
            ? new Partition(index, count)
            : throw new SextantException($"--partition '{text}' is not K/N with 0 <= K < N (e.g. 0/4 ... 3/4; a Kubernetes indexed Job's JOB_COMPLETION_INDEX is K).");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
