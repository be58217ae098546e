using Sextant.Data;
using Sextant.Storage;

namespace Sextant.Core.Tests.Data;

public class DatasetFingerprintTests
{
    private static Table Sample() => new([
        new NumericColumn("a", [1.5, -0.25, double.NaN, 1e20]),
        new DateColumn("d", [new DateTime(2003, 2, 24), null, new DateTime(2004, 12, 1, 13, 5, 0), new DateTime(2003, 2, 24)]),
        new TextColumn("t", ["Mädchen", "NA", null, "€ \"q\", x"]),
    ]);

    // SHA-256 of the canonical form written out by hand (names and types, then each value's canonical text, 0x00 for
    // missing, 0x1f after each value, 0x1e after each row): the definition stored versions were fingerprinted with.
    private const string Expected = "ac67a749b9988b658b2e35cd15f7765ad8f40cf994196056f2083b437f706c60";

    [Fact]
    public void Compute_KnownTable_MatchesTheCanonicalFormDefinition() =>
        Assert.Equal(Expected, DatasetFingerprint.Compute(Sample()));

    [Fact]
    public async Task DatasetWriter_RowsInChunks_SameFingerprintAsTheWholeTable()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sextant-fp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = await ProjectStore.OpenAsync(folder);
            var table = Sample();
            await using var writer = store.CreateDatasetWriter();
            await writer.WriteAsync(table.Take([0]));
            await writer.WriteAsync(table.Take([1, 2]));
            await writer.WriteAsync(table.Take([3]));
            var info = await writer.CommitAsync("fp", "test", "utf-8", new { });
            Assert.Equal(Expected, info.Fingerprint);
            Assert.Equal(4, info.Rows);
            var (_, loaded) = await store.LoadDatasetAsync("fp");
            Assert.Equal(Expected, DatasetFingerprint.Compute(loaded));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder, ProjectStore.FolderName, ProjectStore.DatasetFolderName), "*.partial"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DatasetWriter_DisposedWithoutCommit_LeavesNoFileAndNoVersion()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sextant-fp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = await ProjectStore.OpenAsync(folder);
            await using (var writer = store.CreateDatasetWriter())
            {
                await writer.WriteAsync(Sample());
            }

            Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder, ProjectStore.FolderName, ProjectStore.DatasetFolderName)));
            Assert.Empty(await store.ListDatasetsAsync("fp"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
