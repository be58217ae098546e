using System.Text;
using Sextant.Data;
using Sextant.Data.Ingest;

namespace Sextant.Core.Tests.Data.Ingest;

/// <summary>
/// The streamed reader at its seams: every few bytes is a buffer boundary (a stream that hands out at most
/// <c>step</c> bytes per read), and chunks and the type vote hold two rows, so quotes, multi-byte characters, CRLF
/// and type guesses all meet a boundary somewhere.
/// </summary>
public class CsvChunkReaderTests
{
    static CsvChunkReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static CsvReadResult ReadTrickled(byte[] bytes, int step, CsvReadOptions? options = null, int chunkRows = 2, int sniffRows = 2)
    {
        options ??= new CsvReadOptions();
        var encoding = EncodingDetector.Resolve(options.Encoding, bytes);
        return CsvTableReader.Read(() => new TrickleStream(bytes, step), encoding, "test.csv", options, chunkRows, sniffRows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Read_QuotedFieldsAcrossBufferAndChunkBoundaries_SameValuesAsOneBuffer(int step)
    {
        const string csv = "name,note,qty\r\n\"Corrida Auto Replicas, Ltd\",\"He said \"\"hi\"\"\r\nthen left\",1\r\nplain,\"a,b\",2\r\n\"x\"\"\",,3\r\n";
        var bytes = Encoding.UTF8.GetBytes(csv);
        var table = ReadTrickled(bytes, step).Table;
        AssertText(table, "name", "Corrida Auto Replicas, Ltd", "plain", "x\"");
        AssertText(table, "note", "He said \"hi\"\r\nthen left", "a,b", null);
        Assert.Equal([1.0, 2.0, 3.0], ((NumericColumn)table["qty"]).Values.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Read_MultiByteCharactersSplitAcrossBuffers_DecodeWhole(int step)
    {
        // 2-byte (e acute), 3-byte (euro sign, at every offset mod 3 across the rows), 4-byte (emoji) UTF-8 characters.
        const string csv = "city,price\nCádiz,1\n€,2\na€,3\nab€,4\n🚢 Ships,5\n";
        var table = ReadTrickled(Encoding.UTF8.GetBytes(csv), step).Table;
        AssertText(table, "city", "Cádiz", "€", "a€", "ab€", "🚢 Ships");
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], ((NumericColumn)table["price"]).Values.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Read_CodePage850AcrossBuffers_DecodesAsTheWholeFile(int step)
    {
        var bytes = Encoding.GetEncoding(850).GetBytes("CUSTOMERNAME,QTY\r\nMädchen Spielwaren,3\r\nNiño Toys,4\r\nJiménez Imports,5\r\n");
        var result = ReadTrickled(bytes, step);
        Assert.Equal("ibm850", result.Encoding.Name);
        AssertText(result.Table, "CUSTOMERNAME", "Mädchen Spielwaren", "Niño Toys", "Jiménez Imports");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Read_CrLfSplitAcrossBuffers_NoCarriageReturnInValuesAndNoEmptyRows(int step)
    {
        var table = ReadTrickled(Encoding.UTF8.GetBytes("a,b\r\n1,x\r\n\r\n2,y\r\n3,z"), step).Table;
        Assert.Equal(3, table.RowCount);
        AssertText(table, "b", "x", "y", "z");
    }

    [Fact]
    public void Read_RaggedRowInALaterChunk_NamesItsLineCountingLinesInsideQuotes()
    {
        // Line 3 is inside a quoted field, so the ragged record (the fifth) starts on line 7.
        const string csv = "a,b,c\n1,2,3\n\"multi\nline\",5,6\n7,8,9\n10,11,12\n13,14\n";
        var ex = Assert.Throws<DataFileException>(() => ReadTrickled(Encoding.UTF8.GetBytes(csv), 3));
        Assert.Equal(7, ex.Row);
        Assert.Equal("c", ex.ColumnName);
        Assert.Contains("2 field(s) but the header has 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WordAfterTheTypeVote_ColumnIsTextLikeAWholeFileRead()
    {
        const string csv = "code,qty\n1,1\n2,2\n3,3\nC4,4\n5,5\n";
        var chunked = ReadTrickled(Encoding.UTF8.GetBytes(csv), 4).Table;
        var whole = ReadTrickled(Encoding.UTF8.GetBytes(csv), 4, chunkRows: 1000, sniffRows: 1000).Table;
        Assert.Equal(ColumnType.Text, chunked["code"].Type);
        AssertText(chunked, "code", "1", "2", "3", "C4", "5");
        Assert.Equal(5, chunked.RowCount);
        Assert.Equal(DatasetFingerprint.Compute(whole), DatasetFingerprint.Compute(chunked));
    }

    [Fact]
    public void Read_ColumnEmptyDuringTheVoteThenNumeric_IsNumeric()
    {
        var table = ReadTrickled(Encoding.UTF8.GetBytes("id,late\n1,\n2,\n3,\n4,2.5\n5,\n"), 6).Table;
        Assert.Equal(ColumnType.Numeric, table["late"].Type);
        Assert.Equal(2.5, ((NumericColumn)table["late"])[3]);
        Assert.Equal(4, table["late"].MissingCount);
    }

    [Fact]
    public void Read_ColumnEmptyEverywhere_IsText()
    {
        var table = ReadTrickled(Encoding.UTF8.GetBytes("id,none\n1,\n2,\n3, \n4,\n"), 6).Table;
        Assert.Equal(ColumnType.Text, table["none"].Type);
        Assert.Equal(4, table["none"].MissingCount);
    }

    [Fact]
    public void Read_NaAndNaNAfterTheVote_AreValuesNotMissing()
    {
        // "NA" is a territory, not a null token; "NaN" is not a finite number, so the column becomes text.
        var table = ReadTrickled(Encoding.UTF8.GetBytes("TERRITORY,x\nEMEA,1\nEMEA,2\nNA,NaN\n"), 5).Table;
        Assert.Equal("NA", ((TextColumn)table["TERRITORY"])[2]);
        Assert.Equal(ColumnType.Text, table["x"].Type);
        Assert.Equal("NaN", ((TextColumn)table["x"])[2]);
    }

    [Fact]
    public void Read_UnpaddedDatesInLaterChunks_ParseWithTheDeclaredFormat()
    {
        var options = new CsvReadOptions { DateFormats = ["M/d/yyyy H:mm"] };
        var table = ReadTrickled(Encoding.UTF8.GetBytes("ORDERDATE\n2/24/2003 0:00\n5/7/2003 0:00\n12/1/2004 13:05\n"), 4, options).Table;
        Assert.Equal(ColumnType.Date, table["ORDERDATE"].Type);
        Assert.Equal(new DateTime(2004, 12, 1, 13, 5, 0), ((DateColumn)table["ORDERDATE"])[2]);
    }

    [Fact]
    public void Read_BadForcedValueAndALaterRaggedRow_ReportsTheRaggedRowFirst()
    {
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["qty"] = ColumnType.Numeric } };
        var ex = Assert.Throws<DataFileException>(() => ReadTrickled(Encoding.UTF8.GetBytes("id,qty\n1,5\n2,five\n3,6\n4,7\n5\n"), 4, options));
        Assert.Equal(6, ex.Row);
        Assert.Contains("1 field(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadForcedValuesInTwoColumns_ReportsTheLeftmostColumnsFirstBadValue()
    {
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["a"] = ColumnType.Numeric, ["b"] = ColumnType.Numeric } };
        var ex = Assert.Throws<DataFileException>(() => ReadTrickled(Encoding.UTF8.GetBytes("a,b\n1,x\n2,3\n4,5\ny,6\n"), 4, options));
        Assert.Equal("a", ex.ColumnName);
        Assert.Equal(5, ex.Row);
    }

    [Fact]
    public void Read_NoBreakSpaceAroundAValue_IsTrimmedLikeStringTrim()
    {
        var table = ReadTrickled(Encoding.UTF8.GetBytes("a,b\n\u00a012.5\u00a0,x\n3,\u2003\n"), 3).Table;
        Assert.Equal(12.5, ((NumericColumn)table["a"])[0]);
        Assert.True(table["b"].IsMissing(1));
    }

    private static void AssertText(Table table, string column, params string?[] expected) =>
        Assert.Equal<IEnumerable<string?>>(expected, ((TextColumn)table[column]).Values.ToArray());

    /// <summary>A read-only stream over bytes that returns at most <c>step</c> bytes per read.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, step));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, step)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, step), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, step)], cancellationToken);
    }
}
