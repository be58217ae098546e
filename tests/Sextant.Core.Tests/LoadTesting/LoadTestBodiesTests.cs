using Sextant.LoadTesting;

namespace Sextant.Core.Tests.LoadTesting;

public sealed class LoadTestBodiesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Load_JsonArrayAndJsonLines_ReadTheSameRecords()
    {
        await File.WriteAllTextAsync(_dir.File("a.json"), """[{"x": 1, "c": "a"}, {"x": 2, "c": "b"}, {"x": 3}]""");
        await File.WriteAllTextAsync(_dir.File("b.jsonl"), "{\"x\": 1, \"c\": \"a\"}\n\n{\"x\": 2, \"c\": \"b\"}\n{\"x\": 3}\n");

        var array = await LoadTestBodies.LoadAsync(_dir.File("a.json"));
        var lines = await LoadTestBodies.LoadAsync(_dir.File("b.jsonl"));

        Assert.Equal(3, array.Records.Count);
        Assert.Equal(array.Records.Select(r => r.ToJsonString()), lines.Records.Select(r => r.ToJsonString()));
        Assert.Equal([1, 2, 3], array.Records.Select(r => (int)r["x"]!).Order());
    }

    [Fact]
    public async Task Load_SameSeed_SameOrder_AndAtMostMaxRecords()
    {
        await File.WriteAllTextAsync(_dir.File("r.jsonl"), string.Join('\n', Enumerable.Range(0, 50).Select(i => $"{{\"x\": {i}}}")));

        var first = await LoadTestBodies.LoadAsync(_dir.File("r.jsonl"), maxRecords: 20, seed: 7);
        var again = await LoadTestBodies.LoadAsync(_dir.File("r.jsonl"), maxRecords: 20, seed: 7);
        var other = await LoadTestBodies.LoadAsync(_dir.File("r.jsonl"), maxRecords: 20, seed: 8);

        Assert.Equal(20, first.Records.Count);
        Assert.Equal(20, first.Records.Select(r => (int)r["x"]!).Distinct().Count());
        Assert.Equal(first.Records.Select(r => r.ToJsonString()), again.Records.Select(r => r.ToJsonString()));
        Assert.NotEqual(first.Records.Select(r => r.ToJsonString()), other.Records.Select(r => r.ToJsonString()));
    }

    [Theory]
    [InlineData("[1, 2]", "item 0 is not a JSON object")]
    [InlineData("{\"x\": 1}\nnot json", "neither a JSON array of records nor JSON lines")]
    [InlineData("[]", "holds no records")]
    public async Task Load_NotAFileOfRecords_SaysWhy(string text, string message)
    {
        await File.WriteAllTextAsync(_dir.File("bad.json"), text);

        var ex = await Assert.ThrowsAsync<SextantException>(() => LoadTestBodies.LoadAsync(_dir.File("bad.json")));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingPath_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<SextantException>(() => LoadTestBodies.LoadAsync(_dir.File("nowhere")));

        Assert.Contains("neither a project folder nor a file of records", ex.Message, StringComparison.Ordinal);
    }
}
