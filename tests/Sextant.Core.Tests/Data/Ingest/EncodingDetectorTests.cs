using System.Text;
using Sextant.Data.Ingest;

namespace Sextant.Core.Tests.Data.Ingest;

public class EncodingDetectorTests
{
    static EncodingDetectorTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Text = "CUSTOMERNAME,CITY\nMädchen Spielwaren,Köln\nNiño Toys,Logroño\nJiménez Imports,Cádiz\nMaría Díaz,Logroño\nÅkesson Auto,Luleå\n";

    [Fact]
    public void Detect_Utf8Text_IsUtf8()
    {
        var detected = EncodingDetector.Detect(Encoding.UTF8.GetBytes(Text));
        Assert.Equal("utf-8", detected.Name);
        Assert.Equal(0, detected.PreambleLength);
    }

    [Fact]
    public void Detect_CodePage850Bytes_ChoosesIbm850AndDecodesLetters()
    {
        var bytes = Encoding.GetEncoding(850).GetBytes(Text);
        Assert.Contains((byte)0x84, bytes); // a-umlaut in code page 850
        Assert.Contains((byte)0xA4, bytes); // n-tilde
        Assert.Contains((byte)0xA1, bytes); // i-acute
        var detected = EncodingDetector.Detect(bytes);
        Assert.Equal("ibm850", detected.Name);
        Assert.Equal(Text, detected.Encoding.GetString(bytes));
    }

    [Fact]
    public void Detect_Windows1252Bytes_ChoosesWindows1252()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(Text);
        var detected = EncodingDetector.Detect(bytes);
        Assert.Equal("windows-1252", detected.Name);
        Assert.Equal(Text, detected.Encoding.GetString(bytes));
    }

    [Fact]
    public void Detect_Utf8Bom_IsHonouredAndSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Text)).ToArray();
        var detected = EncodingDetector.Detect(bytes);
        Assert.Equal(3, detected.PreambleLength);
        Assert.Equal("byte-order mark", detected.Reason);
    }

    [Fact]
    public void Resolve_ExplicitName_WinsOverDetection()
    {
        var bytes = Encoding.GetEncoding(850).GetBytes(Text);
        Assert.Equal("windows-1252", EncodingDetector.Resolve("windows-1252", bytes).Name);
        Assert.Equal("ibm850", EncodingDetector.Resolve("cp850", bytes).Name);
        Assert.Equal("ibm850", EncodingDetector.Resolve("850", bytes).Name);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsWithSuggestions()
    {
        var ex = Assert.Throws<SextantException>(() => EncodingDetector.Resolve("klingon", [65]));
        Assert.Contains("ibm850", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData((1 << 20) - 3)]
    [InlineData((1 << 20) - 1)]
    [InlineData(1 << 20)]
    [InlineData((2 << 20) + 1)]
    public async Task ResolveAsync_CodePage850LettersAtABlockBoundary_SameChoiceAndScoresAsTheWholeFile(int at)
    {
        // Plain ASCII with code page 850 words placed so that letters and their neighbours straddle the 1 MiB blocks.
        var bytes = new byte[(3 << 20) + 17];
        bytes.AsSpan().Fill((byte)'x');
        var word = Encoding.GetEncoding(850).GetBytes("Mädchen Niño Köln");
        word.CopyTo(bytes, at - 2);
        word.CopyTo(bytes, 10);
        var whole = EncodingDetector.Detect(bytes);
        await using var stream = new MemoryStream(bytes, writable: false);
        var streamed = await EncodingDetector.ResolveAsync("auto", stream);
        Assert.Equal("ibm850", streamed.Name);
        Assert.Equal(whole.Reason, streamed.Reason);
    }

    [Fact]
    public async Task ResolveAsync_Utf8WithAnInvalidByteAfterTheFirstBlock_IsNotUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', (1 << 20) + 5) + "é");
        bytes[^1] = 0x41; // cut the 2-byte e-acute: a lead byte followed by ASCII is invalid UTF-8
        await using var stream = new MemoryStream(bytes, writable: false);
        var streamed = await EncodingDetector.ResolveAsync("auto", stream);
        Assert.NotEqual("utf-8", streamed.Name);
        Assert.Equal(EncodingDetector.Detect(bytes).Name, streamed.Name);
    }
}
