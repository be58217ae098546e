namespace Sextant.Examples;

/// <summary>The byte encoding of a generated sales file.</summary>
public enum SalesFileEncoding
{
    /// <summary>DOS code page 850, as the public sales file: a-umlaut is byte 0x84, i-acute 0xA1, n-tilde 0xA4.</summary>
    CodePage850 = 0,

    /// <summary>UTF-8 without a byte-order mark.</summary>
    Utf8 = 1,
}
