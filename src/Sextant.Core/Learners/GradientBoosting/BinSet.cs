using System.Runtime.CompilerServices;

namespace Sextant.Learners.GradientBoosting;

/// <summary>A set of byte bins (256 bits, inline), the bins a categorical split sends left.</summary>
[InlineArray(Words)]
internal struct BinSet
{
    private const int Words = 4;

    private ulong _word;

    /// <summary>Whether the set holds <paramref name="bin"/> (0 to 255).</summary>
    public readonly bool Contains(int bin) => (this[bin >> 6] & (1UL << (bin & 63))) != 0;

    /// <summary>Adds <paramref name="bin"/> (0 to 255).</summary>
    public void Add(int bin) => this[bin >> 6] |= 1UL << (bin & 63);
}
