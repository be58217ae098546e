using System.Text;
using Sextant.Data;
using Sextant.Data.Ingest;

namespace Sextant.Core.Tests.Data.Ingest;

public class CsvTableReaderTests
{
    static CsvTableReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static CsvReadResult Read(string text, CsvReadOptions? options = null) =>
        CsvTableReader.Read(Encoding.UTF8.GetBytes(text), "test.csv", options ?? new CsvReadOptions());

    [Fact]
    public void Read_InfersNumericDateAndTextColumns()
    {
        var result = Read("a,b,c\n1,2020-01-02,x\n2.5,2021-03-04,y\n", new CsvReadOptions { DateFormats = ["yyyy-MM-dd"] });
        Assert.Equal(ColumnType.Numeric, result.Table["a"].Type);
        Assert.Equal(ColumnType.Date, result.Table["b"].Type);
        Assert.Equal(ColumnType.Text, result.Table["c"].Type);
        Assert.Equal(2.5, ((NumericColumn)result.Table["a"])[1]);
        Assert.Equal(new DateTime(2021, 3, 4), ((DateColumn)result.Table["b"])[1]);
    }

    [Fact]
    public void Read_NaIsAValueUnlessDeclaredNull()
    {
        const string csv = "TERRITORY,STATE\nNA,\nEMEA,CA\n";
        var table = Read(csv).Table;
        Assert.Equal("NA", ((TextColumn)table["TERRITORY"])[0]);
        Assert.True(table["STATE"].IsMissing(0));

        var declared = Read(csv, new CsvReadOptions { NullTokens = ["", "NA"] }).Table;
        Assert.True(declared["TERRITORY"].IsMissing(0));
    }

    [Fact]
    public void Read_BlankSpaceIsMissingWhenTrimmed()
    {
        var table = Read("tenure,TotalCharges\n0, \n5,100.5\n").Table;
        Assert.Equal(ColumnType.Numeric, table["TotalCharges"].Type);
        Assert.True(table["TotalCharges"].IsMissing(0));
    }

    [Fact]
    public void Read_DateWithDeclaredFormat_ParsesUnpaddedMonthDay()
    {
        var options = new CsvReadOptions { DateFormats = ["M/d/yyyy H:mm"], ColumnTypes = new Dictionary<string, ColumnType> { ["ORDERDATE"] = ColumnType.Date } };
        var table = Read("ORDERDATE\n2/24/2003 0:00\n12/1/2004 13:05\n", options).Table;
        Assert.Equal(new DateTime(2003, 2, 24), ((DateColumn)table["ORDERDATE"])[0]);
        Assert.Equal(new DateTime(2004, 12, 1, 13, 5, 0), ((DateColumn)table["ORDERDATE"])[1]);
    }

    [Fact]
    public void Read_BadDate_NamesLineColumnAndValue()
    {
        var options = new CsvReadOptions { DateFormats = ["M/d/yyyy H:mm"], ColumnTypes = new Dictionary<string, ColumnType> { ["ORDERDATE"] = ColumnType.Date } };
        var ex = Assert.Throws<DataFileException>(() => Read("ORDERDATE\n2/24/2003 0:00\n2003-13-45\n", options));
        Assert.Equal(3, ex.Row);
        Assert.Equal("ORDERDATE", ex.ColumnName);
        Assert.Contains("2003-13-45", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonNumericValueInNumericColumn_NamesLineAndColumn()
    {
        var options = new CsvReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["qty"] = ColumnType.Numeric } };
        var ex = Assert.Throws<DataFileException>(() => Read("id,qty\n1,5\n2,five\n", options));
        Assert.Equal(3, ex.Row);
        Assert.Equal("qty", ex.ColumnName);
        Assert.Contains("'five' is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RaggedRow_NamesLineAndCounts()
    {
        var ex = Assert.Throws<DataFileException>(() => Read("a,b,c\n1,2,3\n4,5\n6,7,8\n"));
        Assert.Equal(3, ex.Row);
        Assert.Contains("2 field(s) but the header has 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuotedFieldsWithDelimitersAndLineBreaks_Survive()
    {
        var table = Read("name,city\n\"Corrida Auto Replicas, Ltd\",Madrid\n\"Line\nbreak\",\"He said \"\"hi\"\"\"\n").Table;
        Assert.Equal("Corrida Auto Replicas, Ltd", ((TextColumn)table["name"])[0]);
        Assert.Equal("Line\nbreak", ((TextColumn)table["name"])[1]);
        Assert.Equal("He said \"hi\"", ((TextColumn)table["city"])[1]);
    }

    [Fact]
    public void Read_EmptyFile_SaysEmpty()
    {
        var ex = Assert.Throws<DataFileException>(() => CsvTableReader.Read([], "empty.csv", new CsvReadOptions()));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.Equal("empty.csv", ex.File);
    }

    [Fact]
    public void Read_HeaderOnly_SaysNoDataRows()
    {
        var ex = Assert.Throws<DataFileException>(() => Read("a,b\n"));
        Assert.Contains("no data rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_SaysDoesNotExist()
    {
        var ex = await Assert.ThrowsAsync<DataFileException>(() => CsvTableReader.ReadAsync("/nonexistent/sales.csv", new CsvReadOptions()));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/sales.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongDelimiter_SuggestsTheRightOne()
    {
        var options = new CsvReadOptions { RequiredColumns = new Dictionary<string, string> { ["a"] = "features", ["b"] = "target" } };
        var ex = Assert.Throws<DataFileException>(() => Read("a;b;c\n1;2;3\n", options));
        Assert.Contains("';'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ColumnNamedInConfigButAbsent_NamesItAndTheHeader()
    {
        var options = new CsvReadOptions { RequiredColumns = new Dictionary<string, string> { ["SALES"] = "target" } };
        var ex = Assert.Throws<DataFileException>(() => Read("sales,qty\n1,2\n", options));
        Assert.Equal("SALES", ex.ColumnName);
        Assert.Contains("Did you mean 'sales'?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CodePage850File_DecodesNamesAndReportsEncoding()
    {
        var bytes = Encoding.GetEncoding(850).GetBytes("CUSTOMERNAME,QTY\nMädchen Spielwaren,3\nNiño Toys,4\n");
        var result = CsvTableReader.Read(bytes, "sales.csv", new CsvReadOptions());
        Assert.Equal("ibm850", result.Encoding.Name);
        Assert.Equal("Mädchen Spielwaren", ((TextColumn)result.Table["CUSTOMERNAME"])[0]);
    }

    [Fact]
    public void Read_Utf8BomAndCrLf_HeaderHasNoBomAndValuesNoCarriageReturn()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Item Code,Loss Rate (%)\r\n102900005115168,4.39 \r\n")).ToArray();
        var table = CsvTableReader.Read(bytes, "annex4.csv", new CsvReadOptions()).Table;
        Assert.True(table.Contains("Item Code"));
        Assert.Equal(4.39, ((NumericColumn)table["Loss Rate (%)"])[0]);
    }
}
